"""Safe access to the files of a course export: a .tar.gz (path or uploaded file) or an extracted folder.

Nothing is ever extracted to disk. A tar archive is read once, sequentially; every member's header is
checked (name, type, declared size, count, running total) before its data is read, and only the OLX text
files (.xml, .html, .json) are read and kept in memory; other members (static assets) are skipped. A
folder is read in place, and no path may resolve outside of it.
"""

import bz2
import gzip
import lzma
import os
import posixpath
import re
import tarfile
import zlib
from pathlib import Path
from typing import BinaryIO

from ...conf import llp_setting
from ...errors import FieldErrors

# Only these files matter to the import; static assets and the rest are checked but not read.
TEXT_SUFFIXES = (".xml", ".html", ".json")
COURSE_FILE = "course.xml"
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def bad_file(message: str) -> FieldErrors:
    """The one error shape of a bad export: 400 ``{"errors": {"file": [message]}}``."""
    return FieldErrors.single("file", message)


class OlxFiles:
    """Read-only text files of an export, addressed by POSIX paths relative to the folder of course.xml."""

    def read_text(self, path: str) -> str | None:
        """The file's text, or None when there is no such file."""
        raise NotImplementedError

    def exists(self, path: str) -> bool:
        raise NotImplementedError


class MemoryFiles(OlxFiles):
    def __init__(self, files: dict[str, bytes]):
        self._files = files

    def exists(self, path: str) -> bool:
        return path in self._files

    def read_text(self, path: str) -> str | None:
        data = self._files.get(path)
        return None if data is None else _decode(data, path)


class FolderFiles(OlxFiles):
    def __init__(self, root: Path):
        self._root = root.resolve()

    def _resolve(self, path: str) -> Path | None:
        candidate = (self._root / path).resolve()
        if not candidate.is_relative_to(self._root):
            raise bad_file(f"'{path}' points outside of the course folder.")
        return candidate if candidate.is_file() else None

    def exists(self, path: str) -> bool:
        return self._resolve(path) is not None

    def read_text(self, path: str) -> str | None:
        resolved = self._resolve(path)
        if resolved is None:
            return None
        limit = llp_setting("OLX_MAX_MEMBER_BYTES")
        if resolved.stat().st_size > limit:
            raise bad_file(f"'{path}' is larger than the limit of {limit} bytes.")
        return _decode(resolved.read_bytes(), path)


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise bad_file(f"'{path}' is not UTF-8 text.") from exc


def normalize_member_name(name: str) -> str:
    """The member's path inside the archive; ``FieldErrors`` for absolute or escaping names."""
    if not name or "\x00" in name or "\\" in name:
        raise bad_file(f"The archive has an unsafe entry name: {name!r}.")
    if name.startswith("/") or _WINDOWS_DRIVE.match(name):
        raise bad_file(f"The archive has an entry with an absolute path: {name!r}.")
    normalized = posixpath.normpath(name)
    if normalized == ".." or normalized.startswith("../"):
        raise bad_file(f"The archive has an entry outside of its folder (path traversal): {name!r}.")
    return "" if normalized == "." else normalized


def _check_link(member: tarfile.TarInfo, name: str) -> None:
    """Refuse links whose target leaves the archive's tree (links inside it are simply not followed)."""
    target = member.linkname or ""
    if target.startswith("/") or _WINDOWS_DRIVE.match(target) or "\\" in target:
        raise bad_file(f"The archive has a link to an absolute path: {member.name!r} -> {target!r}.")
    # A symlink is relative to its own folder, a hard link to the archive root.
    base = posixpath.dirname(name) if member.issym() else ""
    resolved = posixpath.normpath(posixpath.join(base, target))
    if resolved == ".." or resolved.startswith("../"):
        raise bad_file(f"The archive has a link leaving its folder: {member.name!r} -> {target!r}.")


def _archive_size(fileobj: BinaryIO) -> int | None:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    try:
        position = fileobj.tell()
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(position)
    except (AttributeError, OSError):
        return None
    return size


class _LimitedReader:
    """Decompressed bytes of the archive, at most ``limit`` of them: a bound on all work, bombs included."""

    def __init__(self, raw: BinaryIO, limit: int):
        self._raw = raw
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size if size >= 0 else self._left + 1)
        self._left -= len(data)
        if self._left < 0:
            raise bad_file("The archive expands to more data than the import limits allow.")
        return data


