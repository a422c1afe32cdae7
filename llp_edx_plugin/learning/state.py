"""Reads and writes of BlockState rows (the XBlock user state, completion and best score of a learner).

Concurrency is the database's job: a handler call locks the learner's rows of the course with
``SELECT ... FOR UPDATE`` inside ``transaction.atomic`` before reading them, so concurrent reports of one
learner are applied one after the other and none is lost. A row that does not exist yet is inserted at the
end; when a concurrent request inserted it first, ``StateRace`` tells the caller to run again on top of it
(as openedx/completion does with ``IntegrityError``).
"""

import copy
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from ..keys import parse_course_key
from .models import BlockState

__all__ = ["StateRace", "StateRecord", "lock_course_states", "now", "read_course_states", "write_state"]


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


def _rows(user_id: int, course_key: str, *, lock: bool) -> dict[str, StateRecord]:
    queryset = BlockState.objects.filter(user_id=user_id, course_key=parse_course_key(course_key))
    if lock:
        queryset = queryset.select_for_update()
    rows = queryset.values(*_COLUMNS, key_text=Cast("usage_key", CharField()))
    return {
        row["key_text"]: StateRecord(
            usage_key=row["key_text"],
            block_type=row["block_type"],
            state=row["state"] if isinstance(row["state"], dict) else {},
            complete=row["complete"],
            score=row["score"],
            pk=row["pk"],
        )
        for row in rows
    }


def read_course_states(user_id: int, course_key: str) -> dict[str, StateRecord]:
    """The learner's rows of a course by usage key (one query, no lock)."""
    return _rows(user_id, course_key, lock=False)


def lock_course_states(user_id: int, course_key: str) -> dict[str, StateRecord]:
    """Like ``read_course_states``, locking the rows until the transaction ends (call inside ``atomic``)."""
    return _rows(user_id, course_key, lock=True)


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
