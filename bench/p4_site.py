"""The P4 benchmark's WSGI app (``gunicorn --pythonpath bench p4_site``): the project as deployed, plus one bare
Django JSON view behind the same middleware, server and settings, to compare the handler against."""

import json
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")
settings.ROOT_URLCONF = "p4_site"  # this module: the project's URLs and the bare view
application = get_wsgi_application()

from django.http import JsonResponse  # noqa: E402  (after django.setup())
from django.urls import include, path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


@csrf_exempt
def bare(request):
    """What any JSON endpoint costs here: parse the body, answer a small JSON object; no database."""
    data = json.loads(request.body or b"{}")
    return JsonResponse({"watched_ratio": 0.0167, "complete": bool(data.get("complete"))})


urlpatterns = [path("bench/bare", bare), path("", include("settings.urls"))]
