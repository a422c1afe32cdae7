"""The requirement diagnosis of DESIGN.md §3: every unmet rule with a precise message (pure functions).

Codes are stable (clients and support match on them): ``lesson_locked``, ``video_not_watched``,
``quiz_not_passed``, ``block_incomplete``, ``grade_below_passing``, ``course_empty``, ``not_released``.
"""

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..courses.data import BlockData
from .data import QUIZ_TYPES, VIDEO_TYPES, BlockStatus, GradeData, RequirementData
from .gating import LessonOutline, LessonState, is_required
from .release import format_opening

LESSON_LOCKED = "lesson_locked"
VIDEO_NOT_WATCHED = "video_not_watched"
QUIZ_NOT_PASSED = "quiz_not_passed"
BLOCK_INCOMPLETE = "block_incomplete"
GRADE_BELOW_PASSING = "grade_below_passing"
COURSE_EMPTY = "course_empty"
NOT_RELEASED = "not_released"

# A quiz without its own pass_score must be answered fully right.
DEFAULT_PASS_SCORE = 1.0
PROBLEM_TYPE = "problem"  # imported CAPA problems: complete once submitted

_LABELS = {
    "llp_video": gettext_noop("Video"),
    "video": gettext_noop("Video"),
    "llp_reading": gettext_noop("Reading"),
    "html": gettext_noop("Reading"),
    "llp_quiz": gettext_noop("Quiz"),
}


def block_label(block_type: str) -> str:
    """What learners call a block type: Video, Reading, Quiz, Problem, ..."""
    label = _LABELS.get(block_type)
    return _(label) if label else block_type.replace("_", " ").capitalize()


def format_duration(seconds: float) -> str:
    """4:10, or 1:02:03 from an hour up."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def floor_percent(fraction: float) -> int:
    """Whole percent, rounded down so that 69.9% never reads as the 70% it falls short of."""
    return max(0, math.floor(fraction * 100 + 1e-9))


def round_percent(fraction: float) -> int:
    return round(fraction * 100)


def _number(value, default: float | None = None) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def video_duration(block: BlockData) -> float | None:
    duration = _number(block.fields.get("duration"))
    return duration if duration and duration > 0 else None


def watched_ratio(block: BlockData, status: BlockStatus) -> float:
    """The covered share of the video (0..1) as the video block stored it."""
    ratio = _number(status.state.get("watched_ratio"))
    if ratio is None:
        seconds = _number(status.state.get("watched_seconds"), 0.0) or 0.0
        duration = video_duration(block)
        ratio = seconds / duration if duration else 0.0
    return min(max(ratio, 0.0), 1.0)


def pass_score(block: BlockData) -> float:
    score = _number(block.fields.get("pass_score"))
    return min(max(score, 0.0), 1.0) if score is not None else DEFAULT_PASS_SCORE


def max_attempts(block: BlockData) -> int | None:
    """None when attempts are unlimited."""
    value = _number(block.fields.get("max_attempts"))
    return int(value) if value and value > 0 else None


def best_score(status: BlockStatus) -> float | None:
    best = _number(status.state.get("best_score"))
    if best is None:
        best = status.score
    return best


def attempts_used(status: BlockStatus) -> int:
    return int(_number(status.state.get("attempts"), 0.0) or 0)


def _video_text(block: BlockData, status: BlockStatus) -> str:
    duration = video_duration(block)
    watched = _("watched {percent}%").format(percent=floor_percent(watched_ratio(block, status)))
    return (
        _("{watched} of {duration}").format(watched=watched, duration=format_duration(duration))
        if duration
        else watched
    )


def block_detail(block: BlockData, status: BlockStatus, opens_at: datetime | None = None) -> str:
    """A one-line summary of the learner's state on a block, for the Progress page and the API."""
    if not block.supported:
        if block.block_type == PROBLEM_TYPE:  # e.g. a script-computed answer or a customresponse
            return _("Not required (cannot be graded here)")
        return _("Not required (unsupported block type)")
    if opens_at is not None and not status.complete:
        return _("Opens on {date}").format(date=format_opening(opens_at))
    if block.block_type in VIDEO_TYPES:
        if status.complete:
            return _("Watched in full")
        if video_duration(block) is None:
            return _("Duration not set: it cannot be completed until the course team sets it")
        return _video_text(block, status).capitalize()
    if block.block_type == PROBLEM_TYPE:
        return _problem_detail(block, status)
    if block.block_type in QUIZ_TYPES:
        best, used, limit = best_score(status), attempts_used(status), max_attempts(block)
        attempts = _(" · {used} of {limit} attempts used").format(used=used, limit=limit) if limit else ""
        if status.complete:
            return _("Passed with {percent}%{attempts}").format(percent=floor_percent(best or 0.0), attempts=attempts)
        needs = _("needs {percent}%").format(percent=round_percent(pass_score(block)))
        if used == 0 and not best:
            return _("Not attempted · {needs}{attempts}").format(needs=needs, attempts=attempts)
        return _("Best {percent}% · {needs}{attempts}").format(
            percent=floor_percent(best or 0.0), needs=needs, attempts=attempts
        )
    return _("Completed") if status.complete else _("Not completed")


