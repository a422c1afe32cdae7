"""What a certificate prints, frozen when it is issued (or regenerated): pure functions over plain values.

Bulk generation and single issuing both take their snapshot here, and both PDFs (one or a batch) read the
printed grade, date and language through these functions, so no path prints a certificate differently.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from .constants import BUILT_IN_TEMPLATE, DEFAULT_LANGUAGE, LANGUAGES

DEFAULT_TIME_ZONE = "UTC"


@dataclass(frozen=True)
class Snapshot:
    """The printed facts of one certificate: the learner's name, the course, template, language, company."""

    name: str
    course_title: str
    template: str
    template_version: int
    language: str
    time_zone: str
    company_name: str = ""
    company_logo: str = ""  # storage name of the logo copy this certificate keeps


def resolve_template(configured: str | None, latest_version: int | None) -> tuple[str, int]:
    """The template and version to print with: the built-in one, or the newest version of the course's own.

    A course naming a template it does not have (``latest_version`` None) falls back to the built-in one.
    """
    name = configured or BUILT_IN_TEMPLATE
    if name == BUILT_IN_TEMPLATE or latest_version is None:
        return BUILT_IN_TEMPLATE, 1
    return name, latest_version


def certificate_language(language: str | None) -> str:
    """A language the templates speak: the course's, or English."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def time_zone_name(name: str | None) -> str:
    """A valid IANA time zone name: the course's, or UTC when it is empty or unknown."""
    try:
        ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (KeyError, ValueError):
        return DEFAULT_TIME_ZONE
    return name or DEFAULT_TIME_ZONE


def take_snapshot(
    *,
    learner_name: str,
    course_title: str,
    configured_template: str | None,
    latest_version: int | None,
    language: str | None,
    time_zone: str | None,
    company_name: str | None = None,
    company_logo: str | None = None,
) -> Snapshot:
    """The snapshot of one learner's certificate from the course's settings and the learner's profile."""
    template, version = resolve_template(configured_template, latest_version)
    return Snapshot(
        name=learner_name,
        course_title=course_title,
        template=template,
        template_version=version,
        language=certificate_language(language),
        time_zone=time_zone_name(time_zone),
        company_name=company_name or "",
        company_logo=company_logo or "",
    )


def completion_date(issued_at: datetime, time_zone: str | None) -> date:
    """The date printed on the certificate: the issue moment, in the time zone of the snapshot."""
    return issued_at.astimezone(ZoneInfo(time_zone_name(time_zone))).date()


def stored_grade(percent: float | None) -> str:
    """The grade as a certificate row keeps it (a 0..1 fraction with two decimals), or "" without one."""
    return "" if percent is None else f"{percent:.2f}"


def grade_percent(grade: str | float | None) -> str:
    """The grade as people read it, on the PDF and in tables: ``"0.92"`` -> ``"92%"``; "" without a grade."""
    try:
        fraction = Decimal(str(grade))  # None and "" are not numbers either
    except InvalidOperation:
        return ""
    if not fraction.is_finite():
        return ""
    return f"{int((fraction * 100).to_integral_value(rounding=ROUND_HALF_UP))}%"
