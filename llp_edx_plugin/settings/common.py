"""Settings every environment gets; edx-platform calls ``plugin_settings`` with its settings module."""

from typing import Any

from ..conf import DEFAULTS, SWEEP_BEAT_ENTRY, SWEEP_TASK


def plugin_settings(settings: Any) -> None:
    """Add the plugin's namespaced settings dict, keeping any values the platform already set, and schedule
    the periodic sweep of work stuck by a broker outage in Celery beat (ADR 0026)."""
    current = dict(getattr(settings, "LLP_CERTIFICATES", {}) or {})
    settings.LLP_CERTIFICATES = {**DEFAULTS, **current}
    schedule = dict(getattr(settings, "CELERY_BEAT_SCHEDULE", {}) or {})
    schedule.setdefault(
        SWEEP_BEAT_ENTRY,
        {"task": SWEEP_TASK, "schedule": float(settings.LLP_CERTIFICATES["SWEEP_EVERY_SECONDS"])},
    )
    settings.CELERY_BEAT_SCHEDULE = schedule
