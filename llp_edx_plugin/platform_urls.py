"""The plugin's URLs inside Open edX: everything under one prefix (``LLP_CERTIFICATES["URL_PREFIX"]``, ``llp/``).

edx-platform includes this module (``apps.py`` ``url_config``) at the root of the LMS and of Studio with the
namespace ``llp_edx_plugin``, so the plugin's ``/dashboard``, ``/courses/{id}/progress``,
``/courses/{id}/instructor`` and XBlock handler route never shadow the platform's: they answer at
``/llp/dashboard`` and so on. The standalone project includes ``llp_edx_plugin.urls`` at its root instead.
Every link is built by name (``links.py``, ``{% url %}``), so both mounts give the right paths.
"""

from django.urls import include, path, re_path

from .api_errors import api_not_found
from .conf import llp_setting
from .urls import urlpatterns as plugin_urlpatterns

app_name = "llp_edx_plugin"


def prefix() -> str:
    """The configured prefix as a path segment (``"llp/"``); an empty prefix is refused (it would shadow the LMS)."""
    value = str(llp_setting("URL_PREFIX")).strip("/")
    if not value:
        raise ValueError('LLP_CERTIFICATES["URL_PREFIX"] must not be empty inside Open edX')
    return value + "/"


urlpatterns = [
    path(
        prefix(),
        include(
            [
                *plugin_urlpatterns,
                # Any other path of the plugin's API: JSON 404 (CONTRACT.md), never the platform's HTML page.
                re_path(r"^api/", api_not_found),
            ]
        ),
    ),
]
