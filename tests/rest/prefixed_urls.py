"""The plugin mounted as edx-platform mounts it: under a prefix (``/llp/``), in the ``llp_edx_plugin`` namespace."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login", auth_views.LoginView.as_view(), name="login"),
    path("logout", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("llp/", include(("llp_edx_plugin.urls", "llp_edx_plugin"), namespace="llp_edx_plugin")),
]
