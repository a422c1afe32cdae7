"""The plugin's one namespaced settings dict, ``settings.LLP_CERTIFICATES``, read lazily with defaults."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Site-wide switch for the whole certificates feature (DESIGN.md §4).
    "ENABLED": True,
    # Used to build verification links printed on certificates.
    "BASE_URL": "http://127.0.0.1:8000",
    # Template the plugin's pages extend for the site chrome (header, navigation).
    "SITE_TEMPLATE": "llp_edx_plugin/site_fallback.html",
    # A video is complete when the union of watched intervals covers this share of its duration.
    "VIDEO_COMPLETE_RATIO": 0.95,
    # The server never accepts more new watched time than wall time times this rate.
    "VIDEO_MAX_PLAYBACK_RATE": 2.0,
    # OLX import limits (bytes / members).
    "OLX_MAX_ARCHIVE_BYTES": 50 * 1024 * 1024,
    "OLX_MAX_MEMBER_BYTES": 10 * 1024 * 1024,
    "OLX_MAX_TOTAL_BYTES": 200 * 1024 * 1024,
    "OLX_MAX_MEMBERS": 20_000,
    # Company logo upload limit.
    "LOGO_MAX_BYTES": 2 * 1024 * 1024,
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
