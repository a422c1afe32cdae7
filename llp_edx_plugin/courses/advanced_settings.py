"""Advanced Settings of a course (CONTRACT.md "Courses"): read, and validated partial update.

Two hooks let higher domains take part without this domain importing them (DESIGN.md §1):
``register_certificate_templates`` adds template names a course may choose (custom templates), and
``register_settings_warning`` adds messages to the update's ``warnings`` (e.g. certificates affected by a
grade-range change). Both are plain callables registered once, e.g. from the higher domain's ``apps`` or
``handlers`` module.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction

from ..errors import NotFound
from ..keys import parse_course_key
from .data import BUILT_IN_CERTIFICATE_TEMPLATE
from .grading_policy import grading_policy_warnings, validate_grading_policy
from .models import Course, default_grading_policy
from .settings_rules import apply_changes, editable_fields

__all__ = [
    "BUILTIN_CERTIFICATE_TEMPLATES",
    "certificate_template_names",
    "get_advanced_settings",
    "register_certificate_templates",
    "register_settings_warning",
    "settings_warnings",
    "update_advanced_settings",
]

BUILTIN_CERTIFICATE_TEMPLATES: tuple[str, ...] = (BUILT_IN_CERTIFICATE_TEMPLATE,)

# (course_key) -> names of extra templates that course may use.
TemplateSource = Callable[[str], Iterable[str]]
# (course_key, old settings, new settings) -> warning messages; settings as returned by get_advanced_settings.
WarningSource = Callable[[str, dict, dict], Iterable[str]]

_template_sources: list[TemplateSource] = []
_warning_sources: list[WarningSource] = []


def register_certificate_templates(source: TemplateSource) -> None:
    """Add a source of certificate template names (idempotent)."""
    if source not in _template_sources:
        _template_sources.append(source)


def register_settings_warning(source: WarningSource) -> None:
    """Add a source of warnings for settings updates (idempotent)."""
    if source not in _warning_sources:
        _warning_sources.append(source)


def certificate_template_names(course_key: str) -> tuple[str, ...]:
    """The built-in templates, then those the registered sources offer for this course (no duplicates)."""
    names = list(BUILTIN_CERTIFICATE_TEMPLATES)
    for source in _template_sources:
        names.extend(name for name in source(str(course_key)) if name not in names)
    return tuple(names)


def settings_warnings(course_key: str, old: dict, new: dict) -> list[str]:
    """Messages about a saved update: assignment weights not adding up to 100%, then registered sources'."""
    messages = grading_policy_warnings(new["grading_policy"])
    for source in _warning_sources:
        messages.extend(str(m) for m in source(str(course_key), old, new))
    return messages


def _row(course_key: str, *, for_update: bool = False) -> Course:
    try:
        key = parse_course_key(course_key)
    except Exception as exc:  # InvalidKeyError and friends: an unknown course
        raise NotFound(f"Unknown course '{course_key}'") from exc
    queryset = Course.objects.select_for_update() if for_update else Course.objects
    course = queryset.filter(course_key=key).first()
    if course is None:
        raise NotFound(f"Unknown course '{course_key}'")
    return course


def _stored_policy(course: Course) -> dict:
    """The stored policy, normalised (highest cutoff first); a policy stored by older code is kept as is."""
    stored = course.grading_policy or default_grading_policy()
    policy, errors = validate_grading_policy(stored)
    return policy if not errors else stored


def _values(course: Course) -> dict:
    """The editable settings as Python values (aware datetimes), the input of ``apply_changes``."""
    fields = editable_fields(course.kind == "live_event")
    values = {name: getattr(course, name) for name in fields if name != "grading_policy"}
    values["grading_policy"] = _stored_policy(course)
    values["course_key"] = str(course.course_key)
    values["kind"] = course.kind
    return values


def _as_json(values: dict) -> dict:
    fields = editable_fields(values["kind"] == "live_event")
    return {
        "course_key": values["course_key"],
        **{name: values[name].isoformat() if isinstance(values[name], datetime) else values[name] for name in fields},
    }


def get_advanced_settings(course_key: str) -> dict:
    """The Advanced Settings of CONTRACT.md as a JSON-able dict (datetimes ISO 8601 with zone)."""
    return _as_json(_values(_row(course_key)))


def update_advanced_settings(course_key: str, changes: dict) -> dict:
    """Validate and apply a partial update; ``FieldErrors`` naming each bad field, nothing saved then.

    Returns the full settings plus ``warnings`` (a list of messages). The course row is locked for the
    read-validate-write so two concurrent updates cannot interleave.
    """
    with transaction.atomic():
        course = _row(course_key, for_update=True)
        current = _values(course)
        templates = certificate_template_names(current["course_key"])
        new = apply_changes(current, changes, templates=templates)
        changed = [name for name in editable_fields(course.kind == "live_event") if new[name] != getattr(course, name)]
        for name in changed:
            setattr(course, name, new[name])
        if changed:
            course.save(update_fields=[*changed, "modified"])
        new["course_key"], new["kind"] = current["course_key"], current["kind"]
        old_json, new_json = _as_json(current), _as_json(new)
    return {**new_json, "warnings": settings_warnings(new_json["course_key"], old_json, new_json)}
