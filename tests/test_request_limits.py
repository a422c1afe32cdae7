"""Request bodies over their view's limit are refused from the declared length, before a byte is read."""

import io
import json

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client, RequestFactory
from rest_framework.authtoken.models import Token

from llp_edx_plugin.request_limits import (
    UPLOAD_SLACK,
    RequestSizeLimitMiddleware,
    RequestTooLarge,
    body_limit,
)

MB = 1024 * 1024


class Recorder(io.BytesIO):
    """``wsgi.input`` that counts what the server side read of it."""

    bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


def send(method: str, path: str, *, declared: int, body: bytes = b"x" * 100, token: str | None = None, **extra):
    """A request whose Content-Length says ``declared``; returns (response, bytes of the body read)."""
    stream = Recorder(body)
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    response = Client().generic(
        method,
        path,
        data=body,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": stream},
        **headers,
        **extra,
    )
    return response, stream.bytes_read


@pytest.mark.parametrize(
    ("url_name", "limit"),
    [
        ("course-import", 200 * MB + UPLOAD_SLACK),
        ("company-logo", 2 * MB + UPLOAD_SLACK),
        ("profile-settings", 2 * MB + UPLOAD_SLACK),
        ("verify-pdf", 20 * MB + UPLOAD_SLACK),
        ("certificate-verify", 20 * MB + UPLOAD_SLACK),
        ("certificate-exceptions-csv", 5 * MB),
        ("dashboard", 5 * MB),
        (None, 5 * MB),
    ],
)
def test_each_view_has_its_limit_from_the_settings(url_name, limit):
    assert body_limit(url_name) == limit


def test_the_limits_follow_the_settings(settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "OLX_MAX_ARCHIVE_BYTES": 10, "REQUEST_MAX_BYTES": 20}
    assert (body_limit("course-import"), body_limit(None)) == (10 + UPLOAD_SLACK, 20)


@pytest.mark.parametrize(
    ("method", "path", "declared"),
    [
        ("POST", "/api/v1/verify/pdf", 20 * MB + UPLOAD_SLACK + 1),  # anonymous
        ("POST", "/api/v1/courses/import", 200 * MB + UPLOAD_SLACK + 1),
        ("PUT", "/api/v1/companies/1/logo", 2 * MB + UPLOAD_SLACK + 1),
        ("POST", "/api/v1/auth/token", 5 * MB + 1),
        ("POST", "/api/v1/no-such-endpoint", 5 * MB + 1),
    ],
)
def test_an_api_body_over_its_limit_gets_413_json_without_being_read(db, method, path, declared):
    response, read = send(method, path, declared=declared)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("The request is too large: at most ")
    assert read == 0


def test_a_page_body_over_its_limit_gets_a_413_page(db):
    response, read = send("POST", "/profile/settings", declared=2 * MB + UPLOAD_SLACK + 1)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert b"at most 3 MB" in response.content
    assert read == 0


@pytest.mark.parametrize(
    ("method", "path", "declared"),
    [
        ("POST", "/api/v1/verify/pdf", 20 * MB),
        ("POST", "/api/v1/courses/import", 150 * MB),
        ("PUT", "/api/v1/companies/1/logo", 2 * MB),
    ],
)
def test_a_body_within_its_views_limit_reaches_the_view(db, method, path, declared):
    response, _ = send(method, path, declared=declared, body=b"")
    assert response.status_code != 413


def test_an_honest_oversized_pdf_is_refused_to_anonymous_callers(db, settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "VERIFY_PDF_MAX_BYTES": 1000}
    pdf = io.BytesIO(b"%PDF-1.7\n" + b"0" * (UPLOAD_SLACK + 2000))
    pdf.name = "certificate.pdf"

    response = Client().post("/api/v1/verify/pdf", {"file": pdf})

    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large: at most 1 MB may be sent here."}


def test_a_body_without_a_length_is_counted_while_it_is_read(settings):
    """Chunked bodies (ASGI servers pass them on): the stream itself stops at the limit."""
    request = RequestFactory().post("/api/v1/verify/pdf")
    assert isinstance(request, WSGIRequest)
    del request.META["CONTENT_LENGTH"]
    request.META["HTTP_TRANSFER_ENCODING"] = "chunked"
    request._stream = io.BytesIO(b"y" * (20 * MB + UPLOAD_SLACK + 10))
    middleware = RequestSizeLimitMiddleware(lambda request: request.read())

    with pytest.raises(RequestTooLarge):
        middleware(request)
    response = middleware.process_exception(request, RequestTooLarge())
    assert response.status_code == 413
    assert json.loads(response.content) == {"detail": "The request is too large: at most 21 MB may be sent here."}


def test_the_import_refuses_a_caller_without_permission_before_reading_the_upload(world):
    token = Token.objects.create(user=world.users["learner"]).key
    body = (
        b'--BoUnDaRy\r\nContent-Disposition: form-data; name="file"; filename="x.tar.gz"\r\n\r\nxx\r\n--BoUnDaRy--\r\n'
    )

    response, read = send("POST", "/api/v1/courses/import", declared=len(body), body=body, token=token)

    assert response.status_code == 403
    assert response.json() == {"detail": "Only platform staff and course teams may import a course."}
    assert read == 0


def test_staff_import_still_reads_the_upload(world):
    token = Token.objects.create(user=world.users["staff"]).key
    body = (
        b'--BoUnDaRy\r\nContent-Disposition: form-data; name="file"; filename="x.tar.gz"\r\n\r\nxx\r\n--BoUnDaRy--\r\n'
    )

    response, read = send("POST", "/api/v1/courses/import", declared=len(body), body=body, token=token)

    assert response.status_code == 400
    assert read == len(body)


def test_the_middleware_comes_first():
    from django.conf import settings

    assert settings.MIDDLEWARE[0] == "llp_edx_plugin.request_limits.RequestSizeLimitMiddleware"


@pytest.mark.parametrize("value", [0, -1, "5MB", 2.5, True, None])
def test_a_limit_that_is_not_a_positive_whole_number_fails_the_system_checks(settings, value):
    from llp_edx_plugin.checks import check_llp_settings

    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "VERIFY_PDF_MAX_BYTES": value}
    assert [error.id for error in check_llp_settings(None)] == ["llp.E004"]
