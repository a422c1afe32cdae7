"""Where report files live: written row by row to a temporary file, then saved to Django storage."""

import secrets
import tempfile
from collections.abc import Iterable, Iterator

from django.core.files import File
from django.core.files.storage import default_storage

from ..csv_cells import BOM, csv_line
from ..errors import NotFound

FOLDER = "reports"
CHUNK = 64 * 1024


def save_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> tuple[str, int]:
    """Write a UTF-8 (with BOM) CSV of neutralised cells to storage; ``(storage path, number of rows)``.

    Rows are written as they come: the report never holds more than one row in memory.
    """
    count = 0
    with tempfile.TemporaryFile() as spool:
        spool.write((BOM + csv_line(header)).encode("utf-8"))
        for row in rows:
            spool.write(csv_line(row).encode("utf-8"))
            count += 1
        spool.seek(0)
        path = default_storage.save(f"{FOLDER}/{secrets.token_urlsafe(24)}.csv", File(spool))
    return path, count


def read_chunks(path: str) -> Iterator[bytes]:
    """A stored report's bytes, chunk by chunk (paths come from a job's result, never from a request)."""
    if not path.startswith(f"{FOLDER}/"):
        raise NotFound("No such report file.")
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError as exc:
        raise NotFound("This report's file was deleted.") from exc
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def delete(path: str) -> None:
    if path.startswith(f"{FOLDER}/"):
        default_storage.delete(path)
