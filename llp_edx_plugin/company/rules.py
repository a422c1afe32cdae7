"""Pure rules of the company domain: filters, training states and ZIP entry names (tested by tables)."""

import re
import unicodedata
from collections.abc import Iterable, Iterator

# Certificate states a Company Admin filters by; "none" is a training without a certificate record yet.
STATUS_FILTERS = ("downloadable", "generating", "notpassing", "invalidated", "error", "none")
MAX_SEARCH = 100
MAX_ASSIGN = 500
_UNSAFE = re.compile(r"[^\w.-]+")


def clean_filters(*, search: object = "", course_key: object = None, status: object = None) -> dict[str, list[str]]:
    """Field errors of the list filters (empty when they are fine)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(search, str) or len(search) > MAX_SEARCH:
        errors["search"] = [f"At most {MAX_SEARCH} characters."]
    if status not in (None, "") and status not in STATUS_FILTERS:
        errors["status"] = [f"Must be one of: {', '.join(STATUS_FILTERS)}."]
    if course_key is not None and not isinstance(course_key, str):
        errors["course_key"] = ["Give a course key."]
    return errors


def matches_status(certificate_status: str | None, wanted: str | None) -> bool:
    """Whether a training's certificate state passes the status filter (None or "" passes everything)."""
    if not wanted:
        return True
    if wanted == "none":
        return certificate_status is None
    return certificate_status == wanted


def file_part(text: str, fallback: str) -> str:
    """A safe ZIP path segment: accents folded, anything but letters, digits, '.', '-' and '_' turned to '-'."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    part = _UNSAFE.sub("-", folded).strip("-.")[:80]
    return part or fallback


def unique_entry_names(pairs: "Iterable[tuple[str, str]]") -> "Iterator[str]":
    """``employee-name/training-title.pdf`` for each (employee name, training title), made unique in order;
    lazy: a ZIP streams its entries as they come (only the names seen so far are kept)."""
    seen: dict[str, int] = {}
    for employee, training in pairs:
        base = f"{file_part(employee, 'employee')}/{file_part(training, 'training')}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        yield f"{base}.pdf" if count == 0 else f"{base}-{count + 1}.pdf"


def zip_entry_names(pairs: "Iterable[tuple[str, str]]") -> list[str]:
    """``unique_entry_names`` as a list."""
    return list(unique_entry_names(pairs))
