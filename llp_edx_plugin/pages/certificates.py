"""Certificate pages: the PDF download, the public verification page and the learning records page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import AuthenticationFailed

from .. import links
from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import Conflict, FieldErrors, Forbidden, NotFound
from . import programs


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


PDF_MESSAGES = {
    (True, True): gettext_noop("This PDF is an authentic certificate issued here, and it is valid."),
    (True, False): gettext_noop("This PDF is an authentic certificate issued here, but it is not valid today."),
    (False, False): gettext_noop("This PDF is not, byte for byte, a certificate issued here."),
}


def _check_submitted(request: HttpRequest) -> dict:
    """The visitor's check on the verify page: an uploaded PDF or a pasted credential (never a 500 on junk)."""
    upload = request.FILES.get("file")
    token = str(request.POST.get("jwt") or "").strip()
    if upload is not None:
        if upload.size > llp_setting("VERIFY_PDF_MAX_BYTES"):
            return {"ok": False, "messages": [gettext("The file is larger than any certificate we issue.")]}
        answer = certificates_api.verify_pdf(upload.read())
        credential = answer["credential"]
        messages_ = [gettext(PDF_MESSAGES[(answer["authentic"], answer["valid"])])]
        messages_.append(
            gettext(credential["message"]) if credential["present"] else gettext("The PDF carries no credential.")
        )
        return {"ok": answer["authentic"] and answer["valid"], "messages": messages_, "credential": credential}
    if token:
        credential = certificates_api.verify_credential(token)
        return {"ok": credential["valid"], "messages": [gettext(credential["message"])], "credential": credential}
    return {"ok": False, "messages": [gettext("Choose a certificate PDF or paste a credential to check.")]}


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, uuid: str) -> HttpResponse:
    """``/verify/{uuid}``: public page saying whether the certificate is valid (no e-mail, no grade), showing its
    credential, and checking a PDF or a credential a visitor submits."""
    _feature_on()
    template = "llp_edx_plugin/certificates/verify.html"
    try:
        result = certificates_api.verify(uuid)
    except NotFound:
        return render(request, template, {"unknown": True, "uuid": uuid}, status=404)
    context = {
        "result": result,
        "statuses": certificates_api.CertificateStatus,
        # A credential exists only for a certificate that was issued (even if revoked since).
        "credential": None
        if result.status in (certificates_api.CertificateStatus.NOTPASSING, certificates_api.CertificateStatus.ERROR)
        else certificates_api.credential_summary(uuid),
        "jwks_url": links.url("pages:jwks"),
        "check": _check_submitted(request) if request.method == "POST" else None,
    }
    return render(request, template, context)


@require_GET
def jwks(request: HttpRequest) -> HttpResponse:
    """``/.well-known/jwks.json``: the public keys that sign credentials, retired ones with their validity."""
    _feature_on()
    response = JsonResponse(certificates_api.jwks(), content_type="application/jwk-set+json")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in a browser fetch it from other sites
    return response


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
                "linkedin_url": None if is_employee else certificates_api.linkedin_url(cert),
            }
        )
    context = {"rows": rows, "programs": programs.program_cards(request.user.pk)}
    return render(request, "llp_edx_plugin/certificates/learning_records.html", context)


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
