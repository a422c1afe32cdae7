"""Every issuer of a member certificate settles the program: attendance (present / absent), bulk generation;
a member withdrawn while the program certificate is still rendering."""

from datetime import timedelta

import pytest
from django.db import transaction

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from llp_edx_plugin.programs import api as programs_api
from tests.certificates.conftest import build_reading_course, complete_blocks
from tests.events.conftest import EVENT, make_event
from tests.jobs.celery_conf import celery_conf
from tests.programs.conftest import COURSE_A

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_event(world, courses, staff):
    make_event(EVENT, starts_in=-timedelta(hours=1))
    return programs_api.create_program(staff, slug="mixed", title="Mixed", kind="pathway", members=[COURSE_A, EVENT])


def test_attendance_present_issues_and_absent_withdraws(world, with_event, finish, committing):
    learner = world.users["learner"]
    programs_api.enroll("mixed", learner.pk)
    finish(learner, COURSE_A)
    marker = accounts_api.get_actor(world.users["attendance_admin"])
    assert certificates_api.certificate_for(learner.pk, with_event.course_key) is None
    committing(events_api.mark_attendance, EVENT, "learner", True, actor=marker)
    assert certificates_api.certificate_for(learner.pk, with_event.course_key).status in ("generating", "downloadable")
    committing(events_api.mark_attendance, EVENT, "learner", False, actor=marker)
    cert = certificates_api.certificate_for(learner.pk, with_event.course_key)
    assert cert.status == "invalidated"
    (notes,) = [i.notes for i in certificates_api.list_invalidations(with_event.course_key)]
    reason = "Kick-off live session (certificate invalidated: Marked absent from the live event)"
    assert notes == f"{programs_api.WITHDRAWN_NOTES}{reason}"
    committing(events_api.mark_attendance, EVENT, "learner", True, actor=marker)
    assert certificates_api.certificate_for(learner.pk, with_event.course_key).status == "downloadable"


def test_bulk_generation_of_the_last_member_issues_the_program(world, courses, staff, committing):
    paced = "course-v1:LLP+PACED+2026"
    readings = build_reading_course(paced, self_paced=False)
    programs_api.create_program(staff, slug="paced", title="Paced", kind="pathway", members=[paced])
    learner = world.users["learner"]
    programs_api.enroll("paced", learner.pk)
    committing(complete_blocks, learner, paced, readings)
    program_key = programs_api.get_program("paced").course_key
    assert certificates_api.certificate_for(learner.pk, program_key) is None  # instructor-paced: nothing yet

    def generate():
        with transaction.atomic():
            return certificates_api.issue_many(paced, courses_api.enrolled_user_ids(paced))

    assert committing(generate).issued == 1
    assert certificates_api.certificate_for(learner.pk, program_key).status in ("generating", "downloadable")


@pytest.fixture
def nothing_renders_in_the_background():
    # The Celery app's own config (read once from the settings): certificates stay generating.
    with celery_conf(task_always_eager=False):
        yield


@pytest.mark.usefixtures("nothing_renders_in_the_background")
def test_a_member_invalidated_while_the_program_certificate_renders(world, pathway, courses, committing):
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    for key, readings in courses.items():
        complete_blocks(learner, key, readings)  # on-commit work not run: issued below, by hand
        committing(certificates_api.issue, learner.pk, key, issuer=certificates_api.Issuer.AUTOMATIC)
    assert certificates_api.certificate_for(learner.pk, pathway.course_key).status == "generating"
    committing(certificates_api.render_certificate, certificates_api.certificate_for(learner.pk, COURSE_A).id)
    committing(certificates_api.invalidate, COURSE_A, "learner", "Copied")
    cert = certificates_api.certificate_for(learner.pk, pathway.course_key)
    assert cert.status == "invalidated"
    assert cert.has_pdf  # rendered first: only an issued certificate is invalidated
