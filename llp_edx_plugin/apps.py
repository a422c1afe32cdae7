"""App configuration, with the Open edX ``plugin_app`` that edx-platform reads from the entry points."""

from django.apps import AppConfig


class LLPCertificatesConfig(AppConfig):
    """The LLP Certificates Django app (one app; domains are sub-packages)."""

    name = "llp_edx_plugin"
    label = "llp_edx_plugin"
    verbose_name = "LLP Certificates"
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils plugin contract (OEP-49): URLs and settings hooks for the LMS and Studio. The URLs are
    # included at the root but all live under LLP_CERTIFICATES["URL_PREFIX"] (platform_urls.py), so none
    # shadows the platform's own.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {
                "namespace": "llp_edx_plugin",
                "regex": r"^",
                "relative_path": "platform_urls",
            },
            "cms.djangoapp": {
                "namespace": "llp_edx_plugin",
                "regex": r"^",
                "relative_path": "platform_urls",
            },
        },
        "settings_config": {
            "lms.djangoapp": {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
                "test": {"relative_path": "settings.test"},
            },
            "cms.djangoapp": {
                "common": {"relative_path": "settings.common"},
                "production": {"relative_path": "settings.production"},
                "test": {"relative_path": "settings.test"},
            },
        },
    }

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers system checks)
            handlers,  # noqa: F401  (connects the domains' signal receivers)
        )
