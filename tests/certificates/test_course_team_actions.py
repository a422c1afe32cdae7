"""Exceptions (allowlist), invalidation and re-validation, soft delete and regeneration."""

import pytest
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course, CourseBlock
from llp_edx_plugin.errors import FieldErrors, NotFound
from llp_edx_plugin.learning.models import BlockState
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from tests.people import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded_course(settings, tmp_path):
    """Two readings, then a graded quiz the learner passes at 60% while the course needs 80%.

    Returns every required block's usage key, the quiz last.
    """
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    key = CourseKey.from_string(CERT_COURSE)
    course = Course.objects.get(course_key=key)
    course.grading_policy = {
        "assignment_types": [{"type": "Exam", "short_label": "Ex", "weight": 1.0, "min_count": 1, "drop_count": 0}],
        "grade_cutoffs": {"Pass": 0.8},
    }
    course.save()
    chapter = CourseBlock.objects.get(course=course, block_type="chapter")
    sequential = CourseBlock.objects.create(
        course=course,
        usage_key=key.make_usage_key("sequential", "exam"),
        block_type="sequential",
        block_id="exam",
        parent=chapter,
        order=5,
        display_name="Exam",
        graded=True,
        assignment_type="Exam",
    )
    vertical = CourseBlock.objects.create(
        course=course,
        usage_key=key.make_usage_key("vertical", "exam_v"),
        block_type="vertical",
        block_id="exam_v",
        parent=sequential,
        order=6,
        display_name="Exam unit",
    )
    quiz = CourseBlock.objects.create(
        course=course,
        usage_key=key.make_usage_key("llp_quiz", "exam_q"),
        block_type="llp_quiz",
        block_id="exam_q",
        parent=vertical,
        order=7,
        display_name="Final quiz",
        fields={"pass_score": 0.5, "max_attempts": 3},
    )
    return [*readings, str(quiz.usage_key)]


def finish(complete, user, blocks):
    """Complete the readings, and pass the quiz at 60% if it is among ``blocks``."""
    quiz = [b for b in blocks if "llp_quiz" in b]
    for usage_key in quiz:
        BlockState.objects.update_or_create(
            user=user,
            usage_key=usage_key,
            defaults={
                "course_key": CourseKey.from_string(CERT_COURSE),
                "block_type": "llp_quiz",
                "complete": True,
                "score": 0.6,
                "state": {"attempts": 1, "best_score": 0.6, "passed": True},
            },
        )
    complete(user, CERT_COURSE, [b for b in blocks if b not in quiz])


@pytest.fixture
def learner(graded_course):
    user = make_user("nadia")
    courses_api.enroll(CERT_COURSE, user.pk)
    return user


def test_an_exception_issues_regardless_of_grade_but_not_of_completion(graded_course, learner, complete):
    certificates_api.add_exception(CERT_COURSE, "nadia@example.com", "Completed the pilot")
    finish(complete, learner, graded_course[1:])  # the first reading is missing
    with pytest.raises(certificates_api.NotQualified) as exc:
        certificates_api.request_certificate(learner.pk, CERT_COURSE)
    assert "block_incomplete" in [r["code"] for r in exc.value.requirements]
    assert certificates_api.certificate_for(learner.pk, CERT_COURSE) is None

    finish(complete, learner, graded_course)  # self-paced: issued automatically once qualified

    assert certificates_api.certificate_for(learner.pk, CERT_COURSE).status == "downloadable"


def test_without_the_exception_the_grade_is_required(graded_course, learner, complete):
    finish(complete, learner, graded_course)
    assert certificates_api.certificate_for(learner.pk, CERT_COURSE) is None
    with pytest.raises(certificates_api.NotQualified) as exc:
        certificates_api.request_certificate(learner.pk, CERT_COURSE)
    assert [r["code"] for r in exc.value.requirements] == ["grade_below_passing"]


def test_exception_list_add_update_remove(graded_course, learner):
    certificates_api.add_exception(CERT_COURSE, "nadia", "first")
    certificates_api.add_exception(CERT_COURSE, "nadia", "second")
    assert [(e.username, e.notes) for e in certificates_api.list_exceptions(CERT_COURSE)] == [("nadia", "second")]
    certificates_api.remove_exception(CERT_COURSE, "nadia")
    assert certificates_api.list_exceptions(CERT_COURSE) == []
    with pytest.raises(NotFound):
        certificates_api.remove_exception(CERT_COURSE, "nadia")
    with pytest.raises(FieldErrors):
        certificates_api.add_exception(CERT_COURSE, "nobody-here")


def test_exceptions_csv_reports_each_row(graded_course, learner):
    make_user("omar")
    results = certificates_api.import_exceptions_csv(
        CERT_COURSE, "username,notes\nnadia,pilot group\nghost,?\nomar@example.com,late joiner\n"
    )
    assert [(r["row"], r["ok"]) for r in results] == [(2, True), (3, False), (4, True)]
    assert "ghost" in results[1]["error"]
    assert {e.username for e in certificates_api.list_exceptions(CERT_COURSE)} == {"nadia", "omar"}


@pytest.fixture
def issued(graded_course, learner, complete):
    certificates_api.add_exception(CERT_COURSE, "nadia")
    finish(complete, learner, graded_course)
    return certificates_api.certificate_for(learner.pk, CERT_COURSE)


def test_invalidation_shows_everywhere_and_revalidation_restores(issued, learner, client):
    certificates_api.invalidate(CERT_COURSE, "nadia", "Plagiarism")
    assert client.get(f"/api/v1/verify/{issued.uuid}").json()["valid"] is False
    assert certificates_api.certificate_box(learner.pk, CERT_COURSE, qualified=True).message == (
        "Your certificate has been invalidated"
    )
    with pytest.raises(certificates_api.NotQualified):
        certificates_api.request_certificate(learner.pk, CERT_COURSE)
    assert [i.notes for i in certificates_api.list_invalidations(CERT_COURSE)] == ["Plagiarism"]

    certificates_api.revalidate(CERT_COURSE, "nadia")

    assert client.get(f"/api/v1/verify/{issued.uuid}").json()["valid"] is True
    assert certificates_api.list_invalidations(CERT_COURSE) == []


def test_soft_delete_keeps_the_row_and_its_history(issued, client):
    certificates_api.delete_certificate(issued.uuid, reason="issued by mistake")
    row = Certificate.objects.get(verify_uuid=issued.uuid)
    assert row.status == "deleted"
    assert row.pdf  # the file is kept
    assert row.history.first().history_change_reason == "issued by mistake"
    assert client.get(f"/api/v1/verify/{issued.uuid}").json()["status"] == "deleted"
    with pytest.raises(NotFound):
        certificates_api.delete_certificate(issued.uuid)


def test_regeneration_replaces_the_pdf_and_history_keeps_the_previous_one(issued, django_capture_on_commit_callbacks):
    before = Certificate.objects.get(verify_uuid=issued.uuid)
    old_pdf, old_sha = before.pdf.name, before.pdf_sha256
    from llp_edx_plugin.accounts.models import Profile

    Profile.objects.filter(user__username="nadia").update(full_name="Nadia Renamed")
    with django_capture_on_commit_callbacks(execute=True):
        certificates_api.regenerate_certificate(issued.uuid)

    after = Certificate.objects.get(verify_uuid=issued.uuid)
    assert after.status == "downloadable"
    assert after.name == "Nadia Renamed"
    assert after.pdf_sha256 != old_sha
    assert old_sha in set(after.history.values_list("pdf_sha256", flat=True))
    assert after.pdf.storage.exists(old_pdf)
