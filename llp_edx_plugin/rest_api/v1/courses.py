"""REST API v1: creating courses, the course team and enrollments (CONTRACT.md "Courses").

Decisions (see the docstrings of the views):
- team: platform staff and the course's instructors manage it; ``staff`` role members may not.
- enrollment: enrolling again answers 200 with the same enrollment (re-activated if it was inactive);
  an unknown ``username`` in the body is a 400 on ``username`` for platform staff (it is input, not the
  resource of the URL); anyone else gets the 403 of a user they may not enroll (no probing of accounts).
"""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from ...courses import api as courses_api
from ...programs import api as programs_api
from . import serializers as s
from .base import LLPAPIView
from .permissions import CanManageTeam, IsPlatformStaff, actor_of
from .schema import COURSE_KEY, errors


class CoursesView(LLPAPIView):
    """``POST /api/v1/courses`` -> 201 the course (platform staff): live events and empty courses."""

    permission_classes = [IsAuthenticated, IsPlatformStaff]

    @extend_schema(request=s.CourseIn, responses={201: s.CourseOut, **errors(400, 401, 403)})
    def post(self, request: Request) -> Response:
        course = courses_api.create_course(**s.parse(s.CourseIn, request.data))
        return Response(s.CourseOut(course).data, status=status.HTTP_201_CREATED)


class TeamMemberView(LLPAPIView):
    """``PUT /api/v1/courses/{course_key}/team/{username}`` ``{role}`` -> 200 ``{username, course_key, role}``.

    Platform staff and the course's instructors; unknown course or user -> 404.
    """

    permission_classes = [IsAuthenticated, CanManageTeam]

    @extend_schema(
        parameters=[COURSE_KEY], request=s.TeamRoleIn, responses={200: s.TeamRoleOut, **errors(400, 401, 403, 404)}
    )
    def put(self, request: Request, course_key: str, username: str) -> Response:
        role = s.parse(s.TeamRoleIn, request.data)["role"]
        courses_api.set_team_role(course_key, username, role)
        return Response(s.TeamRoleOut({"username": username, "course_key": course_key, "role": role}).data)


class EnrollmentsView(LLPAPIView):
    """``POST /api/v1/courses/{course_key}/enrollments`` ``{username?}`` -> 201, or 200 when already enrolled.

    Who may enroll whom is ``courses_api.enroll_as``'s (a Company Admin enrolling an employee of their company
    assigns the training).
    """

    @extend_schema(
        parameters=[COURSE_KEY],
        request=s.EnrollmentIn,
        responses={
            201: OpenApiResponse(s.EnrollmentOut, description="Enrolled."),
            200: OpenApiResponse(s.EnrollmentOut, description="Already enrolled (re-activated if it was not active)."),
            **errors(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, course_key: str) -> Response:
        username = s.parse(s.EnrollmentIn, request.data).get("username")
        enrollment, created = courses_api.enroll_as(actor_of(request), course_key, username)
        if programs_api.is_program(course_key):  # a program's own key: its members come with it
            learner = accounts_api.get_profile_by_username(enrollment.username)
            assigned = accounts_api.get_profile_by_username(enrollment.assigned_by) if enrollment.assigned_by else None
            programs_api.enroll(course_key, learner.user_id, assigned_by_id=assigned.user_id if assigned else None)
        return Response(
            s.EnrollmentOut(enrollment).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


urlpatterns = [
    path("courses", CoursesView.as_view(), name="courses"),
    path("courses/<course_key:course_key>/team/<str:username>", TeamMemberView.as_view(), name="course-team-member"),
    path("courses/<course_key:course_key>/enrollments", EnrollmentsView.as_view(), name="course-enrollments"),
]
