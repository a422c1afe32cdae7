"""The support domain's public door: the diagnosis, the contact form's requests, staff answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import FieldErrors, Forbidden, NotFound
from .data import DiagnosisFacts, Finding, SupportRequestData, TrainingChoice
from .diagnosis import diagnose
from .facts import gather_facts, trainings_of
from .models import MESSAGE_MAX, NAME_MAX, TRAINING_MAX, SupportRequest, SupportStatus
from .throttle import SendingThrottle, allow_sending

__all__ = [
    "STATUSES",
    "DiagnosisFacts",
    "Finding",
    "SendingThrottle",
    "SupportRequestData",
    "TrainingChoice",
    "allow_sending",
    "answer_request",
    "create_request",
    "diagnose",
    "diagnosis_for",
    "gather_facts",
    "get_request",
    "list_requests",
    "set_status",
    "trainings_of",
]

STATUSES = tuple(SupportStatus.values)
EMAIL_MAX = 254
ANSWER_MAX = 10_000
ANSWER_SUBJECT = "Your support request #{id}"


def diagnosis_for(user_id: int | None, course_key: str | None) -> tuple[Finding, ...]:
    """The diagnosis of ``user_id`` (None: a visitor) in a training, as of now."""
    return diagnose(gather_facts(user_id, course_key))


def _findings(rows: list) -> tuple[Finding, ...]:
    return tuple(
        Finding(str(r.get("code", "")), str(r.get("message", "")), r.get("link_url"), r.get("link_label"))
        for r in rows or []
        if isinstance(r, dict)
    )


def _data(row: SupportRequest, titles: dict[str, str] | None = None) -> SupportRequestData:
    key = str(row.course_key) if row.course_key else None
    return SupportRequestData(
        id=row.pk,
        name=row.name,
        email=row.email,
        user_id=row.user_id,
        username=row.user.get_username() if row.user_id else None,
        course_key=key,
        course_title=(titles or {}).get(key) if key else None,
        training=row.training,
        message=row.message,
        diagnosis=_findings(row.diagnosis),
        status=row.status,
        answer=row.answer,
        answered_by=row.answered_by.get_username() if row.answered_by_id else None,
        answered_at=row.answered_at,
        created=row.created,
    )


def _titles(rows: list[SupportRequest]) -> dict[str, str]:
    keys = {str(r.course_key) for r in rows if r.course_key}
    return {c.course_key: c.title for c in courses_api.list_courses(keys)} if keys else {}


def _text(errors: dict, field: str, value: object, limit: int, *, required: bool = True) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors.setdefault(field, []).append(_("Must be a string."))
    elif required and not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(text) > limit:
        errors.setdefault(field, []).append(_("At most {limit} characters.").format(limit=limit))
    elif "\x00" in text:
        errors.setdefault(field, []).append(_("Must not contain NUL characters."))
    return text


def create_request(
    actor: Actor, *, name: object, email: object, course_key: object, message: object, training: object = None
) -> SupportRequestData:
    """Record a support request with the diagnosis as it is now; ``FieldErrors`` for bad input.

    A signed-in learner names one of the trainings they are enrolled in (``course_key``); a visitor may name
    a course key or describe the training in ``training``. A signed-in learner's blank name and e-mail default
    to their account's.
    """
    errors: dict[str, list[str]] = {}
    profile = accounts_api.get_profile(actor.user_id) if actor.is_authenticated else None
    visitor = profile is None
    name_text = _text(errors, "name", name, NAME_MAX, required=visitor) or (profile.full_name if profile else "")
    email_text = _text(errors, "email", email, EMAIL_MAX, required=visitor) or (profile.email if profile else "")
    if not email_text and "email" not in errors:  # a signed-in account without an e-mail address
        errors.setdefault("email", []).append(_("This field is required."))
    elif "email" not in errors:
        try:
            validate_email(email_text)
        except ValidationError:
            errors.setdefault("email", []).append(_("Enter a valid email address."))
    message_text = _text(errors, "message", message, MESSAGE_MAX)
    training_text = _text(errors, "training", training, TRAINING_MAX, required=False)
    key_text = _text(errors, "course_key", course_key, 255, required=False)
    course = None
    if key_text and "course_key" not in errors:
        try:
            course = courses_api.get_course(key_text)
        except NotFound:
            errors.setdefault("course_key", []).append(_("Unknown training."))
    if profile is not None and course is not None:
        enrollment = courses_api.get_enrollment(course.course_key, profile.user_id)
        if enrollment is None or not enrollment.is_active:
            errors.setdefault("course_key", []).append(_("Choose one of your trainings."))
    if not key_text and not training_text and "course_key" not in errors:
        hint = _("Name the training or the course key.") if visitor else _("Choose one of your trainings.")
        errors.setdefault("course_key", []).append(hint)
    if errors:
        raise FieldErrors(errors)
    findings = diagnosis_for(actor.user_id, course.course_key if course else None)
    row = SupportRequest.objects.create(
        name=name_text,
        email=email_text,
        user_id=actor.user_id,
        course_key=course.course_key if course else None,
        training=training_text if course is None else "",
        message=message_text,
        diagnosis=[f.as_json() for f in findings],
    )
    return _data(SupportRequest.objects.select_related("user", "answered_by").get(pk=row.pk), _titles([row]))


def _visible(actor: Actor):
    if not actor.is_authenticated:
        raise Forbidden("Sign in to see support requests.")
    rows = SupportRequest.objects.select_related("user", "answered_by")
    return rows if actor.is_platform_staff else rows.filter(user_id=actor.user_id)


def list_requests(
    actor: Actor, *, status: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[list[SupportRequestData], int]:
    """A page of the requests ``actor`` may see (staff: all; anyone else signed in: their own), and the total."""
    rows = _visible(actor)
    if status:
        if status not in STATUSES:
            raise FieldErrors.single("status", f"Must be one of: {', '.join(STATUSES)}.")
        rows = rows.filter(status=status)
    total = rows.count()
    page = list(rows.order_by("-created", "-pk")[offset : offset + limit])
    titles = _titles(page)
    return [_data(row, titles) for row in page], total


def get_request(actor: Actor, request_id: int) -> SupportRequestData:
    """One request its author or staff may see; ``NotFound`` for anyone else (nothing leaks about others)."""
    row = _visible(actor).filter(pk=request_id).first()
    if row is None:
        raise NotFound(f"No support request {request_id}")
    return _data(row, _titles([row]))


def _staff_row(actor: Actor, request_id: int) -> SupportRequest:
    if not actor.is_platform_staff:
        raise Forbidden("Only staff may answer support requests.")
    row = SupportRequest.objects.select_for_update().filter(pk=request_id).first()
    if row is None:
        raise NotFound(f"No support request {request_id}")
    return row


def answer_request(actor: Actor, request_id: int, answer: object, *, close: bool = False) -> SupportRequestData:
    """Staff answer a request: the answer is e-mailed to the requester and the request is answered (or closed)."""
    errors: dict[str, list[str]] = {}
    text = _text(errors, "answer", answer, ANSWER_MAX)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        row = _staff_row(actor, request_id)
        row.answer = text
        row.answered_by_id = actor.user_id
        row.answered_at = timezone.now()
        row.status = SupportStatus.CLOSED if close else SupportStatus.ANSWERED
        row.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    _send_answer(row, text)
    return get_request(actor, request_id)


def set_status(actor: Actor, request_id: int, status: str) -> SupportRequestData:
    """Staff close (or reopen) a request without e-mailing anyone."""
    if status not in STATUSES:
        raise FieldErrors.single("status", f"Must be one of: {', '.join(STATUSES)}.")
    with transaction.atomic():
        row = _staff_row(actor, request_id)
        row.status = status
        row.save(update_fields=["status"])
    return get_request(actor, request_id)


def _send_answer(row: SupportRequest, answer: str) -> None:
    body = f"Hello {row.name},\n\n{answer}\n\nYour request:\n{row.message}\n"
    if row.user_id:  # a visitor has no account to read their requests with
        link = str(llp_setting("BASE_URL")).rstrip("/") + reverse("llp_edx_plugin:support-requests")
        body += f"\nYour requests and their answers: {link}\n"
    send_mail(
        ANSWER_SUBJECT.format(id=row.pk),
        body,
        getattr(settings, "DEFAULT_FROM_EMAIL", None),
        [row.email],
    )
