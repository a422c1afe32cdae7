"""A WeasyPrint URL fetcher that serves ``data:`` URIs and the project's own static/media files, nothing else.

WeasyPrint 70 takes a ``weasyprint.URLFetcher`` instance; every exception its ``fetch`` raises (other than
``FatalURLFetchingError``) is logged as a failed resource and the document renders without it. So a refused
``file:///etc/passwd``, ``http://...`` or ``ftp:`` URL never reaches the disk or the network, and the PDF
still comes out.

Relative URLs in templates (``/static/...``, ``/media/...``) are resolved against the site's BASE_URL (the
``base_url`` the renderer gives WeasyPrint); such URLs are mapped to files on disk here, never fetched.
"""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

from ...conf import llp_setting

# A certificate needs a logo, a few images, maybe a font: refuse anything bigger.
MAX_RESOURCE_BYTES = 5 * 1024 * 1024
# Files are served only when they are of a kind a certificate may use (media also holds reports and PDFs).
FILE_MIME_TYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
    "text/css",
    "font/ttf",
    "font/otf",
    "font/woff",
    "font/woff2",
}


class RefusedURL(ValueError):
    """The fetcher does not serve this URL (WeasyPrint logs it and renders without the resource)."""


def _site_root() -> str:
    return str(llp_setting("BASE_URL")).rstrip("/")


def _absolute_prefix(prefix: str | None) -> str | None:
    """STATIC_URL / MEDIA_URL as an absolute URL prefix ("/static/" is taken on the site's BASE_URL)."""
    if not prefix:
        return None
    if "://" in prefix:
        return prefix
    return _site_root() + "/" + prefix.lstrip("/")


def _relative_path(raw: str) -> str:
    """A URL path below a static/media prefix, as a safe relative path; ``RefusedURL`` on traversal tricks."""
    path = unquote(raw)
    if "\x00" in path or "\\" in path:
        raise RefusedURL("Refused path")
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if not parts or any(part == ".." for part in parts):
        raise RefusedURL("Refused path")
    return "/".join(parts)


def _inside(root: Path, relative: str) -> Path:
    """``root/relative`` with symlinks resolved, which must stay inside ``root``."""
    root = root.resolve()
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        raise RefusedURL("Refused path outside the allowed folder")
    return candidate


def _static_file(relative: str) -> Path:
    found = finders.find(relative)  # finders refuse paths outside their folders (SuspiciousFileOperation)
    if found:
        return _inside(Path(found).parent, Path(found).name)
    if getattr(settings, "STATIC_ROOT", None):
        return _inside(Path(settings.STATIC_ROOT), relative)
    raise RefusedURL("No such static file")


def _media_file(relative: str) -> Path:
    return _inside(Path(settings.MEDIA_ROOT), relative)


def _file_mime_type(path: Path) -> str:
    suffix = path.suffix.lower()
    mime_type = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}.get(suffix)
    mime_type = mime_type or mimetypes.guess_type(path.name)[0]
    if mime_type not in FILE_MIME_TYPES:
        raise RefusedURL("Refused file type")
    return mime_type


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise RefusedURL("No such file")
    if path.stat().st_size > MAX_RESOURCE_BYTES:
        raise RefusedURL("Resource too large")
    return path.read_bytes()


def _data_uri(url: str) -> tuple[bytes, str]:
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise RefusedURL("Malformed data: URI")
    params = header.split(";")
    mime_type = params[0].strip() or "text/plain"
    if "base64" in (param.strip().lower() for param in params[1:]):
        try:
            data = base64.b64decode(unquote(payload), validate=False)
        except ValueError as exc:
            raise RefusedURL("Malformed base64 in data: URI") from exc
    else:
        data = unquote_to_bytes(payload)
    if len(data) > MAX_RESOURCE_BYTES:
        raise RefusedURL("Resource too large")
    return data, mime_type


class RestrictedURLFetcher(URLFetcher):
    """Serve ``data:`` URIs and files below STATIC_URL / MEDIA_URL (read from disk); refuse everything else.

    ``attempts`` and ``refused`` list the URLs asked for, so callers (and tests) can see what was kept out.
    """

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.attempts: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.attempts.append(url)
        try:
            data, mime_type = self._resolve(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        except OSError as exc:  # unreadable file, finder error: a failed resource, not a crash
            self.refused.append(url)
            raise RefusedURL(str(exc)) from exc
        return URLFetcherResponse(url, body=data, headers={"Content-Type": mime_type})

    def open(self, url, data=None, timeout=None):
        # The urllib machinery of the parent class is never used: everything goes through fetch().
        return self.fetch(url if isinstance(url, str) else url.full_url)

    def _resolve(self, url: str) -> tuple[bytes, str]:
        if url[:5].lower() == "data:":
            return _data_uri(url)
        for prefix, to_path in (
            (_absolute_prefix(settings.STATIC_URL), _static_file),
            (_absolute_prefix(getattr(settings, "MEDIA_URL", None)), _media_file),
        ):
            if prefix and url.startswith(prefix):
                path = to_path(_relative_path(urlsplit(url[len(prefix) :]).path))
                mime_type = _file_mime_type(path)
                return _read(path), mime_type
        raise RefusedURL(f"URL not allowed in certificates: {url[:200]}")


def site_base_url() -> str:
    """The base URL relative links in templates resolve against (so ``/static/x.png`` maps to a file)."""
    return _site_root() + "/"
