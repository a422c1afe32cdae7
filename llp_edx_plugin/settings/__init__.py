"""``plugin_settings(settings)`` hooks applied by edx-platform (and by the standalone project)."""
