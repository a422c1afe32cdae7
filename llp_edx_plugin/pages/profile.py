"""Profile Settings: who the user is on the portal; a Company Admin also manages their company's logo."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from ..accounts import api as accounts_api
from ..accounts.data import Actor, CompanyData
from ..company import api as company_api
from ..conf import llp_setting
from ..errors import FieldErrors


class LogoForm(forms.Form):
    """Only asks for a file: the content check is the accounts domain's (the same as the API's)."""

    logo = forms.FileField(label="New logo")


def _may_upload_logo(actor: Actor, company: CompanyData | None) -> bool:
    """A Company Admin for their own company (staff manage other companies' logos in the API or admin)."""
    return (
        company is not None
        and actor.is_company_admin
        and accounts_api.permissions.can_manage_company(actor, company.id)
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request: HttpRequest) -> HttpResponse:
    """Show the account; a POST (Company Admins only) replaces the company logo."""
    actor = accounts_api.get_actor(request.user)
    profile = accounts_api.get_profile(request.user.pk)
    company = accounts_api.get_company(profile.company_id) if profile.company_id else None
    may_upload = _may_upload_logo(actor, company)
    form = LogoForm()
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied("Only the Company Admin may change the company logo.")
        form = LogoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                accounts_api.set_company_logo(company.id, form.cleaned_data["logo"])
            except FieldErrors as exc:
                for message in exc.errors.get("logo", []):
                    form.add_error("logo", message)
            else:
                messages.success(request, gettext("The company logo was updated."))
                return redirect(request.path)
    max_bytes = int(llp_setting("LOGO_MAX_BYTES"))
    context = {
        "profile": profile,
        "account_type_label": accounts_api.ACCOUNT_TYPE_LABELS.get(profile.account_type, profile.account_type),
        "actor": actor,
        "company": company,
        "may_upload": may_upload,
        "form": form,
        "logo_max_mb": f"{max_bytes / (1024 * 1024):g}",
        # A new logo applies to certificates issued afterwards; the page offers to regenerate the issued ones.
        "issued": company_api.summary(actor, company_id=company.id).certificates_issued if may_upload else 0,
    }
    return render(request, "llp_edx_plugin/profile/settings.html", context)
