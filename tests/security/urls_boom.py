"""The project's URLs plus a page that fails, to see the site's 500 page."""

from django.urls import path

from settings.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("DATABASE_URL=postgres://secret@db/llp")  # what a technical page would leak


urlpatterns = [path("boom", boom), *project_urlpatterns]
