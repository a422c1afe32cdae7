"""Import an Open edX course export (.tar.gz or folder) into Course + CourseBlock rows."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.db import IntegrityError, transaction

from ...accounts.data import Actor
from ...errors import Conflict, Forbidden
from ...keys import parse_course_key, parse_usage_key
from ..models import Course, CourseBlock, CourseKind, DisplayBehavior
from . import access
from .archive import open_export
from .parser import CONTAINERS, ParsedCourse, parse_course

_BLOCK_FIELDS = (
    "block_type",
    "block_id",
    "parent",
    "order",
    "display_name",
    "graded",
    "assignment_type",
    "supported",
    "fields",
    "content",
    "measured_duration",
)


@dataclass(frozen=True)
class ImportReport:
    course_key: str
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    unsupported: list[dict] = field(default_factory=list)  # [{"type": ..., "count": ...}]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what learners get: draws, groups, the grade rule

    def as_json(self) -> dict:
        return {
            "counts": dict(self.counts),
            "unsupported": list(self.unsupported),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
        }


def import_olx(source: "str | Path | BinaryIO | None", *, actor: Actor | None = None) -> ImportReport:
    """Import (or re-import in place) a course export; ``FieldErrors`` on a bad archive, nothing changed.

    ``actor`` None is a trusted caller (the management command); otherwise ``Forbidden`` unless the
    actor may import this course (platform staff, or the course team re-importing their course).
    """
    if actor is not None and not access.may_attempt_import(actor):
        raise Forbidden("Only platform staff and course teams may import a course.")
    parsed = parse_course(open_export(source))
    key = parse_course_key(parsed.course_key)
    try:
        with transaction.atomic():
            course = Course.objects.select_for_update().filter(course_key=key).first()
            if actor is not None and not access.can_import_course(actor, parsed.course_key, course is not None):
                raise Forbidden(f"You may not import {parsed.course_key}: only its course team may re-import it.")
            created = course is None
            course = _save_course(course, parsed)
            _save_blocks(course, parsed)
    except IntegrityError as exc:  # a concurrent import created the same course or blocks first
        raise Conflict(f"{parsed.course_key} is being imported by another request; try again.") from exc
    return _report(parsed, created)


def _save_course(course: Course | None, parsed: ParsedCourse) -> Course:
    if course is None:
        course = Course(course_key=parse_course_key(parsed.course_key), kind=CourseKind.ONLINE)
    for name, value in parsed.settings.items():
        setattr(course, name, value)
    # Settings the export left out keep their old values: the pair must still obey the Advanced Settings rule.
    if course.certificates_display_behavior != DisplayBehavior.END_WITH_DATE:
        course.certificate_available_date = None
    elif course.certificate_available_date is None:
        course.certificates_display_behavior = DisplayBehavior.END
        parsed.warnings.append("'end_with_date' needs a certificate_available_date: using 'end' instead.")
    course.save()
    return course


def _save_blocks(course: Course, parsed: ParsedCourse) -> None:
    """Match blocks by usage key: update those that stay, create the new ones, delete those gone.

    Learner state is keyed by usage key (no foreign key), so blocks that stay keep it untouched.
    """
    existing = {str(row.usage_key): row for row in CourseBlock.objects.filter(course=course)}
    rows: list[CourseBlock] = []
    new_rows: list[CourseBlock] = []
    for order, block in enumerate(parsed.blocks):
        usage_key = parsed.usage_key(block)
        row = existing.pop(usage_key, None)
        if row is None:
            row = CourseBlock(course=course, usage_key=parse_usage_key(usage_key))
            new_rows.append(row)
        row.block_type = block.block_type
        row.block_id = block.block_id
        row.order = order
        row.display_name = block.display_name
        row.graded = block.graded
        row.assignment_type = block.assignment_type
        row.supported = block.supported
        row.fields = block.fields
        row.content = block.content
        row.measured_duration = block.measured_duration  # re-measured; the course team's duration stays
        rows.append(row)
    # Vanished blocks go first: their preorder positions and keys are free for the rest.
    CourseBlock.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    for row in new_rows:
        row.parent = None
    CourseBlock.objects.bulk_create(new_rows)
    for row, block in zip(rows, parsed.blocks, strict=True):
        row.parent = rows[block.parent_index] if block.parent_index is not None else None
    CourseBlock.objects.bulk_update(rows, _BLOCK_FIELDS, batch_size=500)


def _report(parsed: ParsedCourse, created: bool) -> ImportReport:
    counts = Counter(block.block_type for block in parsed.blocks)
    ordered = {name: counts.pop(name, 0) for name in CONTAINERS}
    ordered.update(sorted(counts.items()))
    unsupported = Counter(block.block_type for block in parsed.blocks if not block.supported)
    return ImportReport(
        course_key=parsed.course_key,
        created=created,
        counts=ordered,
        unsupported=[{"type": name, "count": count} for name, count in sorted(unsupported.items())],
        warnings=list(parsed.warnings),
        notes=[*parsed.notes, *_grade_notes(parsed)],
    )


NO_GRADED_CONTENT = (
    "This course has no graded content: it has no grade requirement (learners qualify by completing every "
    "required block, as the LLP rules say)."
)
_SCORED = frozenset({"problem", "llp_quiz"})


def _grade_notes(parsed: ParsedCourse) -> list[str]:
    """The LLP rule for a course without graded content (a supported scored block in a graded sequential of
    one of the policy's assignment types), said in the report."""
    types = {t["type"] for t in (parsed.settings.get("grading_policy") or {}).get("assignment_types", [])}
    for block in parsed.blocks:
        if block.block_type not in _SCORED or not block.supported:
            continue
        parent = block.parent_index
        while parent is not None and parsed.blocks[parent].block_type != "sequential":
            parent = parsed.blocks[parent].parent_index
        sequential = parsed.blocks[parent] if parent is not None else None
        if sequential is not None and sequential.graded and sequential.assignment_type in types:
            return []
    return [NO_GRADED_CONTENT]
