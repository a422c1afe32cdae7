"""The issuing pipeline: the bypasses it closes, history with the actor for every state change, the holder's
first download, unguessable PDF names, bounded queries, and the company logo on single and bulk PDFs."""

import io
import traceback
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from opaque_keys.edx.keys import CourseKey
from PIL import Image
from pypdf import PdfReader

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.issuers import INSTRUCTOR_GENERATED, NOT_ACTIVE
from llp_edx_plugin.certificates.models import Certificate, CertificateDownload
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks

pytestmark = pytest.mark.django_db
KEY = CourseKey.from_string(CERT_COURSE)


# --- Request Certificate and Finish: the bypasses (issue 8 §1) ---------------------------------------------


@pytest.fixture
def qualified(world, settings, tmp_path):
    """A learner who completed the (self-paced, active) course; each test turns one switch."""
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete_blocks(learner, CERT_COURSE, readings)  # on-commit work (automatic issuing) is not run
    assert Certificate.objects.count() == 0
    return learner


BYPASSES = {
    "instructor-paced": ({"self_paced": False}, INSTRUCTOR_GENERATED),
    "never activated": ({"certificates_active": False}, NOT_ACTIVE),
}


@pytest.mark.parametrize("case", sorted(BYPASSES))
def test_request_api_refuses(qualified, client_for, case):
    changes, message = BYPASSES[case]
    Course.objects.filter(course_key=KEY).update(**changes)
    answer = client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")
    assert answer.status_code == 400
    assert message in str(answer.json())
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("case", sorted(BYPASSES))
def test_finish_page_refuses(qualified, client, case):
    changes, message = BYPASSES[case]
    Course.objects.filter(course_key=KEY).update(**changes)
    client.force_login(qualified)
    answer = client.post(f"/courses/{CERT_COURSE}/certificate/request")
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert Certificate.objects.count() == 0


def test_deactivated_certificates_refuse_the_request(qualified, client_for):
    Course.objects.filter(course_key=KEY).update(certificates_active=False)  # was active (the fixture's course)
    answer = client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")
    assert answer.status_code == 400
    assert NOT_ACTIVE in str(answer.json())
    assert Certificate.objects.count() == 0


def test_automatic_issuing_uses_the_same_rule(qualified):
    Course.objects.filter(course_key=KEY).update(self_paced=False)
    assert certificates_api.schedule_automatic_issue(qualified.pk, CERT_COURSE) is False
    assert certificates_api.issue_if_qualified(qualified.pk, CERT_COURSE) is None
    assert Certificate.objects.count() == 0


def test_request_certificate_query_count_is_bounded(qualified, client_for, django_assert_max_num_queries):
    """22 queries and 7 parses of the course key before; the key is now parsed at the edge and once inside."""
    client = client_for("learner")
    parsed_input = []
    original = CourseKey.from_string.__func__

    def spy(cls, value):
        # Reading a CourseKeyField column parses too: that is the database's value, not the request's key.
        if not any("opaque_keys/edx/django" in frame.filename for frame in traceback.extract_stack()):
            parsed_input.append(value)
        return original(cls, value)

    with mock.patch.object(CourseKey, "from_string", classmethod(spy)), django_assert_max_num_queries(10):
        answer = client.post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")
    assert answer.status_code == 201
    assert len(parsed_input) <= 2  # the URL converter at the edge, and the use case once


# --- History: the actor and the reason of every state change -----------------------------------------------


def last_history(cert_id: int):
    return Certificate.history.filter(id=cert_id).order_by("-history_id").first()


def _issued(learner):
    cert, _ = certificates_api.request_certificate(learner.pk, CERT_COURSE)
    certificates_api.render_certificate(cert.id)
    return cert


def _invalidated(learner, actor_id):
    cert = _issued(learner)
    certificates_api.invalidate(CERT_COURSE, "learner", "checked", actor_id=actor_id)
    return cert


def _deleted(learner, actor_id):
    cert = _issued(learner)
    certificates_api.delete_certificate(cert.uuid, actor_id=actor_id)
    return cert


