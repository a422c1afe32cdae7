"""URLs of the standalone project: the shell (login, admin, media) around the plugin's own URLs."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve

from llp_edx_plugin.api_errors import api_not_found
from llp_edx_plugin.pages.login import LoginView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="llp_edx_plugin:pages:dashboard", permanent=False)),
    path("login", LoginView.as_view(), name="login"),
    path("logout", LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("llp_edx_plugin.urls")),
    # Media (logos, PDFs served through their own views) for the standalone server; production uses storage.
    re_path(r"^media/(?P<path>company_logos/.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    # Any other /api/ path: JSON 404 (CONTRACT.md), also with DEBUG on. Pages get templates/404.html.
    re_path(r"^api/", api_not_found),
]
