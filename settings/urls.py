"""URLs of the standalone project: the shell (login, admin, media) around the plugin's own URLs."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve

urlpatterns = [
    path("", RedirectView.as_view(url="/dashboard", permanent=False)),
    path("login", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("llp_edx_plugin.urls")),
    # Media (logos, PDFs served through their own views) for the standalone server; production uses storage.
    re_path(r"^media/(?P<path>company_logos/.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
