"""REST API v1: certificates (request, read, list), and public verification."""

from django.urls import path
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from ...accounts.data import Actor
from ...certificates import api as certificates_api
from ...certificates.data import CertificateData
from ...conf import llp_setting
from ...courses import api as courses_api
from ...errors import Forbidden, NotFound
from ...json_input import StrictMultiPartParser
from .base import LLPAPIView, PublicAPIView
from .permissions import actor_of

MAX_VERIFY_UPLOAD = 20 * 1024 * 1024


def certificate_json(cert: CertificateData, actor: Actor) -> dict:
    """The certificate object of CONTRACT.md; ``download_url`` only for those who may download it."""
    owner = accounts_api.get_profile(cert.user_id)
    may_download = certificates_api.can_download(actor, owner, cert.course_key)
    return {
        "uuid": cert.uuid,
        "username": cert.username,
        "course_key": cert.course_key,
        "status": cert.status,
        "grade": cert.grade,
        "issued_at": cert.issued_at,
        "first_downloaded_at": cert.first_downloaded_at,
        "download_count": cert.download_count,
        "template_version": cert.template_version,
        "download_url": f"/certificates/{cert.uuid}/download" if may_download else None,
        "verify_url": certificates_api.verify_url(cert.uuid),
    }


class CertificatesFeatureMixin:
    """The site-wide switch: with certificates off, every certificate endpoint answers 404."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        if not llp_setting("ENABLED"):
            raise NotFound("Certificates are not enabled on this site.")
        super().initial(request, *args, **kwargs)


class RequestCertificateView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /courses/{course_key}/certificates/request``: Request Certificate / Finish."""

    def post(self, request: Request, course_key: str) -> Response:
        try:
            cert, created = certificates_api.request_certificate(request.user.pk, course_key)
        except certificates_api.NotQualified as exc:
            return Response(
                {"detail": str(exc), "unmet_requirements": exc.requirements}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            {"uuid": cert.uuid, "status": cert.status},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class MyCertificatesView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /me/certificates``: the caller's certificates."""

    def get(self, request: Request) -> Response:
        actor = actor_of(request)
        return Response([certificate_json(c, actor) for c in certificates_api.user_certificates(request.user.pk)])


class CertificateDetailView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /certificates/{uuid}``: the owner, their Company Admin, the course team, platform staff."""

    def get(self, request: Request, uuid: str) -> Response:
        actor = actor_of(request)
        cert = certificates_api.get_certificate(uuid)
        owner = accounts_api.get_profile(cert.user_id)
        if not certificates_api.can_view(actor, owner, cert.course_key):
            raise Forbidden("You may not see this certificate.")
        if cert.hidden and not actor.is_platform_staff:
            raise NotFound("No such certificate.")
        return Response(certificate_json(cert, actor))


class CourseCertificatesView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /courses/{course_key}/certificates[?status=]``: the course team's list."""

    def get(self, request: Request, course_key: str) -> Response:
        courses_api.get_course(course_key)
        actor = actor_of(request)
        if not accounts_api.permissions.is_course_team(actor, course_key):
            raise Forbidden("Only the course team may list the course's certificates.")
        certs = certificates_api.course_certificates(course_key, request.query_params.get("status") or None)
        return Response([certificate_json(c, actor) for c in certs])


class VerifyView(CertificatesFeatureMixin, PublicAPIView):
    """``GET /verify/{uuid}``: public; no e-mail, no grade."""

    def get(self, request: Request, uuid: str) -> Response:
        result = certificates_api.verify(uuid)
        return Response(
            {
                "valid": result.valid,
                "status": result.status,
                "holder_name": result.holder_name,
                "course_title": result.course_title,
                "issued_at": result.issued_at,
            }
        )


class VerifyPdfView(CertificatesFeatureMixin, PublicAPIView):
    """``POST /verify/pdf``: is this PDF, byte for byte, a certificate issued here, and is it still valid?"""

    parser_classes = [StrictMultiPartParser]

    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            return Response({"errors": {"file": ["Upload the certificate PDF as 'file'."]}}, status=400)
        if upload.size > MAX_VERIFY_UPLOAD:
            return Response({"errors": {"file": ["The file is larger than any certificate we issue."]}}, status=400)
        return Response(certificates_api.verify_pdf_bytes(upload.read()))


class CourseTemplatesView(CertificatesFeatureMixin, LLPAPIView):
    """``GET|POST /courses/{course_key}/certificates/templates``: the course team's own templates, versioned."""

    def _check(self, request: Request, course_key: str) -> None:
        courses_api.get_course(course_key)
        if not accounts_api.permissions.is_course_team(actor_of(request), course_key):
            raise Forbidden("Only the course team may manage certificate templates.")

    def get(self, request: Request, course_key: str) -> Response:
        self._check(request, course_key)
        return Response([_template_json(t) for t in certificates_api.list_templates(course_key)])

    def post(self, request: Request, course_key: str) -> Response:
        self._check(request, course_key)
        data = request.data
        template = certificates_api.upload_template(
            course_key,
            name=str(data.get("name", "")),
            html=data.get("html") if isinstance(data.get("html"), str) else "",
            language=str(data.get("language", "en")),
            created_by_id=request.user.pk,
        )
        return Response(_template_json(template), status=status.HTTP_201_CREATED)


def _template_json(template: certificates_api.TemplateData) -> dict:
    return {
        "name": template.name,
        "version": template.version,
        "language": template.language,
        "created": template.created,
    }


urlpatterns = [
    path("courses/<course_key:course_key>/certificates/templates", CourseTemplatesView.as_view()),
    path("courses/<course_key:course_key>/certificates/request", RequestCertificateView.as_view()),
    path("courses/<course_key:course_key>/certificates", CourseCertificatesView.as_view()),
    path("me/certificates", MyCertificatesView.as_view()),
    path("certificates/<str:uuid>", CertificateDetailView.as_view()),
    path("verify/pdf", VerifyPdfView.as_view()),
    path("verify/<str:uuid>", VerifyView.as_view()),
]
