"""REST API v1: pathways and learning programs (CONTRACT.md "Programs").

- ``GET|POST /programs``, ``GET|PATCH /programs/{slug}``, ``PUT /programs/{slug}/members``: platform staff
  create and edit; any signed-in user may read a program (its title, description and members are public
  to learners, as a course's title is).
- ``POST /programs/{slug}/enrollments`` ``{username?}``: as a course's (the caller, or for staff and an
  employee's Company Admin another learner): enrolls in the program and every member.
- ``GET /programs/{slug}/progress[?username=]``: the caller's; another learner's for platform staff, the
  learner, or their Company Admin; anyone else 404 (no hint that the username exists).
"""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from ...certificates import api as certificates_api
from ...conf import llp_setting
from ...programs import api as programs_api
from . import serializers as s
from .base import LLPAPIView
from .permissions import IsPlatformStaff, actor_of
from .schema import errors, query

SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The program's slug, e.g. ``leaders``.")


def program_json(program: programs_api.ProgramData) -> dict:
    return {
        "slug": program.slug,
        "course_key": program.course_key,
        "kind": program.kind,
        "title": program.title,
        "description": program.description,
        "in_order": program.in_order,
        "certificate_template": program.certificate_template,
        "certificate_language": program.certificate_language,
        "members": [{"key": m.key, "title": m.title, "kind": m.kind, "slug": m.slug} for m in program.members],
    }


def progress_json(progress: programs_api.ProgramProgress, actor) -> dict:
    owner = accounts_api.get_profile(progress.user_id)
    certificate = None
    if progress.certificate is not None and progress.certificate.status != "deleted" and llp_setting("ENABLED"):
        listed = certificates_api.ListedCertificate(certificate=progress.certificate, owner=owner)
        certificate = s.CertificateOut(listed, context={"actor": actor}).data
    return {
        "slug": progress.program.slug,
        "username": owner.username,
        "percent": progress.percent,
        "complete": progress.complete,
        "members": [
            {"key": m.key, "title": m.title, "kind": m.kind, "certified": m.certified, "locked": m.locked}
            for m in progress.members
        ],
        "certificate": certificate,
    }


class ProgramsView(LLPAPIView):
    """``GET /programs`` (signed in) the programs; ``POST /programs`` (platform staff) -> 201 a new one."""

    @extend_schema(responses={200: s.ProgramOut(many=True), **errors(401)})
    def get(self, request: Request) -> Response:
        return self.list_response([program_json(p) for p in programs_api.list_programs()], s.ProgramOut)

    @extend_schema(request=s.ProgramIn, responses={201: s.ProgramOut, **errors(400, 401, 403)})
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        if not accounts_api.permissions.can_manage_accounts(actor):
            self.permission_denied(request, message=programs_api.STAFF_ONLY)
        data = s.parse(s.ProgramIn, request.data)
        program = programs_api.create_program(actor, **data)
        return Response(program_json(program), status=status.HTTP_201_CREATED)


class ProgramView(LLPAPIView):
    """``GET /programs/{slug}`` (signed in); ``PATCH`` (platform staff) title, description, order, members,
    certificate template and language."""

    @extend_schema(parameters=[SLUG], responses={200: s.ProgramOut, **errors(401, 404)})
    def get(self, request: Request, slug: str) -> Response:
        return Response(program_json(programs_api.get_program(slug)))

    @extend_schema(
        parameters=[SLUG], request=s.ProgramPatchIn, responses={200: s.ProgramOut, **errors(400, 401, 403, 404)}
    )
    def patch(self, request: Request, slug: str) -> Response:
        actor = actor_of(request)
        if not accounts_api.permissions.can_manage_accounts(actor):
            self.permission_denied(request, message=programs_api.STAFF_ONLY)
        programs_api.get_program(slug)  # 404 first
        data = s.parse(s.ProgramPatchIn, request.data)
        return Response(program_json(programs_api.update_program(actor, slug, data)))


class ProgramMembersView(LLPAPIView):
    """``PUT /programs/{slug}/members`` ``{members: [course_key or program slug, ...]}`` (platform staff)."""

    permission_classes = [IsAuthenticated, IsPlatformStaff]

    @extend_schema(parameters=[SLUG], request=s.MembersIn, responses={200: s.ProgramOut, **errors(400, 401, 403, 404)})
    def put(self, request: Request, slug: str) -> Response:
        programs_api.get_program(slug)
        data = s.parse(s.MembersIn, request.data)
        return Response(program_json(programs_api.update_program(actor_of(request), slug, data)))


class ProgramEnrollmentsView(LLPAPIView):
    """``POST /programs/{slug}/enrollments`` ``{username?}`` -> 201 (200 already enrolled) the program."""

    @extend_schema(
        parameters=[SLUG],
        request=s.EnrollmentIn,
        responses={
            201: OpenApiResponse(s.ProgramOut, description="Enrolled in the program and its members."),
            200: OpenApiResponse(s.ProgramOut, description="Already enrolled (members given again)."),
            **errors(400, 401, 403, 404),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        program = programs_api.get_program(slug)
        username = s.parse(s.EnrollmentIn, request.data).get("username")
        created = programs_api.enroll_as(actor_of(request), slug, username)
        return Response(program_json(program), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ProgramProgressView(LLPAPIView):
    """``GET /programs/{slug}/progress[?username=]`` -> each member certified or not, and the certificate."""

    @extend_schema(
        parameters=[SLUG, query("username", "Another learner (staff, the learner's Company Admin).")],
        responses={200: s.ProgramProgressOut, **errors(400, 401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        actor = actor_of(request)
        username = request.query_params.get("username") or None
        progress = programs_api.progress_for(actor, slug, username)
        return Response(progress_json(progress, actor))


urlpatterns = [
    path("programs", ProgramsView.as_view(), name="programs"),
    path("programs/<str:slug>", ProgramView.as_view(), name="program"),
    path("programs/<str:slug>/members", ProgramMembersView.as_view(), name="program-members"),
    path("programs/<str:slug>/enrollments", ProgramEnrollmentsView.as_view(), name="program-enrollments"),
    path("programs/<str:slug>/progress", ProgramProgressView.as_view(), name="program-progress"),
]
