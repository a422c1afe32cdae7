"""The Certificates tab's domain functions: examples, activation, learner generation, jobs, history."""

import io

import pytest
from opaque_keys.edx.keys import CourseKey
from pypdf import PdfReader

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate, CertificateTemplate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.errors import Conflict, FieldErrors
from llp_edx_plugin.instructor import api as instructor_api
from llp_edx_plugin.instructor import tasks as instructor_tasks
from llp_edx_plugin.jobs import api as jobs_api
from tests.instructor.conftest import make_learners

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_an_example_certificate_is_rendered_for_a_dummy_learner_and_kept_in_its_job(course, world):
    example = instructor_api.generate_examples(course, world.users["instructor"].pk)

    assert (example.status, example.error) == ("success", None)
    assert example.preview_url == f"/api/v1/courses/{course}/certificates/examples/{example.job_id}/preview"
    assert "Jane Example" in _text(instructor_api.example_pdf(course, example.job_id))
    job = jobs_api.get_job(example.job_id)
    assert (job.kind, job.status, job.result["status"]) == ("certificate_example", "done", "success")
    assert instructor_api.example_succeeded(course) is True


def test_a_broken_template_gives_an_example_error_and_activation_stays_refused(course, world):
    Course.objects.filter(course_key=CourseKey.from_string(course)).update(
        certificate_template="mine", certificates_active=False
    )
    CertificateTemplate.objects.create(
        course_key=CourseKey.from_string(course), name="mine", version=1, html="{% if %}broken"
    )

    example = instructor_api.generate_examples(course, None)

    assert example.status == "error"
    assert "mine v1" in example.error
    assert example.preview_url is None
    with pytest.raises(FieldErrors) as exc:
        instructor_api.set_activation(course, True)
    assert list(exc.value.errors) == ["active"]
    assert courses_api.get_course(course).certificates_active is False


def test_activation_needs_a_successful_example_first(course):
    Course.objects.filter(course_key=CourseKey.from_string(course)).update(certificates_active=False)
    with pytest.raises(FieldErrors):
        instructor_api.set_activation(course, True)

    instructor_api.generate_examples(course, None)
    settings = instructor_api.set_activation(course, True)

    assert (settings.certificates_active, settings.example_succeeded) == (True, True)
    assert instructor_api.set_activation(course, False).certificates_active is False


@pytest.mark.parametrize(
    ("issues", "active", "enabled", "blocked"),
    [
        (True, False, True, True),
        (True, True, True, False),
        (False, False, True, False),
        (True, False, False, False),  # the site-wide certificates switch is off
    ],
)
def test_a_course_that_issues_certificates_gives_no_courseware_until_they_are_active(
    course, settings, issues, active, enabled, blocked
):
    settings.LLP_CERTIFICATES = {**getattr(settings, "LLP_CERTIFICATES", {}), "ENABLED": enabled}
    Course.objects.filter(course_key=CourseKey.from_string(course)).update(
        issues_certificates=issues, certificates_active=active
    )
    reason = courses_api.courseware_blocked_reason(courses_api.get_course(course))
    assert (reason == courses_api.COURSEWARE_BLOCKED_MESSAGE) is blocked
    assert (reason is None) is not blocked


def test_learner_generation_is_for_instructor_paced_courses(course):
    assert instructor_api.set_learner_generation(course, True).learner_generated_certificates is True
    assert instructor_api.set_learner_generation(course, False).learner_generated_certificates is False

    Course.objects.filter(course_key=CourseKey.from_string(course)).update(self_paced=True)
    with pytest.raises(FieldErrors) as exc:
        instructor_api.set_learner_generation(course, True)
    assert list(exc.value.errors) == ["enabled"]


def test_bulk_generation_runs_as_a_job_to_done_with_counts_and_every_pdf_rendered(
    course, world, django_capture_on_commit_callbacks
):
    ids = make_learners(course, ["pass", "fail", "pass", "none", "incomplete", "pass", "pass"])

    with django_capture_on_commit_callbacks(execute=True):
        job = instructor_api.start_generation(course, world.users["instructor"].pk, chunk_size=3, render_batch=2)

    job = jobs_api.get_job(job.id)
    assert (job.status, job.total, job.done, job.failed) == ("done", 7, 7, 0)
    assert {k: job.result[k] for k in ("issued", "notpassing", "skipped", "errors")} == {
        "issued": 4,
        "notpassing": 3,
        "skipped": 0,
        "errors": 0,
    }
    assert job.result["certificates"] == {"downloadable": 4, "notpassing": 3}
    assert Certificate.objects.filter(user_id__in=ids).count() == 7
    assert all(c.pdf_sha256 for c in Certificate.objects.filter(status="downloadable"))


def test_a_generation_resumes_after_its_checkpoint_and_counts_each_learner_once(
    course, world, django_capture_on_commit_callbacks
):
    # Given a job whose earlier attempt committed its first chunk (rows, counters and checkpoint) and then died
    ids = make_learners(course, ["pass", "fail", "pass", "fail", "pass"])
    job = instructor_api.start_generation(course, None, chunk_size=2)
    counts = certificates_api.issue_many(course, ids[:2])
    from llp_edx_plugin.jobs.models import Job  # test setup: what the dead attempt left on the row

    Job.objects.filter(pk=job.id).update(
        status="running",
        done=2,
        result={"attempts": 1},
        checkpoint={"after": ids[1], "counts": counts.as_dict()},
    )

    # When the task is delivered again
    instructor_tasks.generate_certificates(job.id)

    # Then it goes on from the checkpoint: every learner counted once, one record each
    job = jobs_api.get_job(job.id)
    assert (job.status, job.total, job.done) == ("done", 5, 5)
    assert (job.result["issued"], job.result["notpassing"], job.result["attempts"]) == (3, 2, 2)
    assert Certificate.objects.filter(user_id__in=ids).count() == 5
    assert Certificate.history.filter(history_type="+").count() == 5


