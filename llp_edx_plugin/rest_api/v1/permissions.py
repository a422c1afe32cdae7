"""DRF permission classes over the pure rules of ``accounts.permissions`` (and the domains' own rules).

Each class only asks a rule about the request's ``Actor``; the rules themselves live, table-tested, in the
domains. Views list them after ``IsAuthenticated`` (so anonymous callers get 401, not 403). Course-scoped
classes first find the course (404 when unknown, before any 403) and leave it on the view as ``view.course``.
"""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from ...accounts import api as accounts_api
from ...accounts.data import Actor
from ...certificates import api as certificates_api
from ...courses import api as courses_api
from ...errors import NotFound
from ...instructor import api as instructor_api


def actor_of(request: Request) -> Actor:
    """The permission Actor of the request's user (cached on the request)."""
    actor = getattr(request, "_llp_actor", None)
    if actor is None:
        actor = accounts_api.get_actor(request.user)
        request._llp_actor = actor
    return actor


class IsPlatformStaff(BasePermission):
    """``can_manage_accounts``: creating companies, users and courses, granting permissions."""

    message = "Only platform staff may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return accounts_api.permissions.can_manage_accounts(actor_of(request))


class CanCreateAccounts(BasePermission):
    """``can_create_accounts``: platform staff and Company Admins (which accounts: the accounts api decides)."""

    message = "Only platform staff and Company Admins may create accounts."

    def has_permission(self, request: Request, view: Any) -> bool:
        return accounts_api.permissions.can_create_accounts(actor_of(request))


class CanManageCompany(BasePermission):
    """``can_manage_company`` of the URL's ``company_id``: its Company Admins and platform staff."""

    message = "Only the company's admins and platform staff may change it."

    def has_permission(self, request: Request, view: Any) -> bool:
        return accounts_api.permissions.can_manage_company(actor_of(request), int(view.kwargs["company_id"]))


class IsCourseTeam(BasePermission):
    """``is_course_team`` of the URL's course (its instructors and staff, platform staff); 404 unknown course."""

    message = "Only the course team may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        view.course = courses_api.get_course(view.kwargs["course_key"])
        return accounts_api.permissions.is_course_team(actor_of(request), view.course.course_key)


class CanManageTeam(BasePermission):
    """``can_manage_team`` of the URL's course: its instructors and platform staff (not ``staff`` members)."""

    message = "Only the course's instructors and platform staff may manage its team."

    def has_permission(self, request: Request, view: Any) -> bool:
        return accounts_api.permissions.can_manage_team(actor_of(request), view.kwargs["course_key"])


class CanManageCertificate(BasePermission):
    """``can_manage_certificates`` of the course of the URL's certificate ``uuid``; 404 unknown certificate."""

    message = "Only the course team may change this certificate."

    def has_permission(self, request: Request, view: Any) -> bool:
        course_key = instructor_api.certificate_course_key(view.kwargs["uuid"])
        return instructor_api.can_manage_certificates(actor_of(request), course_key)


class CanViewCertificate(BasePermission):
    """Object permission on a ``ListedCertificate``: ``can_view`` (the owner, their Company Admin, the course
    team, platform staff); a hidden certificate (enrollment or account removed) is unknown to all but staff."""

    message = "You may not see this certificate."

    def has_object_permission(self, request: Request, view: Any, obj: certificates_api.ListedCertificate) -> bool:
        actor = actor_of(request)
        if not certificates_api.can_view(actor, obj.owner, obj.certificate.course_key):
            return False
        if obj.certificate.hidden and not actor.is_platform_staff:
            raise NotFound("No such certificate.")
        return True


class CanViewJob(BasePermission):
    """Object permission on a ``JobData``: ``can_view_job`` (its requester, its course's team, platform staff)."""

    message = "You may not view this job."

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return accounts_api.permissions.can_view_job(
            actor_of(request), requested_by_id=obj.requested_by_id, course_key=obj.course_key
        )
