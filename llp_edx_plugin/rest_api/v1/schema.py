"""What the OpenAPI schema (drf-spectacular) says of the API views beyond their serializers: errors, pages, keys.

Only the schema reads this module; no view's behaviour depends on it. ``ERRORS`` are the contract's error shapes
(``{"detail": ...}`` or ``{"errors": {field: [...]}}``, ``api_errors``); ``paged`` documents a list endpoint of
``ArrayPagination`` (a plain JSON array with ``page``/``page_size`` and the ``X-Total-Count``/``Link`` headers).
"""

from collections.abc import Iterable
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from ... import compat
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from .serializers import ProgressCertificateOut


class PlatformJwtScheme(OpenApiAuthenticationExtension):
    """Inside Open edX the API also takes the platform's JWT (compat.py): ``Authorization: JWT <token>``.

    Named by path: the class is imported only where edx-drf-extensions is installed.
    """

    target_class = f"{compat.JWT_AUTHENTICATION_MODULE}.JwtAuthentication"
    name = "platformJwt"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "JWT <token>"}


class ErrorOut(serializers.Serializer):
    """An error answer: ``detail`` (a message) or ``errors`` (messages by field)."""

    detail = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


ERRORS = {
    400: OpenApiResponse(ErrorOut, description="Bad input: field errors, or a detail."),
    401: OpenApiResponse(ErrorOut, description="Not signed in (no or a bad token)."),
    403: OpenApiResponse(ErrorOut, description="Signed in, but not allowed."),
    404: OpenApiResponse(ErrorOut, description="Unknown resource (or certificates are off on this site)."),
    409: OpenApiResponse(ErrorOut, description="Conflicts with the resource's state."),
    429: OpenApiResponse(ErrorOut, description="Too many requests: try again later (``Retry-After``)."),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The shared error answers of ``codes``."""
    return {code: ERRORS[code] for code in codes}


def binary(media_type: str, description: str) -> dict:
    """A file answer (PDF, ZIP, CSV) of ``media_type`` for ``responses={200: ...}``."""
    return {(200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=description)}


# Anyone may call, signed in or not (the answer may depend on who): ``{}`` is "no authentication".
OPTIONAL_AUTH = [{"tokenAuth": []}, {"cookieAuth": []}, {}]

COURSE_KEY = OpenApiParameter(
    "course_key", str, OpenApiParameter.PATH, description="A course key, e.g. ``course-v1:Org+Course+Run``."
)
USAGE_KEY = OpenApiParameter(
    "usage_key",
    str,
    OpenApiParameter.PATH,
    description="A block's usage key, e.g. ``block-v1:Org+Course+Run+type@video+block@intro``.",
)

PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Page number, from 1."),
    OpenApiParameter(
        "page_size",
        OpenApiTypes.INT,
        OpenApiParameter.QUERY,
        description=f"Items per page (default {DEFAULT_PAGE_SIZE}; above {MAX_PAGE_SIZE} is clamped).",
    ),
    OpenApiParameter(
        "X-Total-Count",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[200],
        description="How many items match, on all pages.",
    ),
    OpenApiParameter(
        "Link",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description='Links to the other pages (RFC 8288): ``<url>; rel="next"``, ``"prev"``, ``"first"``, ``"last"``.',
    ),
]


def query(name: str, description: str, kind: Any = OpenApiTypes.STR, **kwargs: Any) -> OpenApiParameter:
    """An optional query parameter (a filter)."""
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **kwargs)


def paged(
    item: type[serializers.Serializer] | serializers.Serializer,
    *,
    parameters: Iterable[OpenApiParameter] = (),
    error_codes: Iterable[int] = (400, 401, 403),
    **kwargs: Any,
):
    """``extend_schema`` of a list endpoint: a JSON array of ``item`` in pages (the page parameters and headers)."""
    many = item(many=True) if isinstance(item, type) else item
    return extend_schema(
        parameters=[*PAGE_PARAMETERS, *parameters],
        responses={200: many, **errors(*error_codes)},
        **kwargs,
    )


# --- Answers the views build as dicts: schema-only serializers with exactly the keys they write ----------------


class CourseImportOut(serializers.Serializer):
    course_key = serializers.CharField()
    report = serializers.DictField(
        help_text="The import report (``ImportReport.as_json``): counts, unsupported, warnings, notes."
    )


class CourseImportIn(serializers.Serializer):
    file = serializers.FileField(help_text="The OLX course export (.tar.gz).")


class VideoOut(serializers.Serializer):
    usage_key = serializers.CharField()
    display_name = serializers.CharField()
    src = serializers.CharField()
    required = serializers.BooleanField()
    duration = serializers.FloatField(allow_null=True, help_text="Seconds: the duration that counts.")
    source = serializers.CharField(allow_null=True, help_text='"course team", "course" (OLX) or "media file".')
    olx_duration = serializers.FloatField(allow_null=True)
    measured_duration = serializers.FloatField(allow_null=True)
    team_duration = serializers.FloatField(allow_null=True)


class VideoDurationIn(serializers.Serializer):
    duration = serializers.FloatField(allow_null=True, help_text="Seconds, or null to clear the team's duration.")


class AttemptResetIn(serializers.Serializer):
    username = serializers.CharField(help_text="The learner's username or e-mail address.")
    usage_key = serializers.CharField(help_text="A problem or quiz of the course.")


class AttemptResetOut(serializers.Serializer):
    """One reset, as the history keeps it: who, when, which block, for whom."""

    course_key = serializers.CharField()
    usage_key = serializers.CharField()
    block_name = serializers.CharField()
    username = serializers.CharField()
    reset_by = serializers.CharField(allow_null=True)
    attempts_before = serializers.IntegerField(help_text="Attempts used before the reset.")
    attempts = serializers.IntegerField(help_text="Attempts used now: 0.")
    reset_at = serializers.DateTimeField()


class CourseSettingsOut(serializers.Serializer):
    """The Advanced Settings (``courses_api.get_advanced_settings``); the last four only for a live event."""

    course_key = serializers.CharField(read_only=True)
    title = serializers.CharField()
    self_paced = serializers.BooleanField()
    start = serializers.DateTimeField(allow_null=True)
    end = serializers.DateTimeField(allow_null=True)
    issues_certificates = serializers.BooleanField()
    certificates_display_behavior = serializers.CharField()
    certificate_available_date = serializers.DateTimeField(allow_null=True)
    learner_generated_certificates = serializers.BooleanField()
    certificate_template = serializers.CharField()
    certificate_language = serializers.CharField()
    grading_policy = serializers.DictField(help_text="``{assignment_types: [...], grade_cutoffs: {letter: 0..1}}``")
    time_zone = serializers.CharField(required=False)
    location = serializers.CharField(required=False)
    join_url = serializers.CharField(required=False)
    capacity = serializers.IntegerField(required=False, allow_null=True)


class CourseSettingsUpdatedOut(CourseSettingsOut):
    warnings = serializers.ListField(child=serializers.CharField(), help_text="What the change affects.")


class RequirementOut(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    block_id = serializers.CharField(required=False, help_text="Only when the rule concerns one block or lesson.")


class CompletionOut(serializers.Serializer):
    complete = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()


class BlockProgressOut(serializers.Serializer):
    usage_key = serializers.CharField()
    type = serializers.CharField()
    display_name = serializers.CharField()
    complete = serializers.BooleanField()
    locked = serializers.BooleanField()
    required = serializers.BooleanField()
    score = serializers.FloatField(allow_null=True)
    detail = serializers.CharField()
    opens_at = serializers.DateTimeField(
        required=False, help_text="Only while its chapter or sequential is not released: when it opens (locked)."
    )


class LessonOut(serializers.Serializer):
    usage_key = serializers.CharField()
    title = serializers.CharField()
    complete = serializers.BooleanField()
    locked = serializers.BooleanField()
    blocks = BlockProgressOut(many=True)
    opens_at = serializers.DateTimeField(
        required=False, help_text="Only for a chapter with a future start: when it opens (locked until then)."
    )


class GradeOut(serializers.Serializer):
    percent = serializers.FloatField()
    letter = serializers.CharField(allow_null=True)
    passed = serializers.BooleanField()
    graded = serializers.BooleanField()


class ProgressDocOut(serializers.Serializer):
    """What ``serializers.ProgressOut`` writes (it builds its answer in ``to_representation``)."""

    course_key = serializers.CharField()
    username = serializers.CharField()
    completion = CompletionOut()
    lessons = LessonOut(many=True)
    grade = GradeOut()
    qualified = serializers.BooleanField()
    unmet_requirements = RequirementOut(many=True)
    certificate = ProgressCertificateOut()


class NotQualifiedOut(serializers.Serializer):
    detail = serializers.CharField()
    unmet_requirements = RequirementOut(many=True)


class TrainingCertificateOut(serializers.Serializer):
    status = serializers.CharField(allow_null=True)
    uuid = serializers.CharField(allow_null=True)
    download_url = serializers.CharField(allow_null=True)


class TrainingOut(serializers.Serializer):
    course_key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    progress_percent = serializers.IntegerField()
    completed = serializers.BooleanField()
    certificate = TrainingCertificateOut()


class EmployeeOut(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.CharField()
    is_active = serializers.BooleanField()
    trainings = TrainingOut(many=True)


class AssignmentResultOut(serializers.Serializer):
    username = serializers.CharField()
    status = serializers.CharField()
    error = serializers.CharField(allow_null=True)


class ReportOut(serializers.Serializer):
    id = serializers.IntegerField()
    course_key = serializers.CharField(allow_null=True)
    kind = serializers.CharField(help_text="progress, certificates or company.")
    status = serializers.CharField(help_text="pending, running, done or failed.")
    created_at = serializers.DateTimeField()
    download_url = serializers.CharField(allow_null=True)
    training = serializers.CharField()
    company = serializers.CharField()
    requested_by = serializers.CharField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    percent = serializers.IntegerField()
    rows = serializers.IntegerField(allow_null=True)
    time_zone = serializers.CharField()


class ReportAcceptedOut(serializers.Serializer):
    report_id = serializers.IntegerField()


class PresentIn(serializers.Serializer):
    present = serializers.BooleanField(allow_null=True)


class AttendanceMarkOut(serializers.Serializer):
    username = serializers.CharField()
    course_key = serializers.CharField()
    present = serializers.BooleanField(allow_null=True)
    marked_at = serializers.DateTimeField(allow_null=True)
    marked_by = serializers.CharField(allow_null=True)
    changed = serializers.BooleanField()


# ``from`` is a Python keyword: the fields are declared through the class namespace.
AttendanceChangeOut = type(
    "AttendanceChangeOut",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        "from": serializers.BooleanField(allow_null=True),
        "to": serializers.BooleanField(),
        "changed_at": serializers.DateTimeField(),
        "changed_by": serializers.CharField(allow_null=True),
    },
)


class AttendanceHistoryOut(serializers.Serializer):
    username = serializers.CharField()
    history = AttendanceChangeOut(many=True)


class RosterEntryOut(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.CharField()
    company = serializers.CharField(allow_null=True)
    registered_at = serializers.DateTimeField(allow_null=True)
    present = serializers.BooleanField(allow_null=True)
    marked_at = serializers.DateTimeField(allow_null=True)
    marked_by = serializers.CharField(allow_null=True)
    certificate_status = serializers.CharField(allow_null=True)


class CsvFileIn(serializers.Serializer):
    file = serializers.FileField(help_text="A UTF-8 CSV file of at most 2 MB.")


class AttendanceImportOut(serializers.Serializer):
    results = serializers.ListField(child=serializers.DictField(), help_text="One result per row.")
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="How many rows per status.")


class FindingOut(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    link_url = serializers.CharField(required=False)
    link_label = serializers.CharField(required=False)


class SupportRequestIn(serializers.Serializer):
    name = serializers.CharField(required=False)
    email = serializers.EmailField(required=False)
    course_key = serializers.CharField(required=False, allow_null=True)
    message = serializers.CharField()
    training = serializers.CharField(required=False, allow_null=True)


class SupportCreatedOut(serializers.Serializer):
    id = serializers.IntegerField()
    diagnosis = FindingOut(many=True)


class SupportRequestOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField()
    username = serializers.CharField(allow_null=True)
    course_key = serializers.CharField(allow_null=True)
    training = serializers.CharField(allow_null=True)
    message = serializers.CharField()
    diagnosis = FindingOut(many=True)
    status = serializers.CharField()
    answer = serializers.CharField(allow_null=True)
    answered_by = serializers.CharField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class DiagnosisOut(serializers.Serializer):
    course_key = serializers.CharField(allow_null=True)
    diagnosis = FindingOut(many=True)
