"""Reads and writes of BlockState rows (the XBlock user state, completion and best score of a learner).

Concurrency is the database's job: a handler call locks the learner's rows of the course with
``SELECT ... FOR UPDATE`` inside ``transaction.atomic`` before reading them, so concurrent reports of one
learner are applied one after the other and none is lost. A row that does not exist yet is inserted at the
end; when a concurrent request inserted it first, ``StateRace`` tells the caller to run again on top of it
(as openedx/completion does with ``IntegrityError``).

One clock per learner: the lock also takes every video row of the learner in *any* course, so that reports on
different videos (of one course or several) are applied one after the other, each seeing when the learner's
previous video report was credited (``LearnerStates.last_video_report_at``). A video row that does not exist
yet cannot be missed harmfully: its first report credits nothing (it only starts that video's clock).
"""

import copy
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from ..compiled_queries import CompiledValues
from ..keys import parse_course_key
from .data import VIDEO_TYPES
from .models import BlockState

__all__ = [
    "LearnerStates",
    "StateRace",
    "StateRecord",
    "lock_course_states",
    "lock_learner_states",
    "now",
    "read_course_states",
    "write_state",
]


def now() -> datetime:
    """The learning clock (the one place tests move time)."""
    return timezone.now()


class StateRace(Exception):
    """A concurrent request created the same row first: run the whole call again."""


@dataclass
class StateRecord:
    """A working copy of one BlockState row; ``pk`` is None until the row exists."""

    usage_key: str
    block_type: str
    state: dict = field(default_factory=dict)
    complete: bool = False
    score: float | None = None
    pk: int | None = None
    _saved: tuple = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        self.mark_saved()

    def mark_saved(self) -> None:
        self._saved = (copy.deepcopy(self.state), self.complete, self.score)

    @property
    def dirty(self) -> bool:
        return (self.state, self.complete, self.score) != self._saved

    @property
    def progress_changed(self) -> bool:
        """Completion or score differ from the stored row (the course progress must be refreshed)."""
        return (self.complete, self.score) != self._saved[1:]


# The usage key comes back as text: parsing opaque keys costs more than the query on this hot path.
_COLUMNS = ("pk", "block_type", "state", "complete", "score")


def _record(row: dict) -> StateRecord:
    return StateRecord(
        usage_key=row["key_text"],
        block_type=row["block_type"],
        state=row["state"] if isinstance(row["state"], dict) else {},
        complete=row["complete"],
        score=row["score"],
        pk=row["pk"],
    )


def _rows(user_id: int, course_key: str, *, lock: bool) -> dict[str, StateRecord]:
    queryset = BlockState.objects.filter(user_id=user_id, course_key=parse_course_key(course_key))
    if lock:
        queryset = queryset.select_for_update()
    rows = queryset.values(*_COLUMNS, key_text=Cast("usage_key", CharField()))
    return {row["key_text"]: _record(row) for row in rows}


def read_course_states(user_id: int, course_key: str) -> dict[str, StateRecord]:
    """The learner's rows of a course by usage key (one query, no lock)."""
    return _rows(user_id, course_key, lock=False)


def lock_course_states(user_id: int, course_key: str) -> dict[str, StateRecord]:
    """Like ``read_course_states``, locking the rows until the transaction ends (call inside ``atomic``)."""
    return _rows(user_id, course_key, lock=True)


def _report_time(state: object) -> datetime | None:
    value = state.get("last_report_at") if isinstance(state, dict) else None
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass
class LearnerStates:
    """The learner's rows of one course, and their video rows elsewhere (for the one clock per learner)."""

    records: dict[str, StateRecord]
    other_video_reports: list[datetime] = field(default_factory=list)

    def last_video_report_at(self) -> datetime | None:
        """When any video report of the learner was last applied, in any course (None: never)."""
        times = [*self.other_video_reports]
        for record in self.records.values():
            if record.block_type in VIDEO_TYPES and (at := _report_time(record.state)) is not None:
                times.append(at)
        return max(times, default=None)


def _learner_rows(course_key: str, user_id: int):
    return (
        BlockState.objects.filter(
            Q(course_key=parse_course_key(course_key)) | Q(block_type__in=sorted(VIDEO_TYPES)), user_id=user_id
        )
        .select_for_update()
        .order_by("pk")  # one lock order for every request of the learner, whatever course: no deadlock
        .values(*_COLUMNS, key_text=Cast("usage_key", CharField()), course_text=Cast("course_key", CharField()))
    )


# Compiled once (every video report runs it, ADR 0035): the sentinels stand for the course key and the user id.
_LEARNER_ROWS = CompiledValues(_learner_rows, course_key="course-v1:LLP+SENTINEL+0", user_id=-987654321)


def lock_learner_states(user_id: int, course_key: str) -> LearnerStates:
    """Lock the learner's rows of the course and their video rows of every course (one query, inside ``atomic``)."""
    key = parse_course_key(course_key)
    rows = _LEARNER_ROWS.rows(course_key=str(key), user_id=user_id)
    course_text = str(key)
    learner = LearnerStates(records={})
    for row in rows:
        if row["course_text"] == course_text:
            learner.records[row["key_text"]] = _record(row)
        elif (at := _report_time(row["state"])) is not None:
            learner.other_video_reports.append(at)
    return learner


def write_state(user_id: int, course_key: str, record: StateRecord) -> None:
    """Store a changed record: one UPDATE of the changed columns, or one INSERT (``StateRace`` on a clash)."""
    if not record.dirty:
        return
    if record.pk is None:
        try:
            row = BlockState.objects.create(
                user_id=user_id,
                course_key=parse_course_key(course_key),
                usage_key=record.usage_key,
                block_type=record.block_type,
                state=record.state,
                complete=record.complete,
                score=record.score,
            )
        except IntegrityError as exc:  # the concurrent request's row wins; the caller re-applies on top
            raise StateRace(record.usage_key) from exc
        record.pk = row.pk
    else:
        BlockState.objects.filter(pk=record.pk).update(
            state=record.state, complete=record.complete, score=record.score, modified=timezone.now()
        )
    record.mark_saved()
