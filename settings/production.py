"""Production: everything from the environment (PostgreSQL, Redis or RabbitMQ, Django storage).

``manage.py check --deploy`` is clean with these defaults. Environment, beyond settings.base:
SECURE_SSL_REDIRECT (default on), SECURE_HSTS_SECONDS (default one year), SECURE_HSTS_INCLUDE_SUBDOMAINS and
SECURE_HSTS_PRELOAD (default on), SECURE_PROXY_SSL_HEADER (e.g. ``HTTP_X_FORWARDED_PROTO,https`` behind a
TLS-terminating proxy), SECURE_COOKIES (default on), CSRF_TRUSTED_ORIGINS, CACHE_URL (shared throttle counters).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, env_list, secret_key_problem

DEBUG = False
_problem = secret_key_problem(SECRET_KEY)
if _problem:
    raise ImproperlyConfigured(f"settings.production needs a strong SECRET_KEY in the environment: {_problem}")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)


def _proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """``HEADER,value`` -> ``("HEADER", "value")``; only set it behind a proxy that overwrites that header."""
    if not value.strip():
        return None
    header, _, expected = value.partition(",")
    if not header.strip() or not expected.strip():
        raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be 'HEADER,value', e.g. HTTP_X_FORWARDED_PROTO,https")
    return header.strip(), expected.strip()


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))