def _problem_detail(block: BlockData, status: BlockStatus) -> str:
    """A CAPA problem is complete once submitted (as Open edX); its latest score counts toward the grade."""
    used, limit = attempts_used(status), max_attempts(block)
    attempts = _(" · {used} of {limit} attempts used").format(used=used, limit=limit) if limit else ""
    if not status.complete:
        return _("Not submitted{attempts}").format(attempts=attempts)
    earned, possible = status.state.get("raw_earned"), status.state.get("raw_possible")
    numbers = all(isinstance(n, int | float) and not isinstance(n, bool) for n in (earned, possible))
    score = _(" · score {earned}/{possible}").format(earned=f"{earned:g}", possible=f"{possible:g}") if numbers else ""
    return _("Submitted{score}{attempts}").format(score=score, attempts=attempts)


def block_requirement(block: BlockData, status: BlockStatus) -> RequirementData | None:
    """The unmet requirement of one block, or None when it is complete or not required."""
    if status.complete or not is_required(block):
        return None
    name = _("{label} '{name}'").format(label=block_label(block.block_type), name=block.display_name or block.block_id)
    if block.block_type in VIDEO_TYPES:
        if video_duration(block) is None:
            message = _("{name} cannot be completed yet: its duration is not set (the course team must set it)").format(
                name=name
            )
        else:
            message = _("{name} {watched} — it must be watched in full").format(
                name=name, watched=_video_text(block, status)
            )
        return RequirementData(VIDEO_NOT_WATCHED, message, block.usage_key)
    if block.block_type == PROBLEM_TYPE:  # complete once submitted, right or wrong
        return RequirementData(BLOCK_INCOMPLETE, _("{name} not submitted yet").format(name=name), block.usage_key)
    if block.block_type in QUIZ_TYPES:
        best, used, limit = best_score(status), attempts_used(status), max_attempts(block)
        needs = _("needs {percent}%").format(percent=round_percent(pass_score(block)))
        if used == 0 and not best:
            message = _("{name} not passed: not attempted yet, {needs}").format(name=name, needs=needs)
        else:
            message = _("{name} not passed: best {percent}%, {needs}").format(
                name=name, percent=floor_percent(best or 0.0), needs=needs
            )
        if limit is not None and used >= limit:
            message += _(" — no attempts left ({used} of {limit} used)").format(used=used, limit=limit)
        return RequirementData(QUIZ_NOT_PASSED, message, block.usage_key)
    return RequirementData(BLOCK_INCOMPLETE, _("{name} not completed").format(name=name), block.usage_key)


def grade_requirement(grade: GradeData, lowest_cutoff: float | None) -> RequirementData | None:
    """Unmet when the course has graded content and the grade is below the lowest cutoff."""
    if grade.passed or not grade.graded or lowest_cutoff is None:
        return None
    # xgettext:no-python-format
    message = _("Course grade {percent}% is below the passing grade {passing}%").format(
        percent=round_percent(grade.percent), passing=round_percent(lowest_cutoff)
    )
    return RequirementData(GRADE_BELOW_PASSING, message)


def diagnose(
    lessons: Sequence[LessonOutline],
    states: Sequence[LessonState],
    statuses: Mapping[str, BlockStatus],
    grade: GradeData,
    lowest_cutoff: float | None,
    *,
    opens: Mapping[str, datetime] | None = None,
) -> list[RequirementData]:
    """Every unmet requirement, lesson by lesson in course order, then the grade.

    ``opens``: when each block not released yet opens (``release.opening_dates``).
    """
    opens = opens or {}
    unmet: list[RequirementData] = []
    titles = {lesson.chapter.usage_key: lesson.chapter.display_name or lesson.chapter.block_id for lesson in lessons}
    required_total = 0
    empty = BlockStatus()
    for lesson, state in zip(lessons, states, strict=True):
        chapter_opens = opens.get(lesson.chapter.usage_key)
        if chapter_opens is not None:
            message = _("Lesson '{title}' opens on {date}").format(
                title=titles[state.usage_key], date=format_opening(chapter_opens)
            )
            unmet.append(RequirementData(NOT_RELEASED, message, state.usage_key))
        elif state.locked:
            previous = titles.get(state.previous_key or "", _("the previous lesson"))
            message = _("Lesson '{title}' is locked until '{previous}' is complete").format(
                title=titles[state.usage_key], previous=previous
            )
            unmet.append(RequirementData(LESSON_LOCKED, message, state.usage_key))
        announced: set[str] = set()
        for block in lesson.blocks:
            sequential = lesson.sequential_of.get(block.usage_key)
            seq_key = sequential.usage_key if sequential is not None else None
            if chapter_opens is None and seq_key in opens and seq_key not in announced:
                announced.add(seq_key)
                name = sequential.display_name or sequential.block_id
                message = _("Section '{name}' opens on {date}").format(name=name, date=format_opening(opens[seq_key]))
                unmet.append(RequirementData(NOT_RELEASED, message, seq_key))
            required_total += is_required(block)
            requirement = block_requirement(block, statuses.get(block.usage_key, empty))
            if requirement is not None:
                unmet.append(requirement)
    if required_total == 0:
        unmet.append(RequirementData(COURSE_EMPTY, _("This course has no content to complete yet")))
    grade_unmet = grade_requirement(grade, lowest_cutoff)
    if grade_unmet is not None:
        unmet.append(grade_unmet)
    return unmet
