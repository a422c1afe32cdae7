"""``manage.py llp_demo`` seeds every kind of person and training, and running it again changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from llp_edx_plugin.management.commands.llp_demo import LIVE_EVENT_KEY, PASSWORD, PEOPLE

SELF_PACED = "course-v1:LLP+LEAD101+2026_SP"
INSTRUCTOR_PACED = "course-v1:LLP+COACH201+2026"


def _snapshot() -> dict:
    from llp_edx_plugin import models  # the whole database, counted per model

    return {name: getattr(models, name).objects.count() for name in models.__all__}


@pytest.mark.django_db
def test_demo_seeds_people_courses_and_live_event(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("llp_demo", stdout=io.StringIO())

    kinds = {accounts_api.get_profile_by_username(u).account_type for u, *_ in PEOPLE}
    assert kinds == {"individual", "employee", "company_admin"}
    assert accounts_api.get_actor(get_user_model().objects.get(username="aaron")).can_mark_attendance
    assert get_user_model().objects.get(username="admin").is_superuser
    assert get_user_model().objects.get(username="alice").check_password(PASSWORD)

    self_paced = courses_api.get_course(SELF_PACED)
    instructor_paced = courses_api.get_course(INSTRUCTOR_PACED)
    live = courses_api.get_course(LIVE_EVENT_KEY)
    assert (self_paced.self_paced, instructor_paced.self_paced, live.kind) == (True, False, "live_event")
    # set up as a course team would: an example certificate succeeded, then certificates were activated
    assert (self_paced.certificates_active, instructor_paced.certificates_active) == (True, True)
    # every demo video has a duration: set in the OLX, or measured from the demo's own media file
    durations = {
        v.name: (v.duration, v.source)
        for course in (SELF_PACED, INSTRUCTOR_PACED)
        for v in courses_api.list_videos(course)
    }
    assert durations == {
        "Intro: leading yourself": (20.003, "media file"),
        "The GROW model in 20 seconds": (20.0, "course"),
    }
    types = {b.block_type for b in courses_api.get_structure(SELF_PACED)}
    assert {"llp_video", "llp_reading", "llp_quiz"} <= types
    ines = accounts_api.get_actor(get_user_model().objects.get(username="ines"))
    assert set(ines.course_roles) == {SELF_PACED, INSTRUCTOR_PACED, LIVE_EVENT_KEY}
    acme = accounts_api.find_company("Acme Corp")
    assert acme.logo_url is not None


@pytest.mark.django_db
def test_demo_live_event_has_started_with_learners_waiting_for_attendance(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("llp_demo", stdout=io.StringIO())

    aaron = accounts_api.get_actor(get_user_model().objects.get(username="aaron"))
    (event,) = [e for e in events_api.events_home(actor=aaron) if e.course_key == LIVE_EVENT_KEY]
    assert event.phase == "in_progress"
    assert (event.registered, event.unmarked) == (3, 2)  # maria of Acme was marked present already
    roster = events_api.roster(LIVE_EVENT_KEY, actor=aaron)
    assert {r.username for r in roster} == {"alice", "erik", "maria"}
    assert events_api.mark_attendance(LIVE_EVENT_KEY, "alice", True, actor=aaron).present is True
    live = courses_api.get_course(LIVE_EVENT_KEY)
    assert (live.location, live.capacity) == ("Madrid HQ, room 4 (and online)", 40)


@pytest.mark.django_db
def test_demo_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("llp_demo", stdout=io.StringIO())
    first = _snapshot()
    call_command("llp_demo", stdout=io.StringIO())
    assert _snapshot() == first


@pytest.mark.django_db
def test_logins_lists_every_demo_account(capsys):
    call_command("llp_demo", "--logins")
    out = capsys.readouterr().out
    assert PASSWORD in out
    for username, *_ in PEOPLE:
        assert f"  {username} " in out


@pytest.mark.django_db
def test_demo_company_has_employees_in_different_states(settings, tmp_path, django_capture_on_commit_callbacks):
    from llp_edx_plugin.company import api as company_api

    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):  # what the demo's commits start (maria's certificate)
        call_command("llp_demo", stdout=io.StringIO())
    call_command("llp_demo", stdout=io.StringIO())  # idempotent

    carla = accounts_api.get_actor(get_user_model().objects.get(username="carla"))
    employees = {e.username: e for e in company_api.list_employees(carla).employees}
    assert set(employees) == {"erik", "maria", "tomas", "nina"}
    maria = {t.course_key: t for t in employees["maria"].trainings}
    assert maria[LIVE_EVENT_KEY].certificate_status == "downloadable"
    assert maria[LIVE_EVENT_KEY].downloadable
    assert all(t.assigned and t.progress_percent == 0 for t in employees["tomas"].trainings)
    assert employees["nina"].is_active is False
    summary = company_api.summary(carla)
    assert summary.certificates_to_collect >= 1


@pytest.mark.django_db
def test_demo_has_a_pathway_of_the_demo_trainings(settings, tmp_path):
    from llp_edx_plugin.management.commands.llp_demo import PATHWAY_SLUG
    from llp_edx_plugin.programs import api as programs_api

    settings.MEDIA_ROOT = tmp_path
    call_command("llp_demo", stdout=io.StringIO())
    pathway = programs_api.get_program(PATHWAY_SLUG)
    assert (pathway.kind, pathway.in_order) == ("pathway", True)
    assert {m.key for m in pathway.members} == {SELF_PACED, INSTRUCTOR_PACED, LIVE_EVENT_KEY}
    alice = accounts_api.get_profile_by_username("alice").user_id
    assert [p.program.slug for p in programs_api.user_programs(alice)] == [PATHWAY_SLUG]
    call_command("llp_demo", stdout=io.StringIO())
    assert [p.slug for p in programs_api.list_programs()] == [PATHWAY_SLUG]
