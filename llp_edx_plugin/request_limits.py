"""Request body limits, enforced before Django or DRF read a byte (docs/decisions/0024-upload-limits.md).

``body_limit(url_name)`` is the one table: the OLX import may send an export, a logo upload a logo, the
anonymous PDF verification a certificate; every other request a few MB. ``RequestSizeLimitMiddleware``
compares ``CONTENT_LENGTH`` with it before the body is parsed or spooled, and counts the bytes of a body
without a length (chunked, under ASGI) as they are read. Too large: 413, as JSON under ``/api/``.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

from . import links
from .conf import llp_setting

# Multipart framing (boundaries, part headers, the other form fields) and room for the view's own, friendlier
# "too large" message on a file a little over its cap.
UPLOAD_SLACK = 1024 * 1024

# URL name -> the LLP_CERTIFICATES setting that caps its upload.
UPLOAD_SETTINGS = {
    "course-import": "OLX_MAX_ARCHIVE_BYTES",
    "company-logo": "LOGO_MAX_BYTES",
    "profile-settings": "LOGO_MAX_BYTES",
    "verify-pdf": "VERIFY_PDF_MAX_BYTES",
    "certificate-verify": "VERIFY_PDF_MAX_BYTES",  # the verify page's own PDF upload form (issue 12)
}


class RequestTooLarge(Exception):
    """A body without a declared length grew past the limit while it was read."""


def body_limit(url_name: str | None) -> int:
    """The largest request body, in bytes, accepted for the view named ``url_name`` (None: not resolved)."""
    setting = UPLOAD_SETTINGS.get(url_name or "")
    if setting is None:
        return int(llp_setting("REQUEST_MAX_BYTES"))
    return int(llp_setting(setting)) + UPLOAD_SLACK


def _smallest_limit() -> int:
    """Below this no body is refused anywhere, so the URL need not be resolved."""
    return min(body_limit(name) for name in (None, *UPLOAD_SETTINGS))


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def _is_api(request: HttpRequest) -> bool:
    """Under the plugin's ``/api/`` (``/llp/api/`` inside Open edX)."""
    api_root = links.url("api_v1:auth-token").removesuffix("v1/auth/token")
    return request.path_info.startswith(api_root)


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    """413 with the limit: ``{"detail"}`` for the API, a short page otherwise."""
    message = f"The request is too large: at most {_human(limit)} may be sent here."
    if _is_api(request):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(f"<!doctype html><title>Request too large</title><p>{message}</p>", status=413)


class _CountingStream:
    """The request stream, refusing to hand out more than ``limit`` bytes in total."""

    def __init__(self, stream, limit: int):
        self._stream = stream
        self._left = limit

    def _count(self, data: bytes) -> bytes:
        self._left -= len(data)
        if self._left < 0:
            raise RequestTooLarge
        return data

    def read(self, size: int = -1) -> bytes:
        # Never more than one byte past the limit, even for read() of everything.
        wanted = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        return self._count(self._stream.read(wanted))

    def readline(self, size: int = -1) -> bytes:
        wanted = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        return self._count(self._stream.readline(wanted))

    def close(self) -> None:
        self._stream.close()


class RequestSizeLimitMiddleware:
    """First in ``MIDDLEWARE`` (``plugin_settings`` puts it there): nothing has read the body yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH")
        try:
            length = int(declared) if declared not in (None, "") else None
        except ValueError:
            length = None
        if length is None:
            if request.META.get("HTTP_TRANSFER_ENCODING") or declared:
                request.llp_body_limit = body_limit(_url_name(request))
                request._stream = _CountingStream(request._stream, request.llp_body_limit)
        elif length > _smallest_limit():
            limit = body_limit(_url_name(request))
            if length > limit:
                return too_large_response(request, limit)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestTooLarge):
            return too_large_response(request, getattr(request, "llp_body_limit", body_limit(None)))
        return None
