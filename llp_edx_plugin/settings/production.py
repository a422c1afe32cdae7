"""Production hook: read overrides of the plugin's settings from the platform's ENV_TOKENS."""

from typing import Any

from .common import plugin_settings as common_plugin_settings


def plugin_settings(settings: Any) -> None:
    """Apply common settings, then ``ENV_TOKENS['LLP_CERTIFICATES']`` when edx-platform provides it."""
    common_plugin_settings(settings)
    env_tokens = getattr(settings, "ENV_TOKENS", {}) or {}
    settings.LLP_CERTIFICATES.update(env_tokens.get("LLP_CERTIFICATES", {}))
