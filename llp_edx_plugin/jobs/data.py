"""Plain, immutable data the jobs domain hands to other domains and to the API."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PENDING = "pending"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
# A job in one of these states blocks a second job with the same inputs.
ACTIVE_STATUSES = (PENDING, RUNNING)


@dataclass(frozen=True)
class JobData:
    """A snapshot of a Job row: its inputs, status and progress counters."""

    id: int
    kind: str
    course_key: str | None
    requested_by_id: int | None
    status: str
    total: int
    done: int
    failed: int
    parameters: dict[str, Any]
    result: dict[str, Any]
    created: datetime
    started: datetime | None
    finished: datetime | None
    checkpoint: dict[str, Any] = field(default_factory=dict)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def percent(self) -> int:
        """Share of the items processed (done or failed), 0-100, for a progress bar."""
        if self.status == DONE:
            return 100
        if not self.total:
            return 0
        return min(100, (self.done + self.failed) * 100 // self.total)
