"""The course team resets a learner's attempts on a problem or quiz (Open edX's "Reset Student Attempts").

As Open edX: the attempts count goes back to 0, the score, best score and completion stay (a reset gives
attempts back, it takes nothing away). Each reset is kept in the history: who, when, which block, for whom,
and how many attempts had been used. Permission is the caller's (``accounts`` ``is_course_team``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from ..accounts import api as accounts_api
from ..courses import api as courses_api
from ..errors import FieldErrors, NotFound
from ..json_input import check_text
from ..keys import parse_course_key, parse_usage_key
from .data import QUIZ_TYPES
from .models import AttemptReset, BlockState

HISTORY_LIMIT = 50


@dataclass(frozen=True)
class AttemptResetData:
    course_key: str
    usage_key: str
    block_name: str
    username: str
    reset_by: str | None
    attempts_before: int
    created: datetime

    def as_json(self) -> dict:
        return {
            "course_key": self.course_key,
            "usage_key": self.usage_key,
            "block_name": self.block_name,
            "username": self.username,
            "reset_by": self.reset_by,
            "attempts_before": self.attempts_before,
            "attempts": 0,
            "reset_at": self.created,
        }


def _text(value: object, field: str, missing: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldErrors.single(field, missing)
    return check_text(value.strip(), field)


def scored_blocks(course_key: str) -> list[tuple[str, str]]:
    """(usage key, name) of the course's problems and quizzes whose attempts may be reset, in course order."""
    return [
        (block.usage_key, block.display_name or block.block_id)
        for block in courses_api.get_structure(course_key)
        if block.block_type in QUIZ_TYPES and block.supported
    ]


def reset_attempts(course_key: str, username: object, usage_key: object, *, actor_id: int | None) -> AttemptResetData:
    """Give a learner their attempts back on one problem or quiz of the course, and record it.

    ``NotFound`` for an unknown course; ``FieldErrors`` on ``username`` (unknown, not enrolled) or
    ``usage_key`` (not a problem or quiz of this course).
    """
    course = courses_api.get_course(course_key)
    username = _text(username, "username", "Give a username or an e-mail address.")
    usage_key = _text(usage_key, "usage_key", "Give the usage key of a problem or quiz.")
    try:
        learner = accounts_api.get_profile_by_username(username)
    except NotFound:
        raise FieldErrors.single("username", f"No learner '{username}'.") from None
    enrollment = courses_api.get_enrollment(course.course_key, learner.user_id)
    if enrollment is None:
        raise FieldErrors.single("username", f"'{learner.username}' is not enrolled in {course.course_key}.")
    names = dict(scored_blocks(course.course_key))
    if usage_key not in names:
        raise FieldErrors.single("usage_key", f"'{usage_key}' is not a problem or quiz of {course.course_key}.")
    key = parse_usage_key(usage_key)
    with transaction.atomic():
        row = BlockState.objects.select_for_update().filter(user_id=learner.user_id, usage_key=key).first()
        before = 0
        if row is not None:
            state = row.state if isinstance(row.state, dict) else {}
            try:
                before = max(0, int(state.get("attempts") or 0))
            except (TypeError, ValueError):
                before = 0
            row.state = {**state, "attempts": 0}
            row.save(update_fields=["state", "modified"])
        record = AttemptReset.objects.create(
            course_key=parse_course_key(course.course_key),
            usage_key=key,
            learner_id=learner.user_id,
            reset_by_id=actor_id,
            attempts_before=before,
        )
    reset_by = accounts_api.get_profile(actor_id).username if actor_id is not None else None
    return AttemptResetData(
        course_key=course.course_key,
        usage_key=usage_key,
        block_name=names[usage_key],
        username=learner.username,
        reset_by=reset_by,
        attempts_before=before,
        created=record.created,
    )


def reset_history(course_key: str, limit: int = HISTORY_LIMIT) -> list[AttemptResetData]:
    """The course's latest resets, newest first."""
    course = courses_api.get_course(course_key)
    names = dict(scored_blocks(course.course_key))
    rows = (
        AttemptReset.objects.filter(course_key=parse_course_key(course.course_key))
        .select_related("learner", "reset_by")
        .order_by("-created", "-pk")[:limit]
    )
    return [
        AttemptResetData(
            course_key=course.course_key,
            usage_key=str(row.usage_key),
            block_name=names.get(str(row.usage_key), str(row.usage_key).rsplit("@", 1)[-1]),
            username=row.learner.get_username(),
            reset_by=row.reset_by.get_username() if row.reset_by else None,
            attempts_before=row.attempts_before,
            created=row.created,
        )
        for row in rows
    ]
