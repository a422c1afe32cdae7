"""A learner's progress in a course: computed from BlockState + structure, and persisted as CourseProgress.

``compute_progress`` is pure; ``load_progress`` reads it in a constant number of queries whatever the
number of blocks; ``refresh_course_progress`` stores it (called after a block's completion or score changed)
and announces changes of passed/completed with ``signals.COURSE_PROGRESS_CHANGED``.
"""

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import CharField, ExpressionWrapper, F

from ..courses import api as courses_api
from ..courses.data import BlockData, CourseData
from ..keys import parse_course_key
from . import draws, gating, grading, release, requirements, state
from .data import (
    QUIZ_TYPES,
    BlockProgressData,
    BlockStatus,
    CompletionData,
    GradeData,
    LessonData,
    ProgressData,
    StoredProgressData,
    completion_percent,
)
from .models import BlockState, CourseProgress
from .signals import COURSE_PROGRESS_CHANGED

logger = logging.getLogger(__name__)


def _block_weight(block: BlockData) -> float:
    """A scored block's possible points, as Open edX weights them.

    A problem: its ``weight`` when set (0 included: it then counts for nothing), else its number of inputs.
    An ``llp_quiz``: its ``weight`` when positive, else 1.
    """
    weight = block.fields.get("weight")
    if block.block_type == "problem":
        try:
            number = float(weight if weight is not None else block.fields.get("inputs", 1))
        except (TypeError, ValueError):
            return 1.0
        return number if number >= 0 else 1.0
    try:
        number = float(weight if weight is not None else 1)
    except (TypeError, ValueError):
        return 1.0
    return number if number > 0 else 1.0


def subsection_scores(
    lessons: Sequence[gating.LessonOutline], statuses: Mapping[str, BlockStatus]
) -> list[grading.SubsectionScore]:
    """Graded totals of the graded sequentials: earned/possible over their supported scored blocks."""
    totals: dict[str, list] = {}  # sequential key -> [assignment type, earned, possible], in course order
    for lesson in lessons:
        for block in lesson.blocks:
            sequential = lesson.sequential_of.get(block.usage_key)
            if sequential is None or not sequential.graded or not sequential.assignment_type:
                continue
            if not block.supported or block.block_type not in QUIZ_TYPES or block.fields.get("graded") is False:
                continue  # graded="false" on the block (or inherited): out of the grade, as Open edX
            weight = _block_weight(block)
            status = statuses.get(block.usage_key)
            score = status.score if status is not None and status.score is not None else 0.0
            entry = totals.setdefault(sequential.usage_key, [sequential.assignment_type, 0.0, 0.0])
            entry[1] += min(max(score, 0.0), 1.0) * weight
            entry[2] += weight
    return [grading.SubsectionScore(kind, earned, possible) for kind, earned, possible in totals.values()]


def compute_progress(
    user_id: int,
    course: CourseData,
    structure: Sequence[BlockData],
    statuses: Mapping[str, BlockStatus],
    *,
    now: datetime | None = None,
) -> ProgressData:
    """Completion per lesson, locks, grade and the unmet requirements of one learner (pure but for the clock).

    ``now``: when it is (``state.now()`` by default), for the release dates of chapters and sequentials.
    """
    if course.is_live_event:
        # Live events have no lessons: attendance decides (the events domain), not learning.
        return ProgressData(
            user_id=user_id,
            course_key=course.course_key,
            completion=CompletionData(0, 0, 0),
            lessons=(),
            grade=GradeData(percent=0.0, letter=None, passed=True, graded=False),
            qualified=False,
        )
    opens = release.opening_dates(structure, now or state.now())
    lessons = gating.outline(structure)
    complete_keys = {key for key, status in statuses.items() if status.complete}
    states = gating.lesson_states(
        [(lesson.chapter.usage_key, lesson.required_keys) for lesson in lessons], complete_keys
    )
    # A chapter not released yet is locked until it opens; its blocks stay required (ADR 0037).
    states = [replace(s, locked=True) if s.usage_key in opens and not s.locked else s for s in states]
    empty = BlockStatus()
    lesson_data = []
    complete = total = 0
    for lesson, lesson_state in zip(lessons, states, strict=True):
        blocks = []
        for block in lesson.blocks:
            status = statuses.get(block.usage_key, empty)
            required = gating.is_required(block)
            total += required
            complete += required and status.complete
            blocks.append(
                BlockProgressData(
                    usage_key=block.usage_key,
                    type=block.block_type,
                    display_name=block.display_name or block.block_id,
                    complete=status.complete,
                    locked=lesson_state.locked or block.usage_key in opens,
                    required=required,
                    score=status.score if block.block_type in QUIZ_TYPES else None,
                    detail=requirements.block_detail(block, status, opens.get(block.usage_key)),
                    opens_at=opens.get(block.usage_key),
                )
            )
        lesson_data.append(
            LessonData(
                usage_key=lesson.chapter.usage_key,
                title=lesson.chapter.display_name or lesson.chapter.block_id,
                complete=lesson_state.complete,
                locked=lesson_state.locked,
                blocks=tuple(blocks),
                opens_at=opens.get(lesson.chapter.usage_key),
            )
        )
    policy = course.grading_policy
    grade = grading.grade_course(policy, subsection_scores(lessons, statuses))
    unmet = requirements.diagnose(
        lessons, states, statuses, grade, grading.passing_cutoff(policy.grade_cutoffs), opens=opens
    )
    completed = total > 0 and complete == total
    return ProgressData(
        user_id=user_id,
        course_key=course.course_key,
        completion=CompletionData(complete=complete, total=total, percent=completion_percent(complete, total)),
        lessons=tuple(lesson_data),
        grade=grade,
        qualified=completed and grade.passed,
        unmet_requirements=tuple(unmet),
    )


