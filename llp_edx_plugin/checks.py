"""System checks for the plugin's settings."""

import re

from django.core.checks import Error, register

from .conf import DEFAULTS, llp_setting


@register()
def check_llp_settings(app_configs, **kwargs):
    """Refuse settings outside their meaningful range."""
    errors = []
    ratio = llp_setting("VIDEO_COMPLETE_RATIO")
    if not isinstance(ratio, int | float) or not 0 < ratio <= 1:
        errors.append(Error("LLP_CERTIFICATES['VIDEO_COMPLETE_RATIO'] must be in (0, 1]", id="llp.E001"))
    rate = llp_setting("VIDEO_MAX_PLAYBACK_RATE")
    if not isinstance(rate, int | float) or rate < 1:
        errors.append(Error("LLP_CERTIFICATES['VIDEO_MAX_PLAYBACK_RATE'] must be >= 1", id="llp.E002"))
    for name in (
        "TOKEN_TTL_SECONDS",
        "LOGIN_MAX_FAILURES",
        "LOGIN_MAX_FAILURES_PER_ADDRESS",
        "LOGIN_FAILURE_WINDOW_SECONDS",
    ):
        value = llp_setting(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors.append(Error(f"LLP_CERTIFICATES['{name}'] must be a positive whole number", id="llp.E021"))
    for name in sorted(key for key in DEFAULTS if key.endswith(("_BYTES", "_MEMBERS"))):
        value = llp_setting(name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            errors.append(Error(f"LLP_CERTIFICATES['{name}'] must be a whole number > 0", id="llp.E004"))
    for name in ("SUPPORT_THROTTLE_ANON", "SUPPORT_THROTTLE_USER"):
        if not _is_rate(llp_setting(name)):
            errors.append(Error(f"LLP_CERTIFICATES['{name}'] must be a rate such as '10/hour'", id="llp.E030"))
    if not _is_url_prefix(llp_setting("URL_PREFIX")):
        errors.append(
            Error(
                "LLP_CERTIFICATES['URL_PREFIX'] must be a non-empty path such as 'llp/' (letters, digits, '-', '_')",
                id="llp.E039",
            )
        )
    from django.conf import settings

    unknown = set(getattr(settings, "LLP_CERTIFICATES", {})) - set(DEFAULTS)
    if unknown:
        errors.append(Error(f"Unknown LLP_CERTIFICATES keys: {sorted(unknown)}", id="llp.E003"))
    return errors


def _is_url_prefix(value: object) -> bool:
    """Where the plugin lives inside Open edX: one or more plain path segments (never the root: ADR 0039)."""
    return isinstance(value, str) and re.fullmatch(r"/?[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*/?", value) is not None


def _is_rate(value: object) -> bool:
    """A DRF rate string: a positive whole number of requests per second, minute, hour or day ("10/hour")."""
    if not isinstance(value, str) or "/" not in value:
        return False
    count, period = value.split("/", 1)
    return count.isdigit() and int(count) > 0 and period[:1] in {"s", "m", "h", "d"}
