"""Routes of the XBlock handler endpoint (as the LMS calls XBlocks)."""

from django.urls import path

from .. import keys  # noqa: F401  (registers the course_key / usage_key path converters)
from .views import XBlockHandlerView

urlpatterns = [
    path(
        "courses/<course_key:course_key>/xblock/<usage_key:usage_key>/handler/<str:handler>",
        XBlockHandlerView.as_view(),
        name="xblock_handler",
    ),
]
