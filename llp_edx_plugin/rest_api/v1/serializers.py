"""Every input and output shape of the REST API (CONTRACT.md), as DRF serializers over the domains' dataclasses.

Inputs: a view calls ``parse(SomeIn, data)``; a body that is not a JSON object, or a field of the wrong type,
is a 400 ``{"errors": {field: [message]}}`` (``api_errors``). Fields are strict where the contract is JSON: a
boolean is ``true``/``false`` and a text is a string, not ``"yes"`` or ``5``. Outputs: ``SomeOut(data).data``
(or ``many=True``); links come from ``links`` (by URL name), never typed paths.
"""

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

from ... import links
from ...accounts import api as accounts_api
from ...certificates import api as certificates_api
from ...conf import llp_setting
from ...csv_cells import MAX_CSV_BYTES
from ...errors import FieldErrors


def parse(serializer_class: type[serializers.Serializer], data: Any, **context: Any) -> dict:
    """The validated input of ``serializer_class``: 400 ``body`` unless a JSON object, 400 with field errors."""
    if not isinstance(data, Mapping):
        raise FieldErrors.single("body", "Send a JSON object.")
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class StrictBooleanField(serializers.BooleanField):
    """JSON ``true`` or ``false`` only (DRF's own also takes ``"yes"``, ``1``, ``"on"``...)."""

    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictCharField(serializers.CharField):
    """A JSON string only (DRF's own turns ``5`` into ``"5"``)."""

    default_error_messages = {"invalid": "Must be a string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class OffsetDateTimeField(serializers.DateTimeField):
    """A time as ``isoformat()`` writes it (``+00:00``): the jobs and Certificates tab answers always did."""

    def to_representation(self, value: Any) -> str | None:
        return value.isoformat() if value is not None else None


# --- Accounts ----------------------------------------------------------------------------------------------


class CompanyIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)


class CompanyOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    logo_url = serializers.CharField(allow_null=True)


class LogoIn(serializers.Serializer):
    logo = serializers.FileField(error_messages={"required": "Upload a PNG or JPEG image in the 'logo' field."})


class LogoOut(serializers.Serializer):
    logo_url = serializers.CharField(allow_null=True)


class UserIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(trim_whitespace=False)
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=255)
    account_type = serializers.ChoiceField(choices=accounts_api.ACCOUNT_TYPES)
    company_id = serializers.IntegerField(required=False, allow_null=True)


class ProfileOut(serializers.Serializer):
    username = serializers.CharField()
    email = serializers.CharField()
    full_name = serializers.CharField()
    account_type = serializers.CharField()
    company_id = serializers.IntegerField(allow_null=True)
    is_active = serializers.BooleanField()


class PermissionsIn(serializers.Serializer):
    mark_attendance = serializers.BooleanField()


class PermissionsOut(serializers.Serializer):
    username = serializers.CharField()
    mark_attendance = serializers.BooleanField()


# --- Courses -----------------------------------------------------------------------------------------------


class CourseIn(serializers.Serializer):
    course_key = serializers.CharField(max_length=255)
    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=("online", "live_event"))
    self_paced = serializers.BooleanField(default=False)
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    issues_certificates = serializers.BooleanField(default=True)


class CourseOut(serializers.Serializer):
    course_key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    self_paced = serializers.BooleanField()
    start = serializers.DateTimeField(allow_null=True)
    end = serializers.DateTimeField(allow_null=True)
    issues_certificates = serializers.BooleanField()


class TeamRoleIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=accounts_api.COURSE_ROLES)


class TeamRoleOut(serializers.Serializer):
    username = serializers.CharField()
    course_key = serializers.CharField()
    role = serializers.CharField()


class EnrollmentIn(serializers.Serializer):
    username = serializers.CharField(max_length=254, required=False)


class EnrollmentOut(serializers.Serializer):
    """An ``EnrollmentResult`` of ``courses_api``: the enrollment with the learner's and assigner's usernames."""

    username = serializers.CharField()
    course_key = serializers.CharField()
    is_active = serializers.BooleanField()
    assigned_by = serializers.CharField(allow_null=True)
    created = serializers.DateTimeField(allow_null=True)


# --- Jobs --------------------------------------------------------------------------------------------------


class JobOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    course_key = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    result = serializers.DictField()
    created = OffsetDateTimeField()
    started = OffsetDateTimeField(allow_null=True)
    finished = OffsetDateTimeField(allow_null=True)


class JobAcceptedOut(serializers.Serializer):
    """202 of a started job: ``{job_id, status, job_url, ...}`` (``job_url``: where to poll it)."""

    job_id = serializers.IntegerField(source="id")
    status = serializers.CharField()
    job_url = serializers.SerializerMethodField()

    def get_job_url(self, job: Any) -> str:
        return links.url("api_v1:job", job_id=job.id)


# --- Certificates ------------------------------------------------------------------------------------------


class CertificateOut(serializers.Serializer):
    """The certificate object of CONTRACT.md, from a ``ListedCertificate`` (the certificate and its owner).

    ``download_url`` only for those who may download it (``context["actor"]``).
    """

    uuid = serializers.CharField(source="certificate.uuid")
    username = serializers.CharField(source="certificate.username")
    course_key = serializers.CharField(source="certificate.course_key")
    status = serializers.CharField(source="certificate.status")
    grade = serializers.CharField(source="certificate.grade")
    issued_at = serializers.DateTimeField(source="certificate.issued_at", allow_null=True)
    first_downloaded_at = serializers.DateTimeField(source="certificate.first_downloaded_at", allow_null=True)
    download_count = serializers.IntegerField(source="certificate.download_count")
    template_version = serializers.IntegerField(source="certificate.template_version")
    download_url = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()

    def get_download_url(self, item: certificates_api.ListedCertificate) -> str | None:
        cert = item.certificate
        if not certificates_api.can_download(self.context["actor"], item.owner, cert.course_key):
            return None
        return links.certificate_download(cert.uuid)

    def get_verify_url(self, item: certificates_api.ListedCertificate) -> str:
        return certificates_api.verify_url(item.certificate.uuid)


class RequestedCertificateOut(serializers.Serializer):
    uuid = serializers.CharField()
    status = serializers.CharField()


class VerificationOut(serializers.Serializer):
    valid = serializers.BooleanField()
    status = serializers.CharField()
    holder_name = serializers.CharField()
    course_title = serializers.CharField()
    issued_at = serializers.DateTimeField(allow_null=True)


class VerifyPdfIn(serializers.Serializer):
    file = serializers.FileField(error_messages={"required": "Upload the certificate PDF as 'file'."})

    def validate_file(self, upload: Any) -> Any:
        if upload.size > llp_setting("VERIFY_PDF_MAX_BYTES"):
            raise serializers.ValidationError("The file is larger than any certificate we issue.")
        return upload


class CredentialSummaryOut(serializers.Serializer):
    """What a person reads of a credential."""

    uuid = serializers.CharField(allow_null=True)
    issuer_name = serializers.CharField()
    issuer_url = serializers.CharField()
    achievement_name = serializers.CharField()
    achievement_description = serializers.CharField()
    criteria = serializers.CharField()
    valid_from = serializers.CharField()
    status_index = serializers.IntegerField(allow_null=True)


class CredentialCheckOut(serializers.Serializer):
    """The check of a credential: ``authentic`` (signed by a key of this site, unchanged), ``revoked`` (its status
    list bit is set), ``valid`` (authentic, not revoked, its certificate valid today)."""

    present = serializers.BooleanField(help_text="A credential was found (pasted, or embedded in the PDF).")
    authentic = serializers.BooleanField()
    valid = serializers.BooleanField()
    revoked = serializers.BooleanField()
    uuid = serializers.CharField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    message = serializers.CharField()
    summary = CredentialSummaryOut(allow_null=True)


class VerifyPdfOut(serializers.Serializer):
    authentic = serializers.BooleanField()
    uuid = serializers.CharField(allow_null=True)
    valid = serializers.BooleanField()
    credential = CredentialCheckOut(help_text="The Open Badges credential embedded in the PDF, checked.")


class VerifyCredentialIn(serializers.Serializer):
    jwt = StrictCharField(max_length=64 * 1024, error_messages={"required": "Paste the credential (a JWT) as 'jwt'."})


class CredentialOut(serializers.Serializer):
    jwt = serializers.CharField(help_text="The credential secured as VC-JOSE: a compact JWS, alg EdDSA, typ vc+jwt.")
    credential = serializers.DictField(help_text="The signed payload: an Open Badges 3.0 OpenBadgeCredential.")


