"""REST API v1: certificates (request, read, list), and public verification."""

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...certificates import api as certificates_api
from ...conf import llp_setting
from ...errors import NotFound
from ...json_input import StrictMultiPartParser
from . import serializers as s
from .base import LLPAPIView, PublicAPIView
from .permissions import CanViewCertificate, IsCourseTeam, actor_of
from .schema import COURSE_KEY, NotQualifiedOut, errors, paged, query


class CertificatesFeatureMixin:
    """The site-wide switch: with certificates off, every certificate endpoint answers 404."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        if not llp_setting("ENABLED"):
            raise NotFound("Certificates are not enabled on this site.")
        super().initial(request, *args, **kwargs)


class RequestCertificateView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /courses/{course_key}/certificates/request``: Request Certificate / Finish."""

    @extend_schema(
        parameters=[COURSE_KEY],
        request=None,
        responses={
            201: OpenApiResponse(s.RequestedCertificateOut, description="Requested."),
            200: OpenApiResponse(s.RequestedCertificateOut, description="Already requested: the same certificate."),
            400: OpenApiResponse(NotQualifiedOut, description="Not qualified yet: the unmet requirements."),
            **errors(401, 404),
        },
    )
    def post(self, request: Request, course_key: str) -> Response:
        try:
            cert, created = certificates_api.request_certificate(request.user.pk, course_key)
        except certificates_api.NotQualified as exc:
            return Response(
                {"detail": str(exc), "unmet_requirements": exc.requirements}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            s.RequestedCertificateOut(cert).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class MyCertificatesView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /me/certificates[?page=&page_size=]``: the caller's certificates, newest first."""

    @paged(s.CertificateOut, error_codes=(400, 401, 404))
    def get(self, request: Request) -> Response:
        paginator = self.paginator()
        window = paginator.window(request)
        page = certificates_api.user_certificates_page(request.user.pk, offset=window.offset, limit=window.limit)
        data = s.CertificateOut(page.items, many=True, context={"actor": actor_of(request)}).data
        return paginator.respond(data, total=page.total)


class CertificateDetailView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /certificates/{uuid}``: the owner, their Company Admin, the course team, platform staff."""

    permission_classes = [IsAuthenticated, CanViewCertificate]

    @extend_schema(responses={200: s.CertificateOut, **errors(401, 403, 404)})
    def get(self, request: Request, uuid: str) -> Response:
        item = certificates_api.listed_certificate(uuid)
        self.check_object_permissions(request, item)
        return Response(s.CertificateOut(item, context={"actor": actor_of(request)}).data)


class CourseCertificatesView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /courses/{course_key}/certificates``: the course team's list, by username, in pages.

    Filters (``certificates_api.CertificateFilter``): ``status``, ``username``, ``search``, ``issued_after``,
    ``issued_before``; a bad value is a 400 on its field. A constant number of queries whatever the page size.
    """

    permission_classes = [IsAuthenticated, IsCourseTeam]

    @paged(
        s.CertificateOut,
        parameters=[
            COURSE_KEY,
            query("status", "Only certificates in this status.", enum=certificates_api.CertificateStatus.values),
            query("username", "Only this learner's certificate (exact username)."),
            query("search", "Username or name containing this text."),
            query("issued_after", "Issued on or after this date or time (ISO 8601).", OpenApiTypes.DATETIME),
            query("issued_before", "Issued strictly before this date or time (ISO 8601).", OpenApiTypes.DATETIME),
        ],
        error_codes=(400, 401, 403, 404),
    )
    def get(self, request: Request, course_key: str) -> Response:
        paginator = self.paginator()
        window = paginator.window(request)
        page = certificates_api.course_certificates_page(
            self.course.course_key, filters=request.query_params, offset=window.offset, limit=window.limit
        )
        data = s.CertificateOut(page.items, many=True, context={"actor": actor_of(request)}).data
        return paginator.respond(data, total=page.total)


class VerifyView(CertificatesFeatureMixin, PublicAPIView):
    """``GET /verify/{uuid}``: public; no e-mail, no grade."""

    @extend_schema(auth=[], responses={200: s.VerificationOut, **errors(404)})
    def get(self, request: Request, uuid: str) -> Response:
        return Response(s.VerificationOut(certificates_api.verify(uuid)).data)


class VerifyPdfView(CertificatesFeatureMixin, PublicAPIView):
    """``POST /verify/pdf``: is this PDF, byte for byte, a certificate issued here, and is it still valid?"""

    parser_classes = [StrictMultiPartParser]

    @extend_schema(
        auth=[], request={"multipart/form-data": s.VerifyPdfIn}, responses={200: s.VerifyPdfOut, **errors(400, 404)}
    )
    def post(self, request: Request) -> Response:
        upload = s.parse(s.VerifyPdfIn, request.data)["file"]
        return Response(s.VerifyPdfOut(certificates_api.verify_pdf(upload.read())).data)


class CredentialView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /certificates/{uuid}/credential``: the Open Badges 3.0 credential, signed (VC-JOSE, EdDSA).

    The holder, the Company Admin of an employee holder, the course team, platform staff (as the PDF)."""

    @extend_schema(responses={200: s.CredentialOut, **errors(401, 403, 404)})
    def get(self, request: Request, uuid: str) -> Response:
        return Response(s.CredentialOut(certificates_api.credential_for(uuid, actor_of(request))).data)


class StatusListView(CertificatesFeatureMixin, PublicAPIView):
    """``GET /credentials/status-list``: the signed ``BitstringStatusListCredential`` (revoked credentials)."""

    @extend_schema(
        auth=[],
        responses={
            (200, "application/vc+jwt"): OpenApiResponse(
                OpenApiTypes.STR, description="A BitstringStatusListCredential secured as VC-JOSE (compact JWS)."
            ),
            **errors(404),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        response = HttpResponse(certificates_api.status_list_token(), content_type="application/vc+jwt")
        response["Cache-Control"] = "public, max-age=60"
        return response


class VerifyCredentialView(CertificatesFeatureMixin, PublicAPIView):
    """``POST /verify/credential`` ``{jwt}``: is this credential signed here, unchanged, and not revoked?"""

    @extend_schema(auth=[], request=s.VerifyCredentialIn, responses={200: s.CredentialCheckOut, **errors(400, 404)})
    def post(self, request: Request) -> Response:
        token = s.parse(s.VerifyCredentialIn, request.data)["jwt"]
        return Response(s.CredentialCheckOut(certificates_api.verify_credential(token)).data)


class CourseTemplatesView(CertificatesFeatureMixin, LLPAPIView):
    """``GET|POST /courses/{course_key}/certificates/templates``: the course team's own templates, versioned."""

    permission_classes = [IsAuthenticated, IsCourseTeam]

    @paged(s.TemplateOut, parameters=[COURSE_KEY], error_codes=(400, 401, 403, 404))
    def get(self, request: Request, course_key: str) -> Response:
        return self.list_response(certificates_api.list_templates(self.course.course_key), s.TemplateOut)

    @extend_schema(
        parameters=[COURSE_KEY], request=s.TemplateIn, responses={201: s.TemplateOut, **errors(400, 401, 403, 404)}
    )
    def post(self, request: Request, course_key: str) -> Response:
        data = s.parse(s.TemplateIn, request.data)
        template = certificates_api.upload_template(self.course.course_key, created_by_id=request.user.pk, **data)
        return Response(s.TemplateOut(template).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path(
        "courses/<course_key:course_key>/certificates/templates",
        CourseTemplatesView.as_view(),
        name="certificate-templates",
    ),
    path(
        "courses/<course_key:course_key>/certificates/request",
        RequestCertificateView.as_view(),
        name="certificate-request",
    ),
    path("courses/<course_key:course_key>/certificates", CourseCertificatesView.as_view(), name="course-certificates"),
    path("me/certificates", MyCertificatesView.as_view(), name="my-certificates"),
    path("certificates/<str:uuid>", CertificateDetailView.as_view(), name="certificate"),
    path("certificates/<str:uuid>/credential", CredentialView.as_view(), name="certificate-credential"),
    path("credentials/status-list", StatusListView.as_view(), name="credential-status-list"),
    path("verify/pdf", VerifyPdfView.as_view(), name="verify-pdf"),
    path("verify/credential", VerifyCredentialView.as_view(), name="verify-credential"),
    path("verify/<str:uuid>", VerifyView.as_view(), name="verify"),
]
