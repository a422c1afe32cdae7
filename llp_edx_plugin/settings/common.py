"""Settings every environment gets; edx-platform calls ``plugin_settings`` with its settings module."""

from pathlib import Path
from typing import Any

from .. import __version__
from ..conf import DEFAULTS, SWEEP_BEAT_ENTRY, SWEEP_TASK

SCHEMA_CLASS = "drf_spectacular.openapi.AutoSchema"

REQUEST_LIMITS = "llp_edx_plugin.request_limits.RequestSizeLimitMiddleware"

# The plugin's Spanish and French catalogs, where Open edX keeps them (`conf/locale`, ADR 0041).
LOCALE_DIR = str(Path(__file__).resolve().parent.parent / "conf" / "locale")


def plugin_settings(settings: Any) -> None:
    """Add the plugin's namespaced settings dict and its API schema settings, keeping the platform's values,
    and schedule the periodic sweep of work stuck by a broker outage in Celery beat (ADR 0026).

    The request size middleware goes first, before anything can read a request body.
    """
    current = dict(getattr(settings, "LLP_CERTIFICATES", {}) or {})
    settings.LLP_CERTIFICATES = {**DEFAULTS, **current}
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