# change: (set the certificate up, make the change by ``actor``, the reason the history must give)
CHANGES = {
    "issue": (
        lambda learner, actor: None,
        lambda learner, actor, cert: certificates_api.issue(
            learner.pk, CERT_COURSE, issuer=certificates_api.Issuer.LEARNER_REQUEST, actor_id=actor
        ),
        "issued (learner_request)",
    ),
    "render": (
        lambda learner, actor: certificates_api.request_certificate(learner.pk, CERT_COURSE)[0],
        lambda learner, actor, cert: certificates_api.render_certificate(cert.id, actor_id=actor),
        "rendered",
    ),
    "invalidate": (
        lambda learner, actor: _issued(learner),
        lambda learner, actor, cert: certificates_api.invalidate(CERT_COURSE, "learner", "x", actor_id=actor),
        "invalidated",
    ),
    "re-validate": (
        _invalidated,
        lambda learner, actor, cert: certificates_api.revalidate(CERT_COURSE, "learner", actor_id=actor),
        "re-validated",
    ),
    "regenerate": (
        lambda learner, actor: _issued(learner),
        lambda learner, actor, cert: certificates_api.regenerate_certificate(cert.uuid, actor_id=actor),
        "regenerated",
    ),
    "delete": (
        lambda learner, actor: _issued(learner),
        lambda learner, actor, cert: certificates_api.delete_certificate(cert.uuid, actor_id=actor),
        "deleted",
    ),
    "restore": (
        _deleted,
        lambda learner, actor, cert: certificates_api.restore_certificate(cert.uuid, actor_id=actor),
        "restored",
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_each_state_change_writes_history_with_the_actor_and_reason(qualified, world, change):
    setup, act, reason = CHANGES[change]
    actor = qualified.pk if change == "issue" else world.users["instructor"].pk
    cert = setup(qualified, actor if change != "issue" else None)
    act(qualified, actor, cert)
    row = last_history(Certificate.objects.get(user=qualified).pk)
    assert (row.history_user_id, row.history_change_reason) == (actor, reason)


def test_bulk_history_rows_carry_the_actor(qualified, world):
    instructor = world.users["instructor"]
    Course.objects.filter(course_key=KEY).update(self_paced=False)
    counts = certificates_api.issue_many(CERT_COURSE, [qualified.pk], reason="generation job 1", actor_id=instructor.pk)
    assert counts.issued == 1
    cert = Certificate.objects.get(user=qualified)
    assert (last_history(cert.pk).history_user_id, last_history(cert.pk).history_change_reason) == (
        instructor.pk,
        "generation job 1",
    )
    certificates_api.render_many(CERT_COURSE, reason="generation job 1", actor_id=instructor.pk)
    assert last_history(cert.pk).history_user_id == instructor.pk
    assert Certificate.objects.get(pk=cert.pk).status == "downloadable"


# --- Downloads: the holder's first download; copies audited apart -----------------------------------------


@pytest.mark.parametrize(
    ("owner", "downloader", "kind"),
    [
        ("learner", "learner", "holder"),
        ("employee", "company_admin", "holder"),
        ("learner", "instructor", "copy"),
        ("learner", "staff", "copy"),
        ("employee", "staff", "copy"),
    ],
)
def test_first_download_date_is_the_holders(world, settings, tmp_path, client, owner, downloader, kind):
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    accounts_api.set_course_role(CERT_COURSE, "instructor", "instructor")
    user = world.users[owner]
    courses_api.enroll(CERT_COURSE, user.pk)
    complete_blocks(user, CERT_COURSE, readings)
    cert, _ = certificates_api.request_certificate(user.pk, CERT_COURSE)

    client.force_login(world.users[downloader])
    assert client.get(f"/certificates/{cert.uuid}/download").status_code == 200

    row = Certificate.objects.get(pk=cert.id)
    audit = CertificateDownload.objects.get(certificate=row)
    assert (audit.user_id, audit.kind) == (world.users[downloader].pk, kind)
    if kind == "holder":
        assert row.first_downloaded_at is not None
        assert (row.download_count, row.copy_count) == (1, 0)
    else:
        assert row.first_downloaded_at is None
        assert (row.download_count, row.copy_count) == (0, 1)
        history = last_history(row.pk)
        assert (history.history_user_id, history.history_change_reason) == (world.users[downloader].pk, "download copy")


def test_pdfs_are_stored_under_unguessable_names(qualified):
    cert, _ = certificates_api.request_certificate(qualified.pk, CERT_COURSE)
    certificates_api.render_certificate(cert.id)
    name = Certificate.objects.get(pk=cert.id).pdf.name
    assert name.startswith("certificates/pdf/")
    assert name.endswith(".pdf")
    assert cert.uuid not in name
    assert len(name.split("/")[-1]) >= 32 + len(".pdf")  # secrets.token_urlsafe(24): 192 random bits
    other = Certificate.objects.get(pk=cert.id)
    certificates_api.regenerate_certificate(cert.uuid)
    certificates_api.render_certificate(cert.id)
    assert Certificate.objects.get(pk=cert.id).pdf.name != other.pdf.name


# --- The company logo and name, on single and bulk PDFs (one test, two issuers) ----------------------------


def _logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (97, 41), (200, 30, 30)).save(buffer, format="PNG")  # a size no QR code has
    return buffer.getvalue()


@pytest.mark.parametrize("issuer", ["single", "bulk"])
def test_employee_pdf_carries_the_company_logo_and_name(world, settings, tmp_path, issuer):
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course(self_paced=issuer == "single")
    accounts_api.set_company_logo(world.companies["acme"].id, ContentFile(_logo_png(), "logo.png"))
    employee = world.users["employee"]
    courses_api.enroll(CERT_COURSE, employee.pk)
    complete_blocks(employee, CERT_COURSE, readings)
    if issuer == "single":
        cert, _ = certificates_api.request_certificate(employee.pk, CERT_COURSE)
        certificates_api.render_certificate(cert.id)
    else:
        certificates_api.issue_many(CERT_COURSE, [employee.pk])
        certificates_api.render_many(CERT_COURSE)
    row = Certificate.objects.get(user=employee)
    with row.pdf.open("rb") as handle:
        page = PdfReader(io.BytesIO(handle.read())).pages[0]
    sizes = {(image.image.width, image.image.height) for image in page.images}
    assert (97, 41) in sizes  # the logo itself, not the QR code
    assert world.companies["acme"].name in page.extract_text()


def test_progress_api_queries_do_not_grow_with_a_certificate(qualified, client_for):
    """The certificate box costs the same queries whether the learner holds a certificate or not."""
    client = client_for("learner")
    url = f"/api/v1/courses/{CERT_COURSE}/progress"
    client.get(url)  # warm caches (content types, ...)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    _issued(qualified)
    with CaptureQueriesContext(connection) as after:
        answer = client.get(url)
    assert answer.json()["certificate"]["status"] == "downloadable"
    assert len(after) == len(before)
