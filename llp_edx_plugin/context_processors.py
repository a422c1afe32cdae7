"""Template context shared by the plugin's pages."""

from django.http import HttpRequest

from .conf import llp_setting


def llp(request: HttpRequest) -> dict:
    """Expose the site template to extend and the certificates switch."""
    return {
        "LLP_SITE_TEMPLATE": llp_setting("SITE_TEMPLATE"),
        "LLP_CERTIFICATES_ENABLED": llp_setting("ENABLED"),
    }
