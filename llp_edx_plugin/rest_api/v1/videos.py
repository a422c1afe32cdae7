"""REST API v1: the durations of a course's videos (CONTRACT.md "Videos"), for its course team.

``GET /api/v1/courses/{course_key}/videos`` lists the videos with their durations and where each comes from;
``PUT /api/v1/courses/{course_key}/videos/{usage_key}`` ``{duration}`` (seconds, or null to clear) sets the
course team's duration. The learner's handler never sets one.
"""

from django.urls import re_path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts.api import permissions
from ...courses import api as courses_api
from ...errors import FieldErrors, Forbidden, NotFound
from ...json_input import StrictJSONParser
from ...keys import CourseKeyConverter, UsageKeyConverter
from .base import LLPAPIView
from .permissions import actor_of
from .schema import COURSE_KEY, USAGE_KEY, VideoDurationIn, VideoOut, errors, paged


def _check_team(request: Request, course_key: str) -> None:
    if not courses_api.course_exists(course_key):
        raise NotFound(f"Unknown course '{course_key}'")
    if not permissions.is_course_team(actor_of(request), course_key):
        raise Forbidden("Only the course team may see or set the durations of the course's videos.")


class CourseVideosView(LLPAPIView):
    @paged(VideoOut, parameters=[COURSE_KEY], error_codes=(400, 401, 403, 404))
    def get(self, request: Request, course_key: str) -> Response:
        _check_team(request, course_key)
        paginator = self.paginator()
        page = paginator.paginate_queryset(courses_api.list_videos(course_key), request, view=self)
        return paginator.get_paginated_response([video.as_json() for video in page])


class CourseVideoView(LLPAPIView):
    parser_classes = [StrictJSONParser]

    @extend_schema(
        parameters=[COURSE_KEY, USAGE_KEY],
        request=VideoDurationIn,
        responses={200: VideoOut, **errors(400, 401, 403, 404)},
    )
    def put(self, request: Request, course_key: str, usage_key: str) -> Response:
        _check_team(request, course_key)
        if not isinstance(request.data, dict) or "duration" not in request.data:
            raise FieldErrors.single("duration", "This field is required (seconds, or null to clear it).")
        video = courses_api.set_video_duration(course_key, usage_key, request.data["duration"])
        return Response(video.as_json())


# The converters' regexes: this module is imported before urls.py registers the converters. A key that
# matches but does not parse is an unknown course or video (404) in the view.
_COURSE = rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/videos"
urlpatterns = [
    re_path(rf"{_COURSE}$", CourseVideosView.as_view(), name="course-videos"),
    re_path(rf"{_COURSE}/(?P<usage_key>{UsageKeyConverter.regex})$", CourseVideoView.as_view(), name="course-video"),
]