def _decompressed(fileobj: BinaryIO) -> BinaryIO:
    """A reader of the tar stream inside gzip, bzip2 or xz (or a plain tar), chosen by the magic bytes."""
    head = fileobj.read(6)
    fileobj.seek(0)
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=fileobj, mode="rb")
    if head.startswith(b"BZh"):
        return bz2.BZ2File(fileobj, mode="rb")
    if head.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(fileobj, mode="rb")
    return fileobj


def read_tar(fileobj: BinaryIO) -> dict[str, bytes]:
    """Check every member of a (compressed) tar stream and return the OLX text files by normalized path."""
    max_archive = llp_setting("OLX_MAX_ARCHIVE_BYTES")
    size = _archive_size(fileobj)
    if size is not None and size > max_archive:
        raise bad_file(f"The archive is larger than the limit of {max_archive} bytes.")
    fileobj.seek(0)
    max_member = llp_setting("OLX_MAX_MEMBER_BYTES")
    max_total = llp_setting("OLX_MAX_TOTAL_BYTES")
    max_members = llp_setting("OLX_MAX_MEMBERS")
    files: dict[str, bytes] = {}
    count = total = 0
    try:
        # Headers (512 bytes each, more for long names) come on top of the members' data.
        stream = _LimitedReader(_decompressed(fileobj), max_total + (max_members + 1) * 4096)
        # Stream mode ("r|"): one sequential pass, no seeking back through the compressed data.
        with tarfile.open(fileobj=stream, mode="r|") as archive:
            for member in archive:
                count += 1
                if count > max_members:
                    raise bad_file(f"The archive has more than {max_members} entries.")
                name = normalize_member_name(member.name)
                if member.issym() or member.islnk():
                    _check_link(member, name)
                    continue
                if member.isdir():
                    continue
                if not member.isfile():
                    raise bad_file(f"The archive has an entry that is not a file or folder: {member.name!r}.")
                # The declared sizes decide before any data is read; assets (videos...) are skipped, never read.
                total += member.size
                if total > max_total:
                    raise bad_file(f"The archive's files add up to more than the limit of {max_total} bytes.")
                if name.endswith(TEXT_SUFFIXES):
                    if member.size > max_member:
                        raise bad_file(f"'{member.name}' is larger than the limit of {max_member} bytes.")
                    extracted = archive.extractfile(member)
                    files[name] = extracted.read(max_member + 1) if extracted else b""
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError, ValueError) as exc:
        raise bad_file("The file is not a valid course export (.tar.gz archive): it could not be read.") from exc
    return files


def _course_root(paths: list[str]) -> str:
    """The folder holding course.xml: the archive's top level, or its one wrapper folder."""
    candidates = sorted(p for p in paths if p == COURSE_FILE or (p.count("/") == 1 and p.endswith("/" + COURSE_FILE)))
    if not candidates:
        raise bad_file("The archive has no course.xml (at its top level or inside one folder).")
    if len(candidates) > 1:
        raise bad_file(f"The archive has more than one course.xml: {', '.join(candidates)}.")
    return posixpath.dirname(candidates[0])


def files_from_tar(fileobj: BinaryIO) -> OlxFiles:
    files = read_tar(fileobj)
    root = _course_root(list(files))
    if not root:
        return MemoryFiles(files)
    prefix = root + "/"
    return MemoryFiles({path[len(prefix) :]: data for path, data in files.items() if path.startswith(prefix)})


def files_from_folder(folder: Path) -> OlxFiles:
    if (folder / COURSE_FILE).is_file():
        return FolderFiles(folder)
    wrapped = [child for child in sorted(folder.iterdir()) if (child / COURSE_FILE).is_file()]
    if not wrapped:
        raise bad_file(f"No course.xml in '{folder}' (at its top level or inside one folder).")
    if len(wrapped) > 1:
        raise bad_file(f"More than one course.xml in '{folder}'.")
    return FolderFiles(wrapped[0])


def open_export(source: "str | Path | BinaryIO | None") -> OlxFiles:
    """The files of an export given as a folder, an archive path or an (uploaded) binary file object."""
    if source is None:
        raise bad_file("Upload a course export (.tar.gz).")
    if not isinstance(source, str | Path):
        return files_from_tar(source)
    path = Path(source)
    if path.is_dir():
        return files_from_folder(path)
    if not path.is_file():
        raise bad_file(f"No such file or folder: '{path}'.")
    with path.open("rb") as handle:
        return files_from_tar(handle)
