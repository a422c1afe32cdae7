"""The Company Admin's pages: the company's employees and certificates, assignments, accounts, the ZIP."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..courses import api as courses_api
from ..errors import Conflict, FieldErrors, Forbidden, NotFound
from ..jobs import api as jobs_api
from . import api

PAGE_SIZE = 25


class EmployeeForm(forms.Form):
    """A new employee account; the accounts domain checks the values (the same rules as the API)."""

    full_name = forms.CharField(max_length=255, label="Full name")
    username = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail")
    password = forms.CharField(widget=forms.PasswordInput, strip=False)


def _company_id(request: HttpRequest) -> int | None:
    """The company a staff member chose (``?company=``); a Company Admin always manages their own."""
    raw = request.GET.get("company") or request.POST.get("company")
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError as exc:
        raise Http404("No such company.") from exc


def _resolve(actor: Actor, company_id: int | None):
    """The company, or a page-level answer: 403 for non-admins, staff without a choice see the chooser."""
    try:
        return api.company_for(actor, company_id)
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default


@login_required
@require_GET
def company_home(request: HttpRequest) -> HttpResponse:
    """``/company``: the summary, the filtered employee list with their trainings and certificates."""
    actor = accounts_api.get_actor(request.user)
    company_id = _company_id(request)
    if actor.is_platform_staff and company_id is None and not actor.is_company_admin:
        return render(request, "llp_edx_plugin/company/choose.html", {"companies": accounts_api.list_companies()})
    company = _resolve(actor, company_id)
    filters = {
        "search": (request.GET.get("search") or "").strip(),
        "course_key": request.GET.get("training") or None,
        "status": request.GET.get("status") or None,
    }
    page_number = _int(request.GET.get("page"), 1)
    try:
        page = api.list_employees(actor, company_id=company.id, page=page_number, page_size=PAGE_SIZE, **filters)
        errors = {}
    except (FieldErrors, NotFound) as exc:
        page = api.EmployeePage(0, ())
        errors = exc.errors if isinstance(exc, FieldErrors) else {"training": [str(exc)]}
    pages = max(1, -(-page.total // PAGE_SIZE))
    summary = api.summary(actor, company_id=company.id)
    query = {
        k: v
        for k, v in {
            "search": filters["search"],
            "training": filters["course_key"] or "",
            "status": filters["status"] or "",
            "company": company_id or "",
        }.items()
        if v
    }
    context = {
        "company": company,
        "company_param": company_id,
        "summary": summary,
        "page": page,
        "page_number": page_number,
        "pages": pages,
        "filters": filters,
        "filter_errors": errors,
        "query": query,
        "courses": courses_api.list_courses(),
        "statuses": api.STATUS_FILTERS,
        "employee_form": EmployeeForm(),
        # The active employees listed on this page (search or filter to find others): the form stays the
        # page's size whatever the company's (ADR 0035).
        "assignable": [employee for employee in page.employees if employee.is_active],
        "job": _job(request, actor),
        "zip_job_kind": api.COMPANY_ZIP,
        "zip_needs_job": api.zip_too_large(summary.certificates_in_zip),  # the ZIP's count, from the summary
    }
    return render(request, "llp_edx_plugin/company/home.html", context)


def _job(request: HttpRequest, actor: Actor):
    """The regeneration job the page was sent back with (``?job=``), if the actor requested it."""
    raw = request.GET.get("job")
    if not raw or not raw.isdigit():
        return None
    try:
        job = jobs_api.get_job(int(raw))
    except NotFound:
        return None
    return job if job.requested_by_id == actor.user_id else None


@login_required
@require_GET
def employee_page(request: HttpRequest, username: str) -> HttpResponse:
    """``/company/employees/{username}``: one employee's trainings, certificates and account."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    try:
        employee = api.employee_detail(actor, username, company_id=company.id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "llp_edx_plugin/company/employee.html",
        {"company": company, "company_param": _company_id(request), "employee": employee},
    )


def _back(request: HttpRequest, name: str = "company-home", **kwargs) -> HttpResponse:
    url = reverse(f"llp_edx_plugin:{name}", kwargs=kwargs or None)
    company_id = _company_id(request)
    return redirect(f"{url}?company={company_id}" if company_id else url)


