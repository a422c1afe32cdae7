"""Settings shared by every standalone settings module; everything deployable comes from the environment.

Environment (CONTRACT.md "Running"): DATABASE_URL, CELERY_BROKER_URL, CELERY_TASK_ALWAYS_EAGER,
LLP_MEDIA_ROOT, LLP_BASE_URL, SECRET_KEY, ALLOWED_HOSTS; LLP_SWEEP_AFTER_SECONDS and LLP_SWEEP_EVERY_SECONDS.
"""

import json
import os
import sys
from pathlib import Path

import dj_database_url
import django

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LLP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable (1/true/yes/on)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "insecure-dev-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is too weak to sign sessions in production, or None (Django's own security.W009 rules)."""
    if not key or key == DEV_SECRET_KEY or key.startswith("django-insecure-"):
        return "it is missing or a development key"
    if len(key) < 50:
        return "it has fewer than 50 characters"
    if len(set(key)) < 5:
        return "it has fewer than 5 different characters"
    return None


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    # First: its createsuperuser (password validators with --noinput) replaces django.contrib.auth's.
    "llp_edx_plugin.apps.LLPCertificatesConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "llp_edx_plugin.context_processors.llp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'llp.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under concurrency (ADR 0020): every transaction takes the write lock when it begins
    # (a deferred one that reads then writes fails at once with "database is locked" instead of waiting),
    # waiting writers queue for up to SQLITE_TIMEOUT seconds, and WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("SQLITE_TIMEOUT", "30")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    if django.VERSION < (5, 1):
        # Django 4.2 (Open edX Sumac, Teak) has neither option: a thin backend applies them (settings/sqlite_backend).
        DATABASES["default"]["ENGINE"] = "settings.sqlite_backend"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("LLP_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LLP_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Every way a password is set (the API, the admin, createsuperuser) checks these. The demo's published
# password "demo1234" passes them (ADR 0021).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's backend with sign-in throttling: failures from every sign-in path are counted in one place.
AUTHENTICATION_BACKENDS = ["llp_edx_plugin.accounts.authentication.ThrottledModelBackend"]
# The throttle's counters live in the cache: set CACHE_URL (redis://...) when several processes serve the site.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# By URL name (Django resolves them), like every link of the plugin.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "llp_edx_plugin:pages:dashboard"
LOGOUT_REDIRECT_URL = "login"

# E-mail (support answers): Django's SMTP backend configured by the environment; dev prints, tests keep them.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LLP Certificates <support@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Uploads (docs/decisions/0024-upload-limits.md): the plugin's RequestSizeLimitMiddleware refuses a body over
# its per-view limit before it is read; form fields stay in memory up to 5 MB, a file over 2.5 MB goes to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis/SQS redeliver an unacknowledged task after the visibility timeout: it must outlast the longest job,
# or a running task is handed to a second worker. JSON in CELERY_BROKER_TRANSPORT_OPTIONS overrides it.
# Redis: a broker that vanishes without closing the socket must fail a publish, not hang it forever (the
# sending thread of jobs.dispatch would stay stuck); 10 s is well above the worker's 1 s BRPOP polling.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 6 * 3600,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    **json.loads(os.environ.get("CELERY_BROKER_TRANSPORT_OPTIONS") or "{}"),
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The sweep of work stuck by a broker outage (ADR 0026): set before the plugin's hook, which schedules it.
LLP_CERTIFICATES = {
    name: float(os.environ[f"LLP_{name}"])
    for name in ("SWEEP_AFTER_SECONDS", "SWEEP_EVERY_SECONDS")
    if os.environ.get(f"LLP_{name}")
}

# The plugin's own settings, exactly as edx-platform applies them through plugin_app.settings_config.
from llp_edx_plugin.settings import common as _plugin_common  # noqa: E402

_plugin_common.plugin_settings(sys.modules[__name__])

# Every DRF view of the standalone project parses bodies strictly. The plugin's own views set these parsers
# themselves, so the hook leaves an Open edX platform's defaults alone (docs/decisions/0025-input-limits.md).
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [  # noqa: F821 - defined by plugin_settings above
    "llp_edx_plugin.json_input.StrictJSONParser",
    "llp_edx_plugin.json_input.StrictFormParser",
    "llp_edx_plugin.json_input.StrictMultiPartParser",
]

LLP_CERTIFICATES.update(
    {
        "BASE_URL": os.environ.get("LLP_BASE_URL", "http://127.0.0.1:8000"),
        "SITE_TEMPLATE": "site_base.html",
    }
)
