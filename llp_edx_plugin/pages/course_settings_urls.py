"""Page routes: the course team's Advanced Settings, Grading and Videos pages."""

from django.urls import re_path

from ..keys import CourseKeyConverter
from . import course_settings

# The converter's regex rather than ``<course_key:...>``: this module is imported before pages/urls.py
# registers the converter. A key that matches but does not parse is an unknown course (404) in the view.
_COURSE = rf"^courses/(?P<course_key>{CourseKeyConverter.regex})"

urlpatterns = [
    re_path(rf"{_COURSE}/settings/advanced$", course_settings.advanced_settings, name="course-settings-advanced"),
    re_path(rf"{_COURSE}/settings/grading$", course_settings.grading, name="course-settings-grading"),
    re_path(rf"{_COURSE}/settings/videos$", course_settings.videos, name="course-settings-videos"),
]
