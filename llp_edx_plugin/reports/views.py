"""Reports → History (``/reports``): the reports the user may see, their progress, and asking for new ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from ..accounts import api as accounts_api
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import Conflict, FieldErrors, Forbidden, NotFound
from . import api

PAGE_SIZE = 25


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page") or "1"
    return int(raw) if raw.isdigit() and int(raw) >= 1 else 1


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """The reports the user may see (paginated, newest first), with progress bars and download links."""
    actor = accounts_api.get_actor(request.user)
    page = _page_number(request)
    try:
        total, reports = api.list_reports(actor, page=page, page_size=PAGE_SIZE)
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    trainings = (
        courses_api.list_courses()
        if actor.is_platform_staff or actor.is_company_admin
        else courses_api.list_courses(actor.course_roles.keys())
    )
    context = {
        "reports": reports,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "trainings": trainings,
        "company_reports": actor.is_company_admin,
        "keep_days": llp_setting("REPORTS_KEEP_DAYS"),
    }
    return render(request, "llp_edx_plugin/reports/history.html", context)


@login_required
@require_POST
def request_report(request: HttpRequest) -> HttpResponse:
    """Ask for a report from the page's form; back to the history, where its progress shows."""
    actor = accounts_api.get_actor(request.user)
    kind, course_key = request.POST.get("kind", ""), request.POST.get("course_key") or None
    try:
        if kind == "progress" and course_key:
            api.request_progress_report(actor, course_key)
        elif kind == "certificates":
            api.request_certificates_report(actor, course_key=course_key)
        elif kind == "company":
            api.request_company_report(actor)
        else:
            raise FieldErrors.single("kind", "Choose a report and, for a training's report, the training.")
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except (FieldErrors, NotFound, Conflict) as exc:
        text = " ".join(m for ms in exc.errors.values() for m in ms) if isinstance(exc, FieldErrors) else str(exc)
        messages.error(request, text)
    else:
        messages.success(
            request, gettext("Your report is being prepared: it shows below, with a download link when done.")
        )
    return redirect(reverse("llp_edx_plugin:reports-history"))
