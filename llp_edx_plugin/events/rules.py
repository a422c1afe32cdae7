"""Pure decisions of the events domain, over plain values (table-tested): when attendance may be marked,
how a CSV cell reads as present or absent, how an upload's rows parse, and the order of the events home.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_CSV_ROWS = 5000
PRESENT_WORDS = frozenset({"true", "1", "yes", "present", "y"})
ABSENT_WORDS = frozenset({"false", "0", "no", "absent", "n"})
HEADER_WORDS = frozenset({"username", "email", "e-mail"})
HEADER_VALUE_WORDS = frozenset({"present", "attendance", "attended", "status"})
BAD_VALUE = "Bad value: use true/false, 1/0, yes/no or present/absent."

UPCOMING, IN_PROGRESS, ENDED = "upcoming", "in_progress", "ended"


def local_time(moment: datetime, time_zone: str) -> str:
    """``2026-12-01 09:00 Europe/Madrid``: a moment as the event's own clock shows it."""
    try:
        zone = ZoneInfo(time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} {zone.key}"


def marking_refusal(start: datetime | None, time_zone: str, now: datetime) -> str | None:
    """Why attendance may not be marked now (the message names the start time), or None when it may."""
    if start is None:
        return "The event has no start time yet: set it in the course settings before marking attendance."
    if now < start:
        return (
            f"The event has not started yet: attendance can be marked from {local_time(start, time_zone)} "
            f"({start.isoformat()})."
        )
    return None


def parse_present(value: object) -> bool | None:
    """A present/absent cell or JSON value: True, False, or None when it is neither."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    word = value.strip().lower()
    if word in PRESENT_WORDS:
        return True
    if word in ABSENT_WORDS:
        return False
    return None


@dataclass(frozen=True)
class CsvRow:
    """One data row of an attendance upload: ``present`` is None when its value is bad."""

    row: int  # 1-based line number in the file
    identifier: str  # username or e-mail address, as written
    present: bool | None
    raw_value: str


class CsvTooLarge(ValueError):
    """More rows than ``MAX_CSV_ROWS``."""


def parse_attendance_csv(text: str) -> list[CsvRow]:
    """The data rows of ``username,present`` (or ``email,present``) text; an optional header row is skipped.

    Blank lines are ignored; a row without a value has ``present=None`` (a bad value).
    """
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not cells or not "".join(cells).strip():
            continue
        identifier = cells[0].strip().lstrip("\ufeff")
        raw = cells[1].strip() if len(cells) > 1 else ""
        header_value = raw.lower() in HEADER_VALUE_WORDS or parse_present(raw) is None
        if not rows and identifier.lower() in HEADER_WORDS and header_value:
            continue
        rows.append(CsvRow(row=number, identifier=identifier, present=parse_present(raw), raw_value=raw))
        if len(rows) > MAX_CSV_ROWS:
            raise CsvTooLarge(f"At most {MAX_CSV_ROWS} rows per file.")
    return rows


def phase(start: datetime | None, end: datetime | None, now: datetime) -> str:
    """Upcoming before the start (or with no start), in progress until the end, then ended."""
    if start is None or now < start:
        return UPCOMING
    if end is None or now < end:
        return IN_PROGRESS
    return ENDED


def home_order_key(phase_name: str, unmarked: int, start: datetime | None) -> tuple:
    """Order of the events home: in progress, then ended with learners still unmarked, then upcoming (soonest
    first), then ended and fully marked (most recent first)."""
    moment = start.timestamp() if start else float("inf")
    if phase_name == IN_PROGRESS:
        return (0, moment)
    if phase_name == ENDED and unmarked:
        return (1, -moment)
    if phase_name == UPCOMING:
        return (2, moment)
    return (3, -moment)