class TemplateIn(serializers.Serializer):
    """The domain validates the template itself (sandbox, one page); here only the types."""

    name = StrictCharField(allow_blank=True, default="", trim_whitespace=False)
    html = StrictCharField(allow_blank=True, default="", trim_whitespace=False)
    language = StrictCharField(allow_blank=True, default="en")


class TemplateOut(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.IntegerField()
    language = serializers.CharField()
    created = serializers.DateTimeField()


class ProgressCertificateOut(serializers.Serializer):
    """The ``certificate`` object of the progress answer, from a ``CertificateBox`` (DESIGN.md §5)."""

    status = serializers.CharField(allow_null=True)
    message = serializers.CharField(allow_null=True)
    button = serializers.CharField(allow_null=True)
    card_link = serializers.BooleanField()
    uuid = serializers.CharField(allow_null=True)
    download_url = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()
    show_requirements = serializers.BooleanField()

    def get_download_url(self, box: certificates_api.CertificateBox) -> str | None:
        return links.certificate_download(box.uuid) if box.button == "download" and box.uuid else None

    def get_verify_url(self, box: certificates_api.CertificateBox) -> str | None:
        return certificates_api.verify_url(box.uuid) if box.uuid else None


class ProgressOut(serializers.Serializer):
    """The progress answer of CONTRACT.md from ``{learner, progress, box}``: the learning domain's progress in its
    own JSON (completion, lessons, grade, qualified, unmet requirements), the learner and the certificate box."""

    def to_representation(self, instance: Mapping[str, Any]) -> dict:
        progress = instance["progress"]
        return {
            "course_key": progress.course_key,
            "username": instance["learner"].username,
            **progress.as_json(),
            "certificate": ProgressCertificateOut(instance["box"]).data,
        }


# --- Instructor Dashboard ----------------------------------------------------------------------------------


class ActiveIn(serializers.Serializer):
    active = StrictBooleanField()


class EnabledIn(serializers.Serializer):
    enabled = StrictBooleanField()


class CertificateSettingsOut(serializers.Serializer):
    """The certificate switches; ``active`` and ``enabled`` repeat the long names for the two PUT bodies."""

    course_key = serializers.CharField()
    issues_certificates = serializers.BooleanField()
    self_paced = serializers.BooleanField()
    active = serializers.BooleanField(source="certificates_active")
    certificates_active = serializers.BooleanField()
    learner_generated_certificates = serializers.BooleanField()
    enabled = serializers.BooleanField(source="learner_generated_certificates")
    example_succeeded = serializers.BooleanField()
    learner_generation_editable = serializers.BooleanField()


class ExampleOut(serializers.Serializer):
    job_id = serializers.IntegerField()
    status = serializers.CharField()
    error = serializers.CharField(allow_null=True)
    preview_url = serializers.CharField(allow_null=True)
    previews = serializers.ListField(child=serializers.DictField())


class PreviewQuery(serializers.Serializer):
    index = serializers.IntegerField(min_value=0, default=0, error_messages={"invalid": "Must be a whole number."})


class GenerateIn(serializers.Serializer):
    """``statuses``: regenerate only the certificates in these statuses (the domain checks which may be)."""

    statuses = serializers.ListField(child=StrictCharField(), required=False, allow_empty=True)


class RegenerationAcceptedOut(JobAcceptedOut):
    """``warning`` (``context["warning"]``): what regenerating replaces."""

    warning = serializers.SerializerMethodField()

    def get_warning(self, job: Any) -> str | None:
        return self.context.get("warning")


class GenerationAcceptedOut(RegenerationAcceptedOut):
    statuses = serializers.SerializerMethodField()

    def get_statuses(self, job: Any) -> list[str] | None:
        return job.parameters.get("statuses")


class GenerationRunOut(serializers.Serializer):
    job_id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    requested_by = serializers.CharField(allow_null=True)
    created = OffsetDateTimeField()
    started = OffsetDateTimeField(allow_null=True)
    finished = OffsetDateTimeField(allow_null=True)
    statuses = serializers.ListField(child=serializers.CharField(), allow_null=True)
    certificate_uuid = serializers.CharField(allow_null=True)
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    counts = serializers.DictField()
    error = serializers.CharField(allow_null=True)


class LearnerNoteIn(serializers.Serializer):
    """``{username, notes}`` of the allowlist and invalidations (``username`` may be an e-mail address)."""

    username = StrictCharField(max_length=254)
    notes = StrictCharField(required=False, allow_blank=True, default="")


class UsernameIn(serializers.Serializer):
    username = StrictCharField(max_length=254)


class ReasonIn(serializers.Serializer):
    reason = StrictCharField(required=False, allow_blank=True, default="")


class ExceptionOut(serializers.Serializer):
    username = serializers.CharField()
    email = serializers.CharField()
    course_key = serializers.CharField()
    notes = serializers.CharField()
    created = OffsetDateTimeField()
    created_by = serializers.CharField(allow_null=True)


class InvalidationOut(serializers.Serializer):
    username = serializers.CharField()
    course_key = serializers.CharField()
    certificate_uuid = serializers.CharField()
    notes = serializers.CharField()
    active = serializers.BooleanField()
    created = OffsetDateTimeField()
    invalidated_by = serializers.CharField(allow_null=True)


class CsvUploadIn(serializers.Serializer):
    """A UTF-8 CSV upload of at most 2 MB, read as text."""

    file = serializers.FileField(error_messages={"required": "Upload a CSV file as 'file'."})

    def validate_file(self, upload: Any) -> str:
        if upload.size > MAX_CSV_BYTES:
            raise serializers.ValidationError(f"The file may be at most {MAX_CSV_BYTES // (1024 * 1024)} MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise serializers.ValidationError("The file must be UTF-8 text (CSV).") from None


class CsvImportOut(serializers.Serializer):
    """``{added, failed, results}``: the per-row results as the domain wrote them."""

    added = serializers.SerializerMethodField()
    failed = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()

    def get_added(self, results: list[dict]) -> int:
        return sum(1 for row in results if row["ok"])

    def get_failed(self, results: list[dict]) -> int:
        return sum(1 for row in results if not row["ok"])

    def get_results(self, results: list[dict]) -> list[dict]:
        return list(results)


# --- Programs --------------------------------------------------------------------------------------------


class MemberOut(serializers.Serializer):
    key = serializers.CharField(help_text="The training's course key (a sub-program: its own course key).")
    title = serializers.CharField()
    kind = serializers.CharField()
    slug = serializers.CharField(allow_null=True, help_text="A sub-program's slug, else null.")


class ProgramOut(serializers.Serializer):
    slug = serializers.CharField()
    course_key = serializers.CharField(help_text="The program's own course key (its certificate's).")
    kind = serializers.CharField(help_text="``pathway`` or ``learning_program``.")
    title = serializers.CharField()
    description = serializers.CharField()
    in_order = serializers.BooleanField()
    certificate_template = serializers.CharField()
    certificate_language = serializers.CharField()
    members = MemberOut(many=True)


class ProgramIn(serializers.Serializer):
    slug = serializers.CharField(max_length=50)
    title = serializers.CharField(max_length=255)
    kind = serializers.CharField(max_length=20, help_text="``pathway`` or ``learning_program``.")
    members = serializers.ListField(child=serializers.CharField(max_length=255), max_length=50, default=list)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    in_order = StrictBooleanField(required=False, default=False)
    certificate_template = serializers.CharField(max_length=100, required=False)
    certificate_language = serializers.CharField(max_length=10, required=False)


class ProgramPatchIn(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    members = serializers.ListField(child=serializers.CharField(max_length=255), max_length=50, required=False)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    in_order = StrictBooleanField(required=False)
    certificate_template = serializers.CharField(max_length=100, required=False)
    certificate_language = serializers.CharField(max_length=10, required=False)


class MembersIn(serializers.Serializer):
    members = serializers.ListField(child=serializers.CharField(max_length=255), max_length=50)


class MemberStateOut(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    certified = serializers.BooleanField()
    locked = serializers.BooleanField(help_text="In-order programs: a previous member is not certified yet.")


class ProgramProgressOut(serializers.Serializer):
    slug = serializers.CharField()
    username = serializers.CharField()
    percent = serializers.IntegerField(help_text="Certified members, 0-100.")
    complete = serializers.BooleanField()
    members = MemberStateOut(many=True)
    certificate = CertificateOut(allow_null=True)
