"""Settings every environment gets; edx-platform calls ``plugin_settings`` with its settings module."""

from pathlib import Path
from typing import Any

from .. import __version__
from ..conf import DEFAULTS, SWEEP_BEAT_ENTRY, SWEEP_TASK

SCHEMA_CLASS = "drf_spectacular.openapi.AutoSchema"

REQUEST_LIMITS = "llp_edx_plugin.request_limits.RequestSizeLimitMiddleware"

# Apps the plugin's models, API and pages need; a host (edx-platform) that lacks one gets it appended.
REQUIRED_APPS = (
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",  # the API's expiring tokens (accounts/authentication.py) are its Token rows
    "django_filters",
    "drf_spectacular",
    "simple_history",
)
CONTEXT_PROCESSORS = (
    "django.template.context_processors.request",
    "llp_edx_plugin.context_processors.llp",
)
# The plugin's stylesheets and scripts are in llp_edx_plugin/static, found by the app-directories finder.
APP_STATIC_FINDER = "django.contrib.staticfiles.finders.AppDirectoriesFinder"
DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates"
# The plugin's Spanish and French catalogs, where Open edX keeps them (`conf/locale`, ADR 0041).
LOCALE_DIR = str(Path(__file__).resolve().parent.parent / "conf" / "locale")


def plugin_settings(settings: Any) -> None:
    """Add the plugin's namespaced settings dict and its API schema settings, keeping the platform's values,
    and schedule the periodic sweep of work stuck by a broker outage in Celery beat (ADR 0026). Inside Open edX
    ``BASE_URL`` defaults to the platform's ``LMS_ROOT_URL``, and the apps, template context processors and
    static files finder the plugin needs are added when the host lacks them (docs/decisions/0039).

    The request size middleware goes first, before anything can read a request body.
    """
    current = dict(getattr(settings, "LLP_CERTIFICATES", {}) or {})
    if "BASE_URL" not in current and getattr(settings, "LMS_ROOT_URL", None):
        # Inside Open edX verification links point at the LMS, where the plugin's pages are.
        current["BASE_URL"] = settings.LMS_ROOT_URL
    settings.LLP_CERTIFICATES = {**DEFAULTS, **current}
    _add_apps_templates_and_static(settings)
    # GET /api/v1/schema (CONTRACT.md) needs drf-spectacular's AutoSchema as DRF's schema class.
    rest_framework = dict(getattr(settings, "REST_FRAMEWORK", {}) or {})
    rest_framework["DEFAULT_SCHEMA_CLASS"] = SCHEMA_CLASS
    settings.REST_FRAMEWORK = rest_framework
    spectacular = dict(getattr(settings, "SPECTACULAR_SETTINGS", {}) or {})
    spectacular.setdefault("TITLE", "LLP Certificates API")
    spectacular.setdefault("VERSION", __version__)
    spectacular.setdefault("DESCRIPTION", "Course certificates: issue, render, verify and manage (CONTRACT.md).")
    settings.SPECTACULAR_SETTINGS = spectacular
    schedule = dict(getattr(settings, "CELERY_BEAT_SCHEDULE", {}) or {})
    schedule.setdefault(
        SWEEP_BEAT_ENTRY,
        {"task": SWEEP_TASK, "schedule": float(settings.LLP_CERTIFICATES["SWEEP_EVERY_SECONDS"])},
    )
    settings.CELERY_BEAT_SCHEDULE = schedule
    middleware = list(getattr(settings, "MIDDLEWARE", []) or [])
    if REQUEST_LIMITS not in middleware:
        settings.MIDDLEWARE = [REQUEST_LIMITS, *middleware]
    locale_paths = list(getattr(settings, "LOCALE_PATHS", []) or [])
    if LOCALE_DIR not in locale_paths:
        settings.LOCALE_PATHS = [*locale_paths, LOCALE_DIR]


def _add_apps_templates_and_static(settings: Any) -> None:
    """Whatever the host lacks of the plugin's apps, template context processors and static files finder."""
    installed = list(getattr(settings, "INSTALLED_APPS", []) or [])
    settings.INSTALLED_APPS = installed + [app for app in REQUIRED_APPS if app not in installed]
    templates = []
    for backend in getattr(settings, "TEMPLATES", []) or []:
        backend = dict(backend)
        if backend.get("BACKEND") == DJANGO_TEMPLATES:
            options = dict(backend.get("OPTIONS", {}) or {})
            processors = list(options.get("context_processors", []) or [])
            options["context_processors"] = processors + [p for p in CONTEXT_PROCESSORS if p not in processors]
            backend["OPTIONS"] = options
        templates.append(backend)
    settings.TEMPLATES = templates
    finders = getattr(settings, "STATICFILES_FINDERS", None)
    if finders is not None and APP_STATIC_FINDER not in finders:
        settings.STATICFILES_FINDERS = [*finders, APP_STATIC_FINDER]
