"""REST API v1: companies, company logos, user accounts and the attendance permission (CONTRACT.md "Accounts")."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from . import serializers as s
from .base import LLPAPIView
from .permissions import CanCreateAccounts, CanManageCompany, IsPlatformStaff, actor_of
from .schema import errors


class CompaniesView(LLPAPIView):
    """``POST /api/v1/companies`` ``{name}`` -> 201 ``{id, name, logo_url}`` (platform staff)."""

    permission_classes = [IsAuthenticated, IsPlatformStaff]

    @extend_schema(request=s.CompanyIn, responses={201: s.CompanyOut, **errors(400, 401, 403)})
    def post(self, request: Request) -> Response:
        company = accounts_api.create_company(**s.parse(s.CompanyIn, request.data))
        return Response(s.CompanyOut(company).data, status=status.HTTP_201_CREATED)


class CompanyLogoView(LLPAPIView):
    """``PUT /api/v1/companies/{id}/logo`` multipart ``logo`` (PNG/JPEG) -> 200 ``{logo_url}``."""

    permission_classes = [IsAuthenticated, CanManageCompany]

    @extend_schema(request={"multipart/form-data": s.LogoIn}, responses={200: s.LogoOut, **errors(400, 401, 403, 404)})
    def put(self, request: Request, company_id: int) -> Response:
        accounts_api.get_company(company_id)  # 404 before looking at the upload
        upload = s.parse(s.LogoIn, request.data)["logo"]
        return Response(s.LogoOut(accounts_api.set_company_logo(company_id, upload)).data)


class UsersView(LLPAPIView):
    """``POST /api/v1/users`` -> 201 (platform staff; a Company Admin creates employees of their company).

    A Company Admin who leaves ``company_id`` out creates the employee in their own company.
    """

    permission_classes = [IsAuthenticated, CanCreateAccounts]

    @extend_schema(request=s.UserIn, responses={201: s.ProfileOut, **errors(400, 401, 403)})
    def post(self, request: Request) -> Response:
        profile = accounts_api.create_account_as(actor_of(request), **s.parse(s.UserIn, request.data))
        return Response(s.ProfileOut(profile).data, status=status.HTTP_201_CREATED)


class UserPermissionsView(LLPAPIView):
    """``PUT /api/v1/users/{username}/permissions`` ``{mark_attendance}`` -> 200 (platform staff)."""

    permission_classes = [IsAuthenticated, IsPlatformStaff]

    @extend_schema(request=s.PermissionsIn, responses={200: s.PermissionsOut, **errors(400, 401, 403, 404)})
    def put(self, request: Request, username: str) -> Response:
        wanted = s.parse(s.PermissionsIn, request.data)["mark_attendance"]
        allowed = accounts_api.set_mark_attendance(username, wanted)
        return Response(s.PermissionsOut({"username": username, "mark_attendance": allowed}).data)


urlpatterns = [
    path("companies", CompaniesView.as_view(), name="companies"),
    path("companies/<int:company_id>/logo", CompanyLogoView.as_view(), name="company-logo"),
    path("users", UsersView.as_view(), name="users"),
    path("users/<str:username>/permissions", UserPermissionsView.as_view(), name="user-permissions"),
]
