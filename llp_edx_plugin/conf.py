"""The plugin's one namespaced settings dict, ``settings.LLP_CERTIFICATES``, read lazily with defaults."""

from typing import Any

from django.conf import settings

# Celery name of the periodic sweep (jobs.tasks.sweep_stuck_task), scheduled by the settings hook.
SWEEP_TASK = "llp_edx_plugin.jobs.sweep_stuck"
# Its entry in CELERY_BEAT_SCHEDULE.
SWEEP_BEAT_ENTRY = "llp-sweep-stuck-work"

DEFAULTS: dict[str, Any] = {
    # Site-wide switch for the whole certificates feature (DESIGN.md §4).
    "ENABLED": True,
    # Used to build verification links printed on certificates; inside Open edX the hook sets the platform's
    # LMS_ROOT_URL unless this is configured.
    "BASE_URL": "http://127.0.0.1:8000",
    # The issuer named in Open Badges credentials (its URL is BASE_URL) and on LinkedIn.
    "ISSUER_NAME": "LLP — Accelerated Leadership",
    # Inside Open edX every page and endpoint of the plugin is under this path (platform_urls.py); the
    # standalone project serves them at its root.
    "URL_PREFIX": "llp/",
    # Template the plugin's pages extend for the site chrome (header, navigation).
    "SITE_TEMPLATE": "llp_edx_plugin/site_fallback.html",
    # A video is complete when the union of watched intervals covers this share of its duration.
    "VIDEO_COMPLETE_RATIO": 0.95,
    # The server never accepts more new watched time than wall time times this rate.
    "VIDEO_MAX_PLAYBACK_RATE": 2.0,
    # Upload and request limits, in bytes (docs/decisions/0024-upload-limits.md): the uploaded OLX archive;
    # each OLX text file read (.xml, .html, .json); all members decompressed; the number of members.
    "OLX_MAX_ARCHIVE_BYTES": 200 * 1024 * 1024,
    "OLX_MAX_MEMBER_BYTES": 10 * 1024 * 1024,
    "OLX_MAX_TOTAL_BYTES": 1024 * 1024 * 1024,
    "OLX_MAX_MEMBERS": 20_000,
    # A Company Admin's ZIP of more certificates than this is built by a job (progress bar, link when done).
    "COMPANY_ZIP_STREAM_MAX": 200,
    # Reports → History keeps a report (its CSV and its row) this many days after it finished.
    "REPORTS_KEEP_DAYS": 30,
    # Company logo upload (its pixel count is capped too: accounts/logos.py MAX_LOGO_SIDE).
    "LOGO_MAX_BYTES": 2 * 1024 * 1024,
    # API tokens expire this long after they were issued (an expired token gets 401 and is deleted).
    "TOKEN_TTL_SECONDS": 30 * 24 * 3600,
    # Sign-in throttling (API token and /login): failures per (address, username) and per address in a window.
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 50,
    "LOGIN_FAILURE_WINDOW_SECONDS": 15 * 60,
    # Longest wait for the broker to take a task (a learner's request waits for it; ADR 0026).
    "TASK_SEND_TIMEOUT_SECONDS": 2.0,
    # The sweep re-sends certificates stuck in "generating" and jobs stuck in "pending" this long.
    "SWEEP_AFTER_SECONDS": 300,
    # How often Celery beat runs the sweep.
    "SWEEP_EVERY_SECONDS": 60,
    # Most rows of each kind one sweep re-sends (the oldest first); the next sweep takes the rest.
    "SWEEP_LIMIT": 1000,
    # The anonymous POST /api/v1/verify/pdf, and any other request body.
    "VERIFY_PDF_MAX_BYTES": 20 * 1024 * 1024,
    "REQUEST_MAX_BYTES": 5 * 1024 * 1024,
    # Support requests one sender may POST (DRF rate strings): visitors per client address, users per account.
    "SUPPORT_THROTTLE_ANON": "10/hour",
    "SUPPORT_THROTTLE_USER": "30/hour",
}


def llp_setting(name: str) -> Any:
    """Return ``LLP_CERTIFICATES[name]``, falling back to the declared default (read at call time)."""
    configured = getattr(settings, "LLP_CERTIFICATES", {}) or {}
    if name in configured:
        return configured[name]
    return DEFAULTS[name]
