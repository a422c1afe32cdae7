"""Page routes: courseware."""

from django.urls import re_path

from ..keys import CourseKeyConverter
from . import courseware

# re_path with the converter's regex: pages/urls.py imports this module before it registers ``<course_key:>``.
urlpatterns = [
    re_path(rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/$", courseware.courseware, name="courseware"),
]