def _with_job(request: HttpRequest, company_id: int, job_id: int) -> HttpResponse:
    """Back to the company page, which shows the job's progress bar."""
    url = reverse("llp_edx_plugin:company-home")
    return redirect(f"{url}?job={job_id}" + (f"&company={company_id}" if _company_id(request) else ""))


def _zip_response(filename: str, chunks) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    """Assign a training to the chosen employees (they are enrolled as assigned training)."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    try:
        results = api.assign_training(
            actor, request.POST.getlist("usernames"), request.POST.get("course_key", ""), company_id=company.id
        )
    except FieldErrors as exc:
        for message_list in exc.errors.values():
            for message in message_list:
                messages.error(request, message)
        return _back(request)
    done = [r.username for r in results if r.status == "assigned"]
    already = [r.username for r in results if r.status == "already_assigned"]
    if done:
        messages.success(request, f"Assigned to {', '.join(done)}.")
    if already:
        messages.info(request, f"Already assigned: {', '.join(already)}.")
    for result in results:
        if result.status == "error":
            messages.error(request, f"{result.username}: {result.error}")
    return _back(request)


@login_required
@require_POST
def create_employee(request: HttpRequest) -> HttpResponse:
    """Create an employee account of the company."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    form = EmployeeForm(request.POST)
    if form.is_valid():
        try:
            profile = api.create_employee(actor, company_id=company.id, **form.cleaned_data)
        except FieldErrors as exc:
            for field, message_list in exc.errors.items():
                for message in message_list:
                    messages.error(request, f"{field.replace('_', ' ').capitalize()}: {message}")
        else:
            messages.success(request, f"The account '{profile.username}' was created.")
    else:
        for field, message_list in form.errors.items():
            for message in message_list:
                messages.error(request, f"{field.replace('_', ' ').capitalize()}: {message}")
    return _back(request)


@login_required
@require_POST
def set_active(request: HttpRequest, username: str) -> HttpResponse:
    """Deactivate or restore an employee account (certificates are kept, hidden while deactivated)."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    active = request.POST.get("active") == "true"
    try:
        api.set_employee_active(actor, username, active, company_id=company.id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    messages.success(
        request,
        f"'{username}' was restored: their certificates are visible again."
        if active
        else f"'{username}' was deactivated: their certificates are kept and hidden until the account is restored.",
    )
    return _back(request, "company-employee", username=username)


@login_required
@require_GET
def certificates_zip(request: HttpRequest) -> StreamingHttpResponse:
    """Every (filtered) downloadable certificate of the company as one streamed ZIP."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    try:
        filename, chunks = api.certificates_zip(
            actor, company_id=company.id, course_key=request.GET.get("training") or None
        )
    except (FieldErrors, NotFound) as exc:
        raise Http404(str(exc)) from exc
    return _zip_response(filename, chunks)


@login_required
@require_POST
def start_zip_job(request: HttpRequest) -> HttpResponse:
    """Build a large ZIP in the background; the page shows its progress and a download link when done."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    try:
        job = api.start_zip_job(actor, company_id=company.id)
    except Conflict as exc:  # the same ZIP is already being prepared
        messages.warning(request, str(exc))
        return _back(request)
    return _with_job(request, company.id, job.id)


@login_required
@require_GET
def zip_file(request: HttpRequest, job_id: int) -> StreamingHttpResponse:
    """The ZIP a job prepared, for the Company Admin who asked for it."""
    actor = accounts_api.get_actor(request.user)
    try:
        filename, chunks = api.zip_job_file(actor, job_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return _zip_response(filename, chunks)


@login_required
@require_POST
def regenerate(request: HttpRequest) -> HttpResponse:
    """Re-issue the company's issued certificates with the current logo (a job; the page shows its progress)."""
    actor = accounts_api.get_actor(request.user)
    company = _resolve(actor, _company_id(request))
    try:
        job = api.regenerate_certificates(actor, company_id=company.id)
    except Conflict as exc:  # a regeneration is already running for this company
        messages.warning(request, str(exc))
        return _back(request)
    return _with_job(request, company.id, job.id)
