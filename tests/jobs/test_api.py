"""jobs.api: starting jobs (hash, duplicates, on-commit sending), reading them back."""

import pytest

from llp_edx_plugin.errors import Conflict, FieldErrors, NotFound
from llp_edx_plugin.jobs import api as jobs_api
from llp_edx_plugin.jobs.models import Job
from tests.jobs.celery_conf import celery_conf

COURSE = "course-v1:LLP+LEAD101+2026"
FAST = {"n": 30, "chunk": 10, "pause": 0}


@pytest.fixture
def user_id(django_user_model) -> int:
    return django_user_model.objects.create_user("requester", password="x").pk


def test_input_hash_is_stable_and_depends_on_every_input():
    base = jobs_api.input_hash("selftest", COURSE, {"n": 1, "chunk": 2})

    assert base == jobs_api.input_hash("selftest", COURSE, {"chunk": 2, "n": 1})
    assert len(base) == 64
    assert base != jobs_api.input_hash("report", COURSE, {"n": 1, "chunk": 2})
    assert base != jobs_api.input_hash("selftest", None, {"n": 1, "chunk": 2})
    assert base != jobs_api.input_hash("selftest", COURSE, {"n": 2, "chunk": 2})


@pytest.mark.django_db
def test_start_job_stores_a_pending_row_and_sends_the_task_only_on_commit(user_id, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs_api.start_job("selftest", COURSE, user_id, FAST)

    assert len(callbacks) == 1
    assert (job.kind, job.course_key, job.requested_by_id, job.status) == ("selftest", COURSE, user_id, "pending")
    assert job.parameters == {"n": 30, "chunk": 10, "pause": 0}
    assert Job.objects.get(pk=job.id).input_hash == jobs_api.input_hash("selftest", COURSE, job.parameters)
    assert jobs_api.get_job(job.id).status == "pending"  # the task did not run before the commit


@pytest.mark.django_db
def test_started_job_runs_to_done_with_its_counters(user_id, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs_api.start_job("selftest", COURSE, user_id, {"n": 25, "chunk": 10, "pause": 0})

    job = jobs_api.get_job(job.id)
    assert (job.status, job.total, job.done, job.failed) == ("done", 25, 25, 0)
    assert job.result == {"counted": 25, "attempts": 1}
    assert job.started is not None
    assert job.finished is not None
    assert job.started <= job.finished
    assert job.percent == 100


@pytest.mark.django_db
def test_a_second_active_job_with_the_same_inputs_is_refused(user_id, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = jobs_api.start_job("selftest", COURSE, user_id, FAST)

    with pytest.raises(Conflict, match=f"already in progress \\(job {first.id}\\)"):
        jobs_api.start_job("selftest", COURSE, None, dict(FAST))

    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_a_running_job_also_blocks_its_duplicate(user_id, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = jobs_api.start_job("selftest", COURSE, user_id, FAST)
    Job.objects.filter(pk=first.id).update(status="running")

    with pytest.raises(Conflict):
        jobs_api.start_job("selftest", COURSE, user_id, FAST)


@pytest.mark.django_db
def test_other_inputs_or_a_finished_job_do_not_block(user_id, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        finished = jobs_api.start_job("selftest", COURSE, user_id, FAST)
    with django_capture_on_commit_callbacks(execute=False):
        again = jobs_api.start_job("selftest", COURSE, user_id, FAST)
        other_params = jobs_api.start_job("selftest", COURSE, user_id, {**FAST, "n": 31})
        other_course = jobs_api.start_job("selftest", "course-v1:LLP+OTHER201+2026", user_id, FAST)
        no_course = jobs_api.start_job("selftest", None, user_id, FAST)

    assert jobs_api.get_job(finished.id).status == "done"
    assert [j.status for j in (again, other_params, other_course, no_course)] == ["pending"] * 4
    assert Job.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "course_key", "parameters", "field"),
    [
        ("no-such-kind", COURSE, FAST, "kind"),
        ("selftest", "not a key", FAST, "course_key"),
        ("selftest", COURSE, {"n": 0}, "n"),
        ("selftest", COURSE, {"n": "10"}, "n"),
        ("selftest", COURSE, {"n": True}, "n"),
        ("selftest", COURSE, {"pause": 60}, "pause"),
        ("selftest", COURSE, {"surprise": 1}, "parameters"),
        ("selftest", COURSE, {"n": float("nan")}, "parameters"),
        ("selftest", COURSE, {"n": object()}, "parameters"),
        ("selftest", COURSE, ["n", 3], "parameters"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(kind, course_key, parameters, field, user_id):
    with pytest.raises(FieldErrors) as caught:
        jobs_api.start_job(kind, course_key, user_id, parameters)

    assert list(caught.value.errors) == [field]
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_requester_is_refused():
    with pytest.raises(FieldErrors) as caught:
        jobs_api.start_job("selftest", COURSE, 987654, FAST)

    assert caught.value.errors == {"requested_by_id": ["No user with id 987654."]}
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_a_task_that_cannot_be_sent_leaves_the_job_pending_with_the_reason(user_id, django_capture_on_commit_callbacks):
    # Given a broker that refuses connections
    unreachable = {"task_always_eager": False, "broker_url": "redis://127.0.0.1:1/0"}

    # When a job is started
    with celery_conf(**unreachable), django_capture_on_commit_callbacks(execute=True):
        job = jobs_api.start_job("selftest", COURSE, user_id, FAST)

    # Then it waits, pending, with why it is not queued (the sweep sends it again; tests/jobs/test_sweep.py)
    job = jobs_api.get_job(job.id)
    assert job.status == "pending"
    assert job.result["queue_error"].startswith("Not queued: OperationalError: ")
    assert "Connection refused" in job.result["queue_error"]
    # and a second job with the same inputs is refused: this one will still run
    with pytest.raises(Conflict, match=f"job {job.id}"):
        jobs_api.start_job("selftest", COURSE, user_id, FAST)


@pytest.mark.django_db
def test_get_job_of_an_unknown_id_is_not_found():
    with pytest.raises(NotFound):
        jobs_api.get_job(424242)


@pytest.mark.django_db
def test_list_jobs_filters_by_kind_and_course_newest_first(user_id, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        a = jobs_api.start_job("selftest", COURSE, user_id, {"n": 1})
        b = jobs_api.start_job("selftest", None, user_id, {"n": 2})
        c = jobs_api.start_job("selftest", COURSE, user_id, {"n": 3})

    assert [j.id for j in jobs_api.list_jobs()] == [c.id, b.id, a.id]
    assert [j.id for j in jobs_api.list_jobs(course_key=COURSE)] == [c.id, a.id]
    assert [j.id for j in jobs_api.list_jobs(kind="selftest", course_key=COURSE, limit=1)] == [c.id]
    assert jobs_api.list_jobs(kind="report") == []
    with pytest.raises(FieldErrors):
        jobs_api.list_jobs(course_key="nope")
