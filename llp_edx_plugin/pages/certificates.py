"""Certificate pages: the PDF download, the public verification page and the learning records page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST
from rest_framework.exceptions import AuthenticationFailed

from .. import links
from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import Conflict, FieldErrors, Forbidden, NotFound


def _feature_on() -> None:
    if not llp_setting("ENABLED"):
        raise Http404("Certificates are not enabled on this site.")


def _session_or_token_user(request: HttpRequest):
    """The signed-in user, or the user of an ``Authorization: Token`` header (API clients follow the
    ``download_url`` the API hands them); otherwise the answer: the login page for a browser, else 401."""
    if request.user.is_authenticated:
        return request.user
    try:
        found = accounts_api.ExpiringTokenAuthentication().authenticate(request)
    except AuthenticationFailed as exc:
        return _unauthorized(str(exc.detail))
    if found is not None:
        return found[0]
    if "text/html" in request.headers.get("Accept", ""):
        return redirect_to_login(request.get_full_path())
    return _unauthorized("Authentication credentials were not provided.")


def _unauthorized(detail: str) -> HttpResponse:
    response = JsonResponse({"detail": detail}, status=401)
    response["WWW-Authenticate"] = "Token"
    return response


@require_GET
def download(request: HttpRequest, uuid: str) -> HttpResponse:
    """``/certificates/{uuid}/download``: the PDF, for those CONTRACT.md allows; records the download."""
    _feature_on()
    user = _session_or_token_user(request)
    if isinstance(user, HttpResponse):
        return user
    try:
        pdf, filename = certificates_api.download_pdf(uuid, accounts_api.get_actor(user))
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc  # the site's 403 page
    except Conflict as exc:
        return HttpResponse(str(exc), status=409)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def verify(request: HttpRequest, uuid: str) -> HttpResponse:
    """``/verify/{uuid}``: public page saying whether the certificate is valid (no e-mail, no grade)."""
    _feature_on()
    try:
        result = certificates_api.verify(uuid)
    except NotFound:
        return render(request, "llp_edx_plugin/certificates/verify.html", {"unknown": True, "uuid": uuid}, status=404)
    return render(
        request,
        "llp_edx_plugin/certificates/verify.html",
        {"result": result, "statuses": certificates_api.CertificateStatus},
    )


@login_required
def learning_records(request: HttpRequest) -> HttpResponse:
    """``/learning-records``: the learner's certificates with ``Generate certificate`` / ``Open certificate``."""
    _feature_on()
    is_employee = accounts_api.get_profile(request.user.pk).account_type == "employee"
    rows = []
    for cert in certificates_api.user_certificates(request.user.pk):
        if cert.status not in certificates_api.ISSUED:
            continue
        rows.append(
            {
                "cert": cert,
                "course": courses_api.get_course(cert.course_key),
                "label": certificates_api.records_link_label(cert.first_downloaded_at),
                "employee_message": certificates_api.EMPLOYEE_COMPLETED if is_employee else None,
                "verify_url": certificates_api.verify_url(cert.uuid),
            }
        )
    return render(request, "llp_edx_plugin/certificates/learning_records.html", {"rows": rows})


@login_required
@require_POST
def request_certificate(request: HttpRequest, course_key: str) -> HttpResponse:
    """Request Certificate (Progress page) and Finish (end of the courseware): issue it, back to Progress."""
    _feature_on()
    progress_url = links.progress_page(course_key)
    try:
        cert, _ = certificates_api.request_certificate(request.user.pk, course_key)
    except certificates_api.NotQualified as exc:
        messages.error(request, gettext("Not yet: ") + "; ".join(gettext(r["message"]) for r in exc.requirements))
        return redirect(progress_url)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except FieldErrors as exc:  # the course does not let learners request it (nothing was created): a 400
        refusal = [m for msgs in exc.errors.values() for m in msgs]
        context = {"refusal": refusal, "progress_url": progress_url}
        return render(request, "llp_edx_plugin/certificates/request_refused.html", context, status=400)
    if cert.status == certificates_api.CertificateStatus.DOWNLOADABLE:
        messages.success(request, gettext("Your certificate is available"))
    else:
        messages.info(request, gettext(certificates_api.GENERATING))
    return redirect(progress_url)
