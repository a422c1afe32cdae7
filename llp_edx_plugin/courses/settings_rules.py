"""Advanced Settings rules: pure validation of a partial update over plain values (no database).

``apply_changes(current, changes, templates=...)`` returns the complete new settings or raises
``FieldErrors`` naming every bad field. Decisions (CONTRACT.md "Courses", DESIGN.md §5):

- ``certificate_available_date`` is required with ``end_with_date`` and refused with any other behavior.
  A change of behavior *away from* ``end_with_date`` that does not mention the date clears it (the date
  means nothing then); sending a date together with another behavior is refused.
- The date may not be earlier than the course end (it replaces the end for ``end_with_date``).
- ``learner_generated_certificates`` is accepted for self-paced courses too: they ignore it (they always
  issue on qualification), and the value is kept for when the course becomes instructor-paced.
- Rules across fields (end after start, the date rules) are checked on the resulting settings, so a PATCH
  can never leave an inconsistent course behind.
- A live event adds its session details (``EVENT_FIELDS``): an IANA ``time_zone``, a ``location``, an online
  ``join_url`` (http or https only: it becomes a link on the learner's page) and an optional ``capacity``
  (1..MAX_CAPACITY, or null for no limit). An online course refuses them as unknown to it.
"""

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.dateparse import parse_datetime

from ..errors import FieldErrors
from ..json_input import bad_text_reason, in_utc_range
from .grading_policy import validate_grading_policy
from .models import DisplayBehavior

END_WITH_DATE = DisplayBehavior.END_WITH_DATE.value
DISPLAY_BEHAVIORS: tuple[str, ...] = tuple(DisplayBehavior.values)
CERTIFICATE_LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
MAX_TITLE_LENGTH = 255
READ_ONLY_FIELDS = ("course_key",)
EDITABLE_FIELDS = (
    "title",
    "self_paced",
    "start",
    "end",
    "issues_certificates",
    "certificates_display_behavior",
    "certificate_available_date",
    "learner_generated_certificates",
    "certificate_template",
    "certificate_language",
    "grading_policy",
)
EVENT_FIELDS = ("time_zone", "location", "join_url", "capacity")
MAX_LOCATION_LENGTH = 255
MAX_JOIN_URL_LENGTH = 500
MAX_CAPACITY = 100_000
BOOLEAN_FIELDS = ("self_paced", "issues_certificates", "learner_generated_certificates")
DATETIME_FIELDS = ("start", "end", "certificate_available_date")
REQUIRED = "This field is required."


class _Bad(Exception):
    """One field's value is wrong; the message says why."""


