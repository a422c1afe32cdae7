"""Import an Open edX course export (.tar.gz or folder) into Course + CourseBlock rows."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class ImportReport:
    course_key: str
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    unsupported: list[dict] = field(default_factory=list)  # [{"type": ..., "count": ...}]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"counts": dict(self.counts), "unsupported": list(self.unsupported), "warnings": list(self.warnings)}


def import_olx(source: "str | Path | BinaryIO") -> ImportReport:
    """Import (or re-import in place) a course export; ``FieldErrors`` on a bad archive, nothing changed."""
    raise NotImplementedError