def test_a_second_generation_is_refused_while_one_is_pending_or_running(course):
    first = instructor_api.start_generation(course, None)  # on-commit never runs here: it stays pending

    with pytest.raises(Conflict, match=f"job {first.id}"):
        instructor_api.start_generation(course, None, ["downloadable"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"certificates_active": False}, "course_key"),
        ({"issues_certificates": False}, "course_key"),
        ({"kind": "live_event"}, "course_key"),
    ],
)
def test_generation_needs_an_online_course_with_active_certificates(course, change, field):
    Course.objects.filter(course_key=CourseKey.from_string(course)).update(**change)
    with pytest.raises(FieldErrors) as exc:
        instructor_api.start_generation(course, None)
    assert list(exc.value.errors) == [field]


@pytest.mark.parametrize(
    ("options", "field"),
    [({"chunk_size": 0}, "chunk_size"), ({"render_batch": True}, "render_batch"), ({"bogus": 1}, "parameters")],
)
def test_bad_generation_options_are_refused(course, options, field):
    with pytest.raises(FieldErrors) as exc:
        instructor_api.start_generation(course, None, **options)
    assert field in exc.value.errors


def test_history_lists_runs_newest_first_with_who_what_and_counts(course, world, django_capture_on_commit_callbacks):
    make_learners(course, ["pass", "fail"])
    with django_capture_on_commit_callbacks(execute=True):
        first = instructor_api.start_generation(course, world.users["instructor"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = instructor_api.start_generation(course, world.users["staff"].pk, ["notpassing"])

    history = instructor_api.generation_history(course)

    assert [(r.job_id, r.requested_by, r.statuses, r.status) for r in history] == [
        (second.id, "staff", ("notpassing",), "done"),
        (first.id, "instructor", None, "done"),
    ]
    assert (history[1].counts["issued"], history[1].counts["notpassing"]) == (1, 1)
    assert (history[0].counts["issued"], history[0].counts["notpassing"], history[0].counts["skipped"]) == (0, 1, 1)


def test_one_certificate_is_regenerated_as_a_job_and_its_old_pdf_stays_in_history(
    course, world, django_capture_on_commit_callbacks
):
    (user_id,) = make_learners(course, ["pass"])
    certificates_api.issue_many(course, [user_id])
    certificates_api.render_many(course)
    before = Certificate.objects.get(user_id=user_id)

    with django_capture_on_commit_callbacks(execute=True):
        job = instructor_api.regenerate_one(str(before.verify_uuid), world.users["instructor"].pk)

    job = jobs_api.get_job(job.id)
    after = Certificate.objects.get(user_id=user_id)
    assert (job.kind, job.status, job.result["certificate_status"]) == (
        "certificate_regeneration",
        "done",
        "downloadable",
    )
    assert after.status == "downloadable"
    assert after.pdf.name != before.pdf.name
    assert before.pdf_sha256 in set(after.history.values_list("pdf_sha256", flat=True))
    assert [r.certificate_uuid for r in instructor_api.generation_history(course)] == [str(before.verify_uuid)]


def test_a_not_passing_record_cannot_be_regenerated_alone(course):
    (user_id,) = make_learners(course, ["fail"])
    certificates_api.issue_many(course, [user_id])
    with pytest.raises(FieldErrors):
        instructor_api.regenerate_one(str(Certificate.objects.get(user_id=user_id).verify_uuid), None)


def test_deleting_one_certificate_is_soft_and_audited(course, world):
    (user_id,) = make_learners(course, ["pass"])
    certificates_api.issue_many(course, [user_id])
    cert = Certificate.objects.get(user_id=user_id)

    instructor_api.delete_one(str(cert.verify_uuid), world.users["instructor"].pk, "asked by the learner")

    cert.refresh_from_db()
    assert cert.status == "deleted"
    assert cert.history.latest().history_change_reason == "deleted by instructor: asked by the learner"


def test_a_generation_reads_the_course_page_by_page_never_as_a_whole_list(
    course, world, django_capture_on_commit_callbacks, monkeypatch
):
    # Given 12 learners and a generation in chunks of 5; the whole-course list is out of reach
    ids = make_learners(course, ["pass", "fail", "pass", "none"] * 3)
    pages: list[int] = []
    read_page = courses_api.enrolled_user_ids_after

    def counting_page(course_key, after, limit):
        page = read_page(course_key, after, limit)
        pages.append(len(page))
        return page

    def whole_list(course_key):
        raise AssertionError("the generation asked for every enrolled learner at once")

    monkeypatch.setattr(courses_api, "enrolled_user_ids_after", counting_page)
    monkeypatch.setattr(courses_api, "enrolled_user_ids", whole_list)

    # When it runs
    with django_capture_on_commit_callbacks(execute=True):
        job = instructor_api.start_generation(course, world.users["instructor"].pk, chunk_size=5, render_batch=5)

    # Then it read pages of at most 5 ids (the last one empty) and decided every learner once
    assert pages == [5, 5, 2, 0]
    job = jobs_api.get_job(job.id)
    assert (job.status, job.total, job.done) == ("done", 12, 12)
    assert Certificate.objects.filter(user_id__in=ids).count() == 12
