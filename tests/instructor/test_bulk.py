"""Set-based issuing and batch rendering (certificates.bulk) for the instructor's generation."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate, CertificateException
from llp_edx_plugin.errors import FieldErrors
from llp_edx_plugin.learning.models import CourseProgress
from tests.instructor.conftest import make_learners

pytestmark = pytest.mark.django_db


def _statuses(course_key: str, ids: list[int]) -> list[str]:
    rows = dict(
        Certificate.objects.filter(course_key=CourseKey.from_string(course_key)).values_list("user_id", "status")
    )
    return [rows.get(i) for i in ids]


def test_a_chunk_issues_to_the_qualified_and_records_the_others_not_passing(course):
    ids = make_learners(course, ["pass", "fail", "incomplete", "none", "pass"])

    counts = certificates_api.issue_many(course, ids)

    assert counts.as_dict() == {"issued": 2, "notpassing": 3, "skipped": 0, "errors": 0}
    assert _statuses(course, ids) == ["generating", "notpassing", "notpassing", "notpassing", "generating"]
    issued = Certificate.objects.get(user_id=ids[0])
    assert (issued.name, issued.course_title, issued.template, issued.grade) == (
        "Learner l00000",
        "Leading Teams",
        "classic",
        "0.90",
    )
    assert issued.issued_at is not None
    assert sorted(counts.generating_ids) == sorted(
        Certificate.objects.filter(status="generating").values_list("pk", flat=True)
    )
    assert Certificate.history.filter(history_type="+").count() == 5


def test_running_a_chunk_again_creates_nothing(course):
    ids = make_learners(course, ["pass", "fail", "none"])
    certificates_api.issue_many(course, ids)
    rows_before = list(Certificate.objects.order_by("pk").values_list("pk", "verify_uuid", "status"))
    history_before = Certificate.history.count()

    again = certificates_api.issue_many(course, ids)

    assert again.as_dict() == {"issued": 0, "notpassing": 2, "skipped": 1, "errors": 0}
    assert list(Certificate.objects.order_by("pk").values_list("pk", "verify_uuid", "status")) == rows_before
    assert Certificate.history.count() == history_before


def test_a_learner_recorded_not_passing_is_issued_once_they_pass(course):
    (user_id,) = make_learners(course, ["fail"])
    certificates_api.issue_many(course, [user_id])
    CourseProgress.objects.filter(user_id=user_id).update(passed=True, grade_percent=0.8)

    counts = certificates_api.issue_many(course, [user_id])

    assert counts.as_dict() == {"issued": 1, "notpassing": 0, "skipped": 0, "errors": 0}
    cert = Certificate.objects.get(user_id=user_id)
    assert (cert.status, cert.grade) == ("generating", "0.80")
    assert list(cert.history.order_by("history_id").values_list("status", flat=True)) == ["notpassing", "generating"]


def test_allowlisted_learners_qualify_regardless_of_grade_but_never_incomplete(course, world):
    ids = make_learners(course, ["fail", "none"])
    CertificateException.objects.bulk_create(
        [CertificateException(user_id=i, course_key=CourseKey.from_string(course)) for i in ids]
    )

    counts = certificates_api.issue_many(course, ids)

    assert counts.as_dict() == {"issued": 1, "notpassing": 1, "skipped": 0, "errors": 0}
    assert _statuses(course, ids) == ["generating", "notpassing"]


def test_invalidated_and_deleted_certificates_are_left_alone(course, media):
    ids = make_learners(course, ["pass", "pass"])
    certificates_api.issue_many(course, ids)
    certificates_api.render_many(course)
    usernames = [Certificate.objects.get(user_id=i).user.username for i in ids]
    certificates_api.invalidate(course, usernames[0], "copied")
    certificates_api.delete_certificate(str(Certificate.objects.get(user_id=ids[1]).verify_uuid))

    counts = certificates_api.issue_many(course, ids, statuses=["downloadable", "notpassing", "error"])

    assert counts.as_dict() == {"issued": 0, "notpassing": 0, "skipped": 2, "errors": 0}
    assert _statuses(course, ids) == ["invalidated", "deleted"]


def test_regenerating_issued_certificates_takes_a_new_snapshot_and_keeps_the_old_pdf_in_history(course, world):
    ids = make_learners(course, ["pass", "fail"])
    certificates_api.issue_many(course, ids)
    certificates_api.render_many(course)
    first = Certificate.objects.get(user_id=ids[0])
    get_profile = first.user.llp_profile
    get_profile.full_name = "Renamed Learner"
    get_profile.save()

    counts = certificates_api.issue_many(course, ids, statuses=["downloadable"])

    assert counts.as_dict() == {"issued": 1, "notpassing": 0, "skipped": 1, "errors": 0}
    again = Certificate.objects.get(user_id=ids[0])
    assert (again.status, again.name, again.pdf.name, again.verify_uuid) == (
        "generating",
        "Renamed Learner",
        "",
        first.verify_uuid,
    )
    assert first.pdf_sha256 in set(again.history.values_list("pdf_sha256", flat=True))


def test_regenerating_never_takes_an_issued_certificate_away(course):
    (user_id,) = make_learners(course, ["pass"])
    certificates_api.issue_many(course, [user_id])
    certificates_api.render_many(course)
    CourseProgress.objects.filter(user_id=user_id).update(passed=False)

    counts = certificates_api.issue_many(course, [user_id], statuses=["downloadable"])

    assert counts.as_dict() == {"issued": 0, "notpassing": 0, "skipped": 1, "errors": 0}
    assert _statuses(course, [user_id]) == ["downloadable"]


def _queries(course_key: str, ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as captured:
        certificates_api.issue_many(course_key, ids)
    return len(captured.captured_queries)


def test_a_chunk_costs_the_same_number_of_queries_for_5_or_30_learners(course):
    small = make_learners(course, ["pass", "fail", "none", "pass", "incomplete"], prefix="s")
    large = make_learners(course, ["pass", "fail", "none", "pass", "incomplete"] * 6, prefix="b")

    assert _queries(course, small) == _queries(course, large)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (None, None),
        ([], None),
        (["error", "downloadable"], ("downloadable", "error")),
        (["notpassing"], ("notpassing",)),
    ],
)
def test_regeneration_statuses_are_normalised(statuses, expected):
    assert certificates_api.clean_statuses(statuses) == expected


@pytest.mark.parametrize("statuses", [["deleted"], ["generating"], "downloadable", [1], {"a": 1}])
def test_other_regeneration_statuses_are_refused(statuses):
    with pytest.raises(FieldErrors) as exc:
        certificates_api.clean_statuses(statuses)
    assert list(exc.value.errors) == ["statuses"]


def test_rendering_saves_each_pdf_with_its_sha256_and_makes_it_downloadable(course):
    ids = make_learners(course, ["pass", "pass", "pass", "fail"])
    certificates_api.issue_many(course, ids)

    first = certificates_api.render_many(course, limit=2)
    rest = certificates_api.render_many(course, limit=2)
    nothing = certificates_api.render_many(course, limit=2)

    assert (first.rendered, rest.rendered, nothing.rendered) == (2, 1, 0)
    for cert in Certificate.objects.filter(status="downloadable"):
        with cert.pdf.open("rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF")
        assert hashlib.sha256(data).hexdigest() == cert.pdf_sha256
    assert _statuses(course, ids) == ["downloadable", "downloadable", "downloadable", "notpassing"]
    assert certificates_api.pending_count(course) == 0


def test_a_certificate_that_cannot_be_rendered_is_marked_error_and_the_others_are_rendered(course):
    ids = make_learners(course, ["pass", "pass"])
    certificates_api.issue_many(course, ids)
    Certificate.objects.filter(user_id=ids[0]).update(template="vanished", template_version=3)

    outcome = certificates_api.render_many(course)

    assert (outcome.rendered, outcome.errors) == (1, 1)
    broken = Certificate.objects.get(user_id=ids[0])
    assert broken.status == "error"
    assert "vanished" in broken.error_message
    assert _statuses(course, ids) == ["error", "downloadable"]


def test_a_chunk_costs_the_same_number_of_queries_whatever_the_size_of_the_course(course):
    # Given a chunk of 5 learners, measured in a course of 5 and then in a course of 45
    chunk = make_learners(course, ["pass", "fail", "none", "pass", "incomplete"], prefix="c")
    before = _queries(course, chunk)
    Certificate.objects.all().delete()
    make_learners(course, ["pass", "fail", "none", "incomplete"] * 10, prefix="more")

    # Then the chunk costs the same queries
    assert _queries(course, chunk) == before