def parse_aware_datetime(value: Any) -> datetime | None:
    """An ISO 8601 datetime with a zone (or None for null); ``_Bad`` for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise _Bad("Enter a valid ISO 8601 date and time, e.g. 2026-09-01T09:00:00Z.")
    else:
        raise _Bad("Enter a valid ISO 8601 date and time, e.g. 2026-09-01T09:00:00Z.")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _Bad("Include a time zone, e.g. 2026-09-01T09:00:00Z or 2026-09-01T09:00:00+02:00.")
    if not in_utc_range(parsed):
        raise _Bad("The date is out of range (years 1 to 9999 in UTC).")
    return parsed


def _title(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(REQUIRED)
    if len(value.strip()) > MAX_TITLE_LENGTH:
        raise _Bad(f"At most {MAX_TITLE_LENGTH} characters.")
    if bad_text_reason(value):  # pages and imports reach here without the API's parser
        raise _Bad(bad_text_reason(value))
    return value.strip()


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("Must be true or false.")
    return value


def _choice(choices: Collection[str]):
    def parse(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _Bad(f"Must be one of: {', '.join(choices)}.")
        return value

    return parse


def editable_fields(is_live_event: bool) -> tuple[str, ...]:
    """The settings a course of this kind may change: a live event adds its session details."""
    return (*EDITABLE_FIELDS, *EVENT_FIELDS) if is_live_event else EDITABLE_FIELDS


def _time_zone(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("Enter a time zone name, e.g. Europe/Madrid or UTC.")
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Bad(f"Unknown time zone '{name[:64]}': use an IANA name such as Europe/Madrid.") from None
    return name


def _location(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad("Must be text.")
    if len(value.strip()) > MAX_LOCATION_LENGTH:
        raise _Bad(f"At most {MAX_LOCATION_LENGTH} characters.")
    return value.strip()


def _join_url(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if not isinstance(value, str):
        raise _Bad("Must be a web address.")
    url = value.strip()
    if len(url) > MAX_JOIN_URL_LENGTH:
        raise _Bad(f"At most {MAX_JOIN_URL_LENGTH} characters.")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _Bad("Enter a web address starting with https:// (or http://).")
    if any(ch.isspace() for ch in url):
        raise _Bad("A web address cannot contain spaces.")
    return url


def _capacity(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"Must be a whole number from 1 to {MAX_CAPACITY}, or null for no limit.")
    if not 1 <= value <= MAX_CAPACITY:
        raise _Bad(f"Must be a whole number from 1 to {MAX_CAPACITY}, or null for no limit.")
    return value


def _field_parsers(templates: Collection[str]) -> dict:
    parsers = {
        "title": _title,
        "time_zone": _time_zone,
        "location": _location,
        "join_url": _join_url,
        "capacity": _capacity,
        "certificates_display_behavior": _choice(DISPLAY_BEHAVIORS),
        "certificate_template": _choice(tuple(templates)),
        "certificate_language": _choice(CERTIFICATE_LANGUAGES),
    }
    parsers.update(dict.fromkeys(BOOLEAN_FIELDS, _boolean))
    parsers.update(dict.fromkeys(DATETIME_FIELDS, parse_aware_datetime))
    return parsers


def _cross_field_errors(new: Mapping) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    start, end, available = new.get("start"), new.get("end"), new.get("certificate_available_date")
    if start is not None and end is not None and end <= start:
        errors["end"] = ["The end must be after the start."]
    if new.get("certificates_display_behavior") == END_WITH_DATE:
        if available is None:
            errors["certificate_available_date"] = [f"Required when certificates_display_behavior is {END_WITH_DATE}."]
        elif end is not None and available < end:
            errors["certificate_available_date"] = ["Must not be earlier than the course end."]
    elif available is not None:
        errors["certificate_available_date"] = [
            f"Only allowed when certificates_display_behavior is {END_WITH_DATE}; leave it empty (null)."
        ]
    return errors


def apply_changes(current: Mapping, changes: Any, *, templates: Collection[str]) -> dict:
    """The settings that ``changes`` (a partial update) makes of ``current``; ``FieldErrors`` if any is bad.

    ``current`` holds every editable field with Python values (aware datetimes, the grading policy dict);
    ``templates`` are the certificate template names the course may use; ``current["kind"]`` says whether
    the course is a live event (with ``EVENT_FIELDS``).
    """
    if not isinstance(changes, Mapping):
        raise FieldErrors.single("non_field_errors", "Expected a JSON object of settings.")
    fields = editable_fields(current.get("kind") == "live_event")
    errors: dict[str, list[str]] = {}
    for name in changes:
        if name in READ_ONLY_FIELDS:
            if str(changes[name]) != str(current.get(name)):
                errors[str(name)] = ["This field is read-only."]
        elif name in EVENT_FIELDS and name not in fields:
            errors[str(name)] = ["Only live events have this setting."]
        elif name not in fields:
            errors[str(name)] = ["Unknown field."]

    new = {name: current.get(name) for name in fields}
    parsers = _field_parsers(templates)
    for name, parse in parsers.items():
        if name in changes and name in fields:
            try:
                new[name] = parse(changes[name])
            except _Bad as bad:
                errors[name] = [str(bad)]
    if "grading_policy" in changes:
        policy, policy_errors = validate_grading_policy(changes["grading_policy"], current.get("grading_policy"))
        errors.update(policy_errors)
        new["grading_policy"] = policy

    behavior_left_end_with_date = (
        current.get("certificates_display_behavior") == END_WITH_DATE
        and new["certificates_display_behavior"] != END_WITH_DATE
    )
    if behavior_left_end_with_date and "certificate_available_date" not in changes:
        new["certificate_available_date"] = None
    # Rules across fields only speak about values that parsed: no second, misleading message.
    if not errors.keys() & {*DATETIME_FIELDS, "certificates_display_behavior"}:
        errors.update(_cross_field_errors(new))
    if errors:
        raise FieldErrors(errors)
    return new
