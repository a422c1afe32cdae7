"""Plain, immutable data the events domain hands to other domains, the REST API and the pages."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AttendanceData:
    username: str
    course_key: str
    present: bool | None  # None: not marked yet
    marked_at: datetime | None
    marked_by: str | None
    changed: bool  # whether this call changed the mark


@dataclass(frozen=True)
class RosterEntry:
    """One registered learner of a live event, with their attendance."""

    user_id: int
    username: str
    full_name: str
    email: str
    company: str | None
    registered_at: datetime
    present: bool | None
    marked_at: datetime | None
    marked_by: str | None


@dataclass(frozen=True)
class HistoryEntry:
    username: str
    previous: bool | None
    present: bool
    changed_at: datetime
    changed_by: str | None


@dataclass(frozen=True)
class EventSummary:
    """A live event on the attendance administrator's home, with its counts."""

    course_key: str
    title: str
    start: datetime | None
    end: datetime | None
    time_zone: str
    location: str
    phase: str  # "upcoming" | "in_progress" | "ended"
    registered: int
    present: int
    absent: int

    @property
    def unmarked(self) -> int:
        return self.registered - self.present - self.absent
