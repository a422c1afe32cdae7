"""Test hook: same as common."""

from typing import Any

from .common import plugin_settings as common_plugin_settings


def plugin_settings(settings: Any) -> None:
    """Apply the common settings."""
    common_plugin_settings(settings)