def load_statuses(user_id: int, course_key: str) -> dict[str, BlockStatus]:
    """The learner's BlockState rows of a course, by usage key string (one query)."""
    # The key is read as plain text: parsing hundreds of opaque keys would cost more than the query.
    rows = BlockState.objects.filter(user_id=user_id, course_key=parse_course_key(course_key)).values_list(
        ExpressionWrapper(F("usage_key"), output_field=CharField()), "complete", "score", "state"
    )
    return {
        usage_key: BlockStatus(complete=complete, score=score, state=state if isinstance(state, dict) else {})
        for usage_key, complete, score, state in rows
    }


def load_progress(user_id: int, course: CourseData) -> ProgressData:
    """The learner's live progress in a course already read: two queries whatever the size (structure and
    block states), three in a course with randomized content (its draws)."""
    structure = draws.learner_structure(user_id, course.course_key, courses_api.get_structure(course.course_key))
    return compute_progress(user_id, course, structure, load_statuses(user_id, course.course_key))


def stored_data(row: CourseProgress) -> StoredProgressData:
    return StoredProgressData(
        user_id=row.user_id,
        course_key=str(row.course_key),
        complete_count=row.complete_count,
        total_count=row.total_count,
        grade_percent=row.grade_percent,
        letter=row.letter or None,
        passed=row.passed,
        completed=row.completed,
        modified=row.modified,
    )


def _locked_row(user_id: int, key) -> tuple[CourseProgress, bool]:
    """The learner's CourseProgress row, locked for update; created (unsaved values) when missing."""
    row = CourseProgress.objects.select_for_update().filter(user_id=user_id, course_key=key).first()
    if row is not None:
        return row, False
    try:
        with transaction.atomic():
            return CourseProgress.objects.create(user_id=user_id, course_key=key), True
    except IntegrityError:  # a concurrent refresh created it first: wait for its lock
        return CourseProgress.objects.select_for_update().get(user_id=user_id, course_key=key), False


def refresh_course_progress(user_id: int, course_key: str) -> StoredProgressData:
    """Recompute and store the learner's completion and grade; signal when passed/completed changed.

    The row is locked before the block states are read, so concurrent refreshes (two blocks publishing at
    once) serialize and the last one to write has seen every committed state.
    """
    course = courses_api.get_course(course_key)
    key = parse_course_key(course.course_key)
    with transaction.atomic():
        row, _created = _locked_row(user_id, key)
        before = (row.passed, row.completed)
        structure = draws.learner_structure(user_id, course.course_key, courses_api.get_structure(course.course_key))
        progress = compute_progress(user_id, course, structure, load_statuses(user_id, course.course_key))
        row.complete_count = progress.completion.complete
        row.total_count = progress.completion.total
        row.grade_percent = progress.grade.percent
        row.letter = progress.grade.letter or ""
        row.passed = progress.grade.passed
        row.completed = progress.completed
        row.save()
        after = (row.passed, row.completed)
        if after != before:
            transaction.on_commit(
                partial(
                    announce_progress_change,
                    user_id=user_id,
                    course_key=course.course_key,
                    passed=row.passed,
                    completed=row.completed,
                    qualified=progress.qualified,
                )
            )
    return stored_data(row)


# A receiver that meets a busy database (SQLite's write lock, a PostgreSQL serialization failure) is run again.
ANNOUNCE_ATTEMPTS = 3
_ANNOUNCE_BACKOFF_S = 0.2


def announce_progress_change(**progress) -> None:
    """Send ``COURSE_PROGRESS_CHANGED`` after the commit; a failing receiver never fails the caller.

    The progress is already saved when this runs (``on_commit``): a receiver's error must not turn the
    learner's request into a 500. A receiver that failed on a database error (a busy database) is run again
    (its work, e.g. issuing, is idempotent); any other failure, or the last one, is logged.
    """
    results = COURSE_PROGRESS_CHANGED.send_robust(sender=CourseProgress, **progress)
    failed = [(receiver, error) for receiver, error in results if isinstance(error, OperationalError)]
    for attempt in range(2, ANNOUNCE_ATTEMPTS + 1):
        if not failed:
            return
        time.sleep(_ANNOUNCE_BACKOFF_S * attempt)
        retry, failed = failed, []
        for receiver, _error in retry:
            try:
                receiver(signal=COURSE_PROGRESS_CHANGED, sender=CourseProgress, **progress)
            except OperationalError as exc:
                failed.append((receiver, exc))
            except Exception:
                logger.exception("COURSE_PROGRESS_CHANGED: %s failed for %s", receiver, progress)
    for receiver, error in failed:
        logger.error(
            "COURSE_PROGRESS_CHANGED: %s failed %d times for %s: %s", receiver, ANNOUNCE_ATTEMPTS, progress, error
        )


def stored_progress(user_id: int, course_key: str) -> StoredProgressData | None:
    """The persisted progress of a learner in a course, or None if never computed."""
    row = CourseProgress.objects.filter(user_id=user_id, course_key=parse_course_key(course_key)).first()
    return stored_data(row) if row else None


def stored_progress_for_courses(user_id: int, course_keys: Sequence[str]) -> dict[str, StoredProgressData]:
    """The persisted progress of a learner in several courses (one query), by course key."""
    keys = [parse_course_key(k) for k in course_keys]
    rows = CourseProgress.objects.filter(user_id=user_id, course_key__in=keys)
    return {str(row.course_key): stored_data(row) for row in rows}
