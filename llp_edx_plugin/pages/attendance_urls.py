"""Page routes: a live event's attendance roster and its CSV export."""

from django.urls import re_path

from ..keys import CourseKeyConverter
from . import attendance

urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/attendance$",
        attendance.attendance,
        name="attendance",
    ),
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/attendance\.csv$",
        attendance.attendance_export,
        name="attendance-export",
    ),
]
