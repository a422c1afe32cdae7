"""Settings every environment gets; edx-platform calls ``plugin_settings`` with its settings module."""

from typing import Any

from ..conf import DEFAULTS

REQUEST_LIMITS = "llp_edx_plugin.request_limits.RequestSizeLimitMiddleware"


def plugin_settings(settings: Any) -> None:
    """Add the plugin's namespaced settings dict, keeping any values the platform already set.

    The request size middleware goes first, before anything can read a request body.
    """
    current = dict(getattr(settings, "LLP_CERTIFICATES", {}) or {})
    settings.LLP_CERTIFICATES = {**DEFAULTS, **current}
    middleware = list(getattr(settings, "MIDDLEWARE", []) or [])
    if REQUEST_LIMITS not in middleware:
        settings.MIDDLEWARE = [REQUEST_LIMITS, *middleware]
