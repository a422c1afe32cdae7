"""Django admin of the accounts domain: companies, profiles (also inline on the user) and course roles."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.utils.html import format_html

from ..errors import FieldErrors
from .logos import check_logo
from .models import Company, CourseAccessRole, Profile


class CompanyForm(forms.ModelForm):
    """A logo uploaded here passes the same content check as the API and the Profile Settings page."""

    class Meta:
        model = Company
        fields = ["name", "logo"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            try:
                checked = check_logo(logo)
            except FieldErrors as exc:
                raise ValidationError(exc.errors["logo"]) from exc
            logo.name = f"logo.{checked.extension}"  # the stored extension follows the real format
        return logo


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    form = CompanyForm
    list_display = ("name", "logo_preview", "people", "created")
    search_fields = ("name",)
    readonly_fields = ("logo_preview", "created")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(people_count=Count("profiles"))

    @admin.display(description="People", ordering="people_count")
    def people(self, obj: Company) -> int:
        return obj.people_count

    @admin.display(description="Logo")
    def logo_preview(self, obj: Company) -> str:
        if not obj.logo:
            return "-"
        return format_html('<img src="{}" alt="{} logo" style="max-height: 2rem">', obj.logo.url, obj.name)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "full_name", "account_type", "company")
    list_filter = ("account_type", "company")
    search_fields = ("user__username", "user__email", "full_name", "company__name")
    list_select_related = ("user", "company")
    raw_id_fields = ("user",)
    autocomplete_fields = ("company",)


@admin.register(CourseAccessRole)
class CourseAccessRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "course_key", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "course_key")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


class ProfileInline(admin.StackedInline):
    model = Profile
    fk_name = "user"
    can_delete = False
    max_num = 1
    autocomplete_fields = ("company",)


class CourseAccessRoleInline(admin.TabularInline):
    model = CourseAccessRole
    extra = 0


def _extend_user_admin() -> None:
    """Add the profile and course roles to whichever User admin the site has (edx-platform has its own)."""
    user_model = get_user_model()
    # _registry rather than get_model_admin(): the latter is Django 5.0+, edx-platform may run 4.2.
    registered = admin.site._registry.get(user_model)
    base = type(registered) if registered is not None else UserAdmin
    if ProfileInline in getattr(base, "inlines", ()):
        return
    extended = type(
        "LLPUserAdmin",
        (base,),
        {"__module__": __name__, "inlines": [*getattr(base, "inlines", ()), ProfileInline, CourseAccessRoleInline]},
    )
    if registered is not None:
        admin.site.unregister(user_model)
    admin.site.register(user_model, extended)


_extend_user_admin()
