"""``manage.py generate_certificates``: the bulk job inline, with a progress bar and clear errors."""

import io

import pytest
from django.core.management import CommandError, call_command

from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.instructor import api as instructor_api
from llp_edx_plugin.jobs import api as jobs_api
from tests.instructor.conftest import make_learners

pytestmark = pytest.mark.django_db


def test_the_command_runs_the_generation_job_in_process_with_a_progress_bar(course, django_capture_on_commit_callbacks):
    make_learners(course, ["pass", "fail", "pass", "none"])
    out, err = io.StringIO(), io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_certificates", course, "--chunk-size", "2", stdout=out, stderr=err)

    (run,) = instructor_api.generation_history(course)
    assert (run.status, run.total, run.done) == ("done", 4, 4)
    assert f"Job {run.job_id} done: 2 issued, 2 not passing, 0 skipped, 0 errors." in out.getvalue()
    assert "downloadable: 2" in out.getvalue()
    assert "4/4" in err.getvalue()
    assert Certificate.objects.filter(status="downloadable").count() == 2


def test_regenerating_by_status_from_the_command(course, django_capture_on_commit_callbacks):
    make_learners(course, ["pass", "fail"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_certificates", course, stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_certificates", course, "--statuses", "downloadable", stdout=out, stderr=io.StringIO())

    assert "1 issued, 0 not passing, 1 skipped" in out.getvalue()
    assert instructor_api.generation_history(course)[0].statuses == ("downloadable",)


def test_an_unknown_course_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Unknown course 'course-v1:No\\+Such\\+Course'"):
        call_command("generate_certificates", "course-v1:No+Such+Course", stderr=io.StringIO())


def test_a_running_job_is_a_clear_error(course):
    running = instructor_api.start_generation(course, None)  # pending: its on-commit send never runs here

    with pytest.raises(CommandError, match=f"already being generated for this course \\(job {running.id}\\)"):
        call_command("generate_certificates", course, stderr=io.StringIO())
    assert [job.id for job in jobs_api.list_jobs(kind="certificate_generation")] == [running.id]


def test_a_course_without_active_certificates_is_a_clear_error(world, media):
    courses_api.set_certificates_active(world.course_key, False)
    with pytest.raises(CommandError, match="Activate the course's certificates"):
        call_command("generate_certificates", world.course_key, stderr=io.StringIO())
