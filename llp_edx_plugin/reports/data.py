"""Plain, immutable data the reports domain hands to its pages and the REST API."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReportData:
    """One report of Reports → History."""

    id: int
    kind: str  # "progress" | "certificates" | "company"
    kind_label: str
    course_key: str | None
    training: str  # the training's title, or "" for a company report
    company: str  # the company whose people the rows hold, or "" for everyone
    requested_by: str | None
    created: datetime
    finished: datetime | None
    status: str  # pending | running | done | failed
    percent: int
    rows: int | None
    error: str | None
    downloadable: bool
