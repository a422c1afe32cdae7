"""The plugin's URLs (mounted at the site root by edx-platform's plugin_app and by the standalone project)."""

from django.urls import include, path

from .learning import urls as learning_urls

# The namespace edx-platform gives the plugin (apps.py ``url_config``), standalone too: ``links.url`` and
# ``{% url "llp_edx_plugin:..." %}`` resolve the same way in both.
app_name = "llp_edx_plugin"

urlpatterns = [
    path("api/v1/", include("llp_edx_plugin.rest_api.v1.urls")),
    path("", include(learning_urls.urlpatterns)),
    path("", include("llp_edx_plugin.pages.urls")),
    path("", include("llp_edx_plugin.instructor.urls")),
    path("", include("llp_edx_plugin.company.urls")),
    path("", include("llp_edx_plugin.reports.urls")),
    path("", include("llp_edx_plugin.programs.urls")),
    path("", include("llp_edx_plugin.support.urls")),
]
