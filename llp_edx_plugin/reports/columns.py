"""The columns of the reports and how one learner's facts become one row (pure; tested by tables).

The progress report's columns are CONTRACT.md's, exactly and in order; live events add attendance after them.
Every cell is text: dates in ISO 8601 with their zone, grades as percents, yes/no for booleans.
"""

from dataclasses import dataclass
from datetime import datetime

from ..csv_cells import iso

PROGRESS_COLUMNS = (
    "Username",
    "Full name",
    "Email",
    "Company",
    "Enrolled at",
    "Progress percent",
    "Completed",
    "Grade",
    "Passed",
    "Certificate status",
    "Certificate issued date",
    "Certificate download date",
)
EVENT_COLUMNS = ("Attendance", "Attendance marked at")
CERTIFICATE_COLUMNS = (
    "Username",
    "Full name",
    "Email",
    "Company",
    "Training",
    "Course key",
    "Certificate status",
    "Certificate issued date",
    "First download date",
    "Last download date",
    "Download count",
    "Verify URL",
)
COMPANY_COLUMNS = ("Training", "Course key", "Kind", *PROGRESS_COLUMNS)


@dataclass(frozen=True)
class LearnerFacts:
    """What a progress row tells about one enrolled learner."""

    username: str
    full_name: str
    email: str
    company: str
    enrolled_at: datetime | None
    progress_percent: int
    completed: bool
    grade: float | None  # 0..1 as Open edX; None when never graded
    passed: bool
    certificate_status: str | None
    issued_at: datetime | None
    first_downloaded_at: datetime | None  # the holder's first download (DESIGN.md §2)
    attendance: bool | None = None  # live events: None while not marked
    attendance_marked_at: datetime | None = None


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def grade_percent(grade: float | None) -> str:
    """``92%`` (Open edX rounds the 0..1 grade to two decimals first), empty when never graded."""
    return "" if grade is None else f"{round(grade * 100)}%"


def attendance_text(present: bool | None) -> str:
    return "Not marked" if present is None else ("Present" if present else "Absent")


def progress_row(facts: LearnerFacts, *, live_event: bool = False) -> list[str]:
    """One row of the progress report (with the attendance columns for a live event)."""
    row = [
        facts.username,
        facts.full_name,
        facts.email,
        facts.company,
        iso(facts.enrolled_at),
        str(facts.progress_percent),
        yes_no(facts.completed),
        grade_percent(facts.grade),
        yes_no(facts.passed),
        facts.certificate_status or "",
        iso(facts.issued_at) if facts.certificate_status else "",
        iso(facts.first_downloaded_at) if facts.certificate_status else "",
    ]
    if live_event:
        row += [attendance_text(facts.attendance), iso(facts.attendance_marked_at)]
    return row
