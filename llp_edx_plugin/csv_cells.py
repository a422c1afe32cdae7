"""Cells of every CSV the project writes or echoes back: neutralised against CSV (formula) injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some read tab and CR the same
way) as a formula: such a cell is prefixed with a single quote, so it shows as the text it is (OWASP).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

from .errors import FieldErrors

__all__ = ["BOM", "FORMULA_PREFIXES", "MAX_CSV_BYTES", "csv_line", "csv_lines", "iso", "neutralise", "read_csv_upload"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # UTF-8 with BOM: spreadsheets then open accents right
# The largest CSV anyone uploads (attendance, exceptions): a few thousand rows.
MAX_CSV_BYTES = 2 * 1024 * 1024


def neutralise(value: object) -> str:
    """The cell as text, prefixed with ``'`` when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def iso(moment: datetime | None) -> str:
    """ISO 8601 with the zone (empty for no date)."""
    return moment.isoformat() if moment is not None else ""


def csv_line(cells: Iterable[object]) -> str:
    """One CSV line of neutralised cells."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()


def csv_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """CSV lines of many rows, one at a time."""
    for row in rows:
        yield csv_line(row)


def read_csv_upload(upload: object, what: str = "rows") -> str:
    """The text of an uploaded CSV file (UTF-8, a BOM allowed); ``FieldErrors`` on ``file`` otherwise."""
    if upload is None:
        raise FieldErrors.single("file", f"Upload a CSV file of {what}.")
    if upload.size > MAX_CSV_BYTES:
        raise FieldErrors.single("file", f"The file may be at most {MAX_CSV_BYTES // (1024 * 1024)} MB.")
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FieldErrors.single("file", "The file must be UTF-8 text (CSV).") from None
