"""Settings every environment gets; edx-platform calls ``plugin_settings`` with its settings module."""

from typing import Any

from ..conf import DEFAULTS


def plugin_settings(settings: Any) -> None:
    """Add the plugin's namespaced settings dict, keeping any values the platform already set."""
    current = dict(getattr(settings, "LLP_CERTIFICATES", {}) or {})
    settings.LLP_CERTIFICATES = {**DEFAULTS, **current}
