"""REST API v1: creating courses, the course team and enrollments (CONTRACT.md "Courses").

Decisions (see the docstrings of the views):
- team: platform staff and the course's instructors manage it; ``staff`` role members may not.
- enrollment: enrolling again answers 200 with the same enrollment (re-activated if it was inactive);
  an unknown ``username`` in the body is a 400 on ``username`` for platform staff (it is input, not the
  resource of the URL); anyone else gets the 403 of a user they may not enroll (no probing of accounts).
"""

from django.urls import path
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from ...accounts.data import Actor, ProfileData
from ...courses import api as courses_api
from ...courses.data import CourseData, EnrollmentData
from ...errors import FieldErrors, Forbidden, NotFound
from .base import LLPAPIView
from .permissions import actor_of

_datetime = serializers.DateTimeField()


def _iso(value) -> str | None:
    return _datetime.to_representation(value) if value else None


def course_json(course: CourseData) -> dict:
    return {
        "course_key": course.course_key,
        "title": course.title,
        "kind": course.kind,
        "self_paced": course.self_paced,
        "start": _iso(course.start),
        "end": _iso(course.end),
        "issues_certificates": course.issues_certificates,
    }


def enrollment_json(enrollment: EnrollmentData, username: str, assigned_by: str | None) -> dict:
    return {
        "username": username,
        "course_key": enrollment.course_key,
        "is_active": enrollment.is_active,
        "assigned_by": assigned_by,
        "created": _iso(enrollment.created),
    }


class CourseIn(serializers.Serializer):
    course_key = serializers.CharField(max_length=255)
    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=("online", "live_event"))
    self_paced = serializers.BooleanField(default=False)
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    issues_certificates = serializers.BooleanField(default=True)


class TeamRoleIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=accounts_api.COURSE_ROLES)


class EnrollmentIn(serializers.Serializer):
    username = serializers.CharField(max_length=254, required=False)


def _valid(serializer_class: type[serializers.Serializer], data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class CoursesView(LLPAPIView):
    """``POST /api/v1/courses`` -> 201 the course (platform staff): live events and empty courses."""

    def post(self, request: Request) -> Response:
        if not accounts_api.permissions.can_manage_accounts(actor_of(request)):
            raise Forbidden("Only platform staff may create courses.")
        data = _valid(CourseIn, request.data)
        course = courses_api.create_course(**data)
        return Response(course_json(course), status=status.HTTP_201_CREATED)


class TeamMemberView(LLPAPIView):
    """``PUT /api/v1/courses/{course_key}/team/{username}`` ``{role}`` -> 200 ``{username, course_key, role}``.

    Platform staff and the course's instructors; unknown course or user -> 404.
    """

    def put(self, request: Request, course_key: str, username: str) -> Response:
        if not accounts_api.permissions.can_manage_team(actor_of(request), course_key):
            raise Forbidden("Only the course's instructors and platform staff may manage its team.")
        data = _valid(TeamRoleIn, request.data)
        courses_api.set_team_role(course_key, username, data["role"])
        return Response({"username": username, "course_key": course_key, "role": data["role"]})


MAY_NOT_ENROLL = "You may not enroll this user."


def _target(actor: Actor, username: str | None) -> ProfileData:
    """The learner to enroll: the caller, or the named user when the caller may enroll others.

    Only platform staff learn that a username is unknown (400); anyone else gets the same 403 for an unknown
    user as for one they may not enroll, so that nobody can probe which accounts exist (ADR 0021).
    """
    if not username or username == actor.username:
        return accounts_api.get_profile(actor.user_id)
    if not accounts_api.permissions.can_enroll_others(actor):
        raise Forbidden("You may only enroll yourself.")  # before the lookup: no probing of usernames
    try:
        return accounts_api.get_profile_by_username(username)
    except NotFound as exc:
        if actor.is_platform_staff:
            raise FieldErrors.single("username", f"No user '{username}'.") from exc
        raise Forbidden(MAY_NOT_ENROLL) from None


class EnrollmentsView(LLPAPIView):
    """``POST /api/v1/courses/{course_key}/enrollments`` ``{username?}`` -> 201, or 200 when already enrolled.

    A Company Admin enrolling an employee of their company assigns the training (``assigned_by``).
    """

    def post(self, request: Request, course_key: str) -> Response:
        actor = actor_of(request)
        data = _valid(EnrollmentIn, request.data)
        course = courses_api.get_course(course_key)  # 404 for an unknown course
        target = _target(actor, data.get("username"))
        if not accounts_api.permissions.can_enroll(actor, target):
            raise Forbidden(MAY_NOT_ENROLL)
        assigning = accounts_api.permissions.is_company_admin_of(actor, target)
        enrollment, created = courses_api.enroll(
            course.course_key, target.user_id, assigned_by_id=actor.user_id if assigning else None
        )
        assigned_by = None
        if enrollment.assigned_by_id is not None:
            assigned_by = accounts_api.get_profile(enrollment.assigned_by_id).username
        return Response(
            enrollment_json(enrollment, target.username, assigned_by),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


urlpatterns = [
    path("courses", CoursesView.as_view(), name="courses"),
    path("courses/<course_key:course_key>/team/<str:username>", TeamMemberView.as_view(), name="course-team-member"),
    path("courses/<course_key:course_key>/enrollments", EnrollmentsView.as_view(), name="course-enrollments"),
]
