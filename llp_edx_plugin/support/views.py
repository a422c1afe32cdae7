"""Support pages: the contact form with its automatic diagnosis, and the requests list with staff answers.

Thin: each view parses the request, calls one ``support.api`` function and renders; the rules live there.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_http_methods

from ..accounts import api as accounts_api
from ..errors import FieldErrors, Forbidden, NotFound
from ..keys import course_key_from_query
from . import api as support_api

PAGE_SIZE = 25
THROTTLED = gettext_noop("You have sent many requests in a short time: please try again in {minutes} minutes.")


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """``/support/contact[?course_key=]``: the form, with the diagnosis of the chosen training before sending."""
    actor = accounts_api.get_actor(request.user)
    profile = accounts_api.get_profile(actor.user_id) if actor.is_authenticated else None
    trainings = support_api.trainings_of(actor.user_id) if profile else []
    values = {
        "name": profile.full_name if profile else "",
        "email": profile.email if profile else "",
        "course_key": course_key_from_query(request.GET.get("course_key")),
        "training": "",
        "message": "",
    }
    errors: dict[str, list[str]] = {}
    retry_after = None
    if request.method == "POST":
        values.update({field: request.POST.get(field, "") for field in values})
        allowed, retry_after = support_api.allow_sending(request)
        try:
            if not allowed:
                raise FieldErrors.single(
                    "non_field_errors", gettext(THROTTLED).format(minutes=-(-(retry_after or 60) // 60))
                )
            sent = support_api.create_request(actor, **values)
        except FieldErrors as exc:
            errors = exc.errors
        else:
            if profile is not None:
                messages.success(request, f"Request #{sent.id} sent. We answer by e-mail and on this page.")
                return redirect("llp_edx_plugin:support-request-detail", request_id=sent.id)
            return render(request, "llp_edx_plugin/support/sent.html", {"sent": sent}, status=201)
    if not values["course_key"] and len(trainings) == 1:
        values["course_key"] = trainings[0].course_key
    diagnosis = support_api.diagnosis_for(actor.user_id, values["course_key"] or None) if profile else ()
    context = {
        "values": values,
        "errors": errors,
        "trainings": trainings,
        "signed_in": profile is not None,
        "diagnosis": diagnosis,
        "diagnosis_api": reverse("llp_edx_plugin:api_v1:support-diagnosis"),
        "login_url": resolve_url(settings.LOGIN_URL),
    }
    if retry_after is not None:
        response = render(request, "llp_edx_plugin/support/contact.html", context, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    return render(request, "llp_edx_plugin/support/contact.html", context, status=400 if errors else 200)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """``/support/requests[?status=&page=]``: staff see every request; anyone else signed in, their own."""
    actor = accounts_api.get_actor(request.user)
    status = request.GET.get("status") or None
    if status not in (None, *support_api.STATUSES):
        status = None
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    rows, total = support_api.list_requests(actor, status=status, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    page = Paginator(range(total), PAGE_SIZE).get_page(number)
    context = {
        "rows": rows,
        "total": total,
        "page": page,
        "status": status,
        "statuses": support_api.STATUSES,
        "is_staff": actor.is_platform_staff,
    }
    return render(request, "llp_edx_plugin/support/requests.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    """``/support/requests/<id>``: the request, its answer; for staff the diagnoses, links and the answer form."""
    actor = accounts_api.get_actor(request.user)
    errors: dict[str, list[str]] = {}
    answer = ""
    try:
        if request.method == "POST":
            action = request.POST.get("action", "answer")
            answer = request.POST.get("answer", "")
            try:
                if action == "answer":
                    support_api.answer_request(actor, request_id, answer, close=request.POST.get("close") == "1")
                    messages.success(request, gettext("Answer sent by e-mail."))
                else:
                    support_api.set_status(actor, request_id, "open" if action == "reopen" else "closed")
                    messages.success(
                        request, gettext("Request reopened.") if action == "reopen" else gettext("Request closed.")
                    )
                return redirect("llp_edx_plugin:support-request-detail", request_id=request_id)
            except FieldErrors as exc:
                errors = exc.errors
        item = support_api.get_request(actor, request_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    context = {"item": item, "errors": errors, "answer": answer, "is_staff": actor.is_platform_staff}
    if actor.is_platform_staff:
        context["current"] = support_api.diagnosis_for(item.user_id, item.course_key) if item.user_id else ()
        if item.course_key and item.username:
            progress = reverse("llp_edx_plugin:pages:progress", kwargs={"course_key": item.course_key})
            context["progress_url"] = f"{progress}?{urlencode({'username': item.username})}"
        if item.course_key:
            context["instructor_url"] = reverse(
                "llp_edx_plugin:instructor-dashboard", kwargs={"course_key": item.course_key}
            )
    return render(request, "llp_edx_plugin/support/request.html", context, status=400 if errors else 200)
