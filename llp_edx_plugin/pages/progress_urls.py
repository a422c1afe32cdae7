"""Page routes: progress."""

from django.urls import re_path

from ..keys import CourseKeyConverter
from . import progress

# re_path with the converter's regex: pages/urls.py imports this module before it registers ``<course_key:>``.
urlpatterns = [
    re_path(rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/progress$", progress.progress_page, name="progress"),
]
