"""Page route of the Instructor Dashboard (Certificates tab); the REST endpoints live in rest_api/v1."""

from django.urls import re_path

from ..keys import CourseKeyConverter
from . import views

# The converter's regex: this module may be imported before anything registers ``<course_key:...>``. A key
# that matches but does not parse is an unknown course (404) in the view.
urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/instructor$",
        views.dashboard,
        name="instructor-dashboard",
    ),
]
