"""REST API v1: companies, company logos, user accounts and the attendance permission (CONTRACT.md "Accounts")."""

from django.urls import path
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from ...accounts.data import CompanyData, ProfileData
from ...errors import FieldErrors, Forbidden
from .base import LLPAPIView
from .permissions import actor_of


def company_json(company: CompanyData) -> dict:
    return {"id": company.id, "name": company.name, "logo_url": company.logo_url}


def profile_json(profile: ProfileData) -> dict:
    return {
        "username": profile.username,
        "email": profile.email,
        "full_name": profile.full_name,
        "account_type": profile.account_type,
        "company_id": profile.company_id,
        "is_active": profile.is_active,
    }


class CompanyIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)


class UserIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(trim_whitespace=False)
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=255)
    account_type = serializers.ChoiceField(choices=accounts_api.ACCOUNT_TYPES)
    company_id = serializers.IntegerField(required=False, allow_null=True)


class PermissionsIn(serializers.Serializer):
    mark_attendance = serializers.BooleanField()


def _valid(serializer_class: type[serializers.Serializer], data) -> dict:
    """Shape validation only (types, required); the domain checks the rest."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class CompaniesView(LLPAPIView):
    """``POST /api/v1/companies`` ``{name}`` -> 201 ``{id, name, logo_url}`` (platform staff)."""

    def post(self, request: Request) -> Response:
        if not accounts_api.permissions.can_manage_accounts(actor_of(request)):
            raise Forbidden("Only platform staff may create companies.")
        data = _valid(CompanyIn, request.data)
        company = accounts_api.create_company(name=data["name"])
        return Response(company_json(company), status=status.HTTP_201_CREATED)


class CompanyLogoView(LLPAPIView):
    """``PUT /api/v1/companies/{id}/logo`` multipart ``logo`` (PNG/JPEG) -> 200 ``{logo_url}``."""

    def put(self, request: Request, company_id: int) -> Response:
        if not accounts_api.permissions.can_manage_company(actor_of(request), company_id):
            raise Forbidden("Only the company's admins and platform staff may change its logo.")
        accounts_api.get_company(company_id)  # 404 before looking at the upload
        upload = request.FILES.get("logo")
        if upload is None:
            raise FieldErrors.single("logo", "Upload a PNG or JPEG image in the 'logo' field.")
        company = accounts_api.set_company_logo(company_id, upload)
        return Response({"logo_url": company.logo_url})


class UsersView(LLPAPIView):
    """``POST /api/v1/users`` -> 201 (platform staff; a Company Admin creates employees of their company).

    A Company Admin who leaves ``company_id`` out creates the employee in their own company.
    """

    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        if not (actor.is_platform_staff or actor.is_company_admin):
            raise Forbidden("Only platform staff and Company Admins may create accounts.")
        data = _valid(UserIn, request.data)
        company_id = data.get("company_id")
        if company_id is None and actor.is_company_admin and not actor.is_platform_staff:
            company_id = actor.company_id
        if not accounts_api.permissions.can_create_account(actor, data["account_type"], company_id):
            raise Forbidden("A Company Admin may only create employee accounts of their own company.")
        profile = accounts_api.create_account(
            username=data["username"],
            password=data["password"],
            email=data["email"],
            full_name=data["full_name"],
            account_type=data["account_type"],
            company_id=company_id,
        )
        return Response(profile_json(profile), status=status.HTTP_201_CREATED)


class UserPermissionsView(LLPAPIView):
    """``PUT /api/v1/users/{username}/permissions`` ``{mark_attendance}`` -> 200 (platform staff)."""

    def put(self, request: Request, username: str) -> Response:
        if not accounts_api.permissions.can_manage_accounts(actor_of(request)):
            raise Forbidden("Only platform staff may grant permissions.")
        data = _valid(PermissionsIn, request.data)
        allowed = accounts_api.set_mark_attendance(username, data["mark_attendance"])
        return Response({"username": username, "mark_attendance": allowed})


urlpatterns = [
    path("companies", CompaniesView.as_view(), name="companies"),
    path("companies/<int:company_id>/logo", CompanyLogoView.as_view(), name="company-logo"),
    path("users", UsersView.as_view(), name="users"),
    path("users/<str:username>/permissions", UserPermissionsView.as_view(), name="user-permissions"),
]
