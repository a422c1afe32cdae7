"""Build course export archives for the tests: good ones from tests/fixtures/olx, and broken ones."""

import io
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "olx"
WORLD_COURSE_XML = '<course url_name="2026" org="LLP" course="LEAD101"/>\n'


def course_folder(tmp_path: Path, fixture: str, edits: dict[str, "str | bytes | None"] | None = None) -> Path:
    """A copy of a fixture export with files replaced (str/bytes) or removed (None)."""
    folder = tmp_path / f"{fixture}-src"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = tmp_path / f"{fixture}-src{suffix}"
    shutil.copytree(FIXTURES / fixture, folder)
    for relative, content in (edits or {}).items():
        target = folder / relative
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    return folder


def tar_folder(
    folder: Path,
    destination: Path,
    *,
    wrapper: str | None = "course",
    extra: "list[tuple[tarfile.TarInfo, bytes]] | None" = None,
) -> Path:
    """A .tar.gz of ``folder`` wrapped in one top folder, as Open edX exports are, plus raw extra members."""
    with tarfile.open(destination, "w:gz") as archive:
        archive.add(folder, arcname=wrapper or ".")
        for info, data in extra or []:
            archive.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return destination


def member(name: str, data: bytes = b"", *, kind: bytes = tarfile.REGTYPE, linkname: str = "") -> tuple:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def build_export(
    tmp_path: Path, fixture: str = "referenced", *, name: str = "export.tar.gz", edits: dict | None = None
) -> Path:
    """An archive of a fixture (wrapped in ``course/``); ``edits`` as for ``course_folder``."""
    return tar_folder(course_folder(tmp_path, fixture, edits), tmp_path / name)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<course display_name="&lol3;"><chapter url_name="intro_chapter"/></course>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE chapter [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<chapter display_name="&xxe;"><sequential url_name="welcome_seq"/></chapter>
"""


@dataclass(frozen=True)
class BadCase:
    """A broken export of the ``referenced`` fixture (course-v1:LLP+OLX101+2026) and the message it must give."""

    build: Callable[[Path], Path]
    message: str
    limits: dict = field(default_factory=dict)


def _raw(data: bytes) -> Callable[[Path], Path]:
    def build(tmp_path: Path) -> Path:
        path = tmp_path / "bad.tar.gz"
        path.write_bytes(data)
        return path

    return build


def _truncated(tmp_path: Path) -> Path:
    good = build_export(tmp_path, name="good.tar.gz")
    path = tmp_path / "bad.tar.gz"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def _with_members(*members: tuple) -> Callable[[Path], Path]:
    def build(tmp_path: Path) -> Path:
        return tar_folder(course_folder(tmp_path, "referenced"), tmp_path / "bad.tar.gz", extra=list(members))

    return build


def _edited(edits: dict | None = None) -> Callable[[Path], Path]:
    return lambda tmp_path: build_export(tmp_path, name="bad.tar.gz", edits=edits)


def _two_courses(tmp_path: Path) -> Path:
    path = tmp_path / "bad.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        archive.add(FIXTURES / "referenced", arcname="one")
        archive.add(FIXTURES / "inline", arcname="two")
    return path


BAD_CASES: dict[str, BadCase] = {
    "not_an_archive": BadCase(_raw(b"this is not a tar.gz at all\n" * 20), "not a valid course export"),
    "empty_file": BadCase(_raw(b""), "not a valid course export"),
    "truncated_gzip": BadCase(_truncated, "not a valid course export"),
    "path_traversal": BadCase(_with_members(member("course/../../evil.xml", b"<x/>")), "path traversal"),
    "absolute_path": BadCase(_with_members(member("/tmp/evil.xml", b"<x/>")), "absolute path"),
    "symlink_out": BadCase(
        _with_members(member("course/static/passwd", kind=tarfile.SYMTYPE, linkname="../../../etc/passwd")),
        "link leaving its folder",
    ),
    "symlink_absolute": BadCase(
        _with_members(member("course/static/passwd", kind=tarfile.SYMTYPE, linkname="/etc/passwd")),
        "link to an absolute path",
    ),
    "hardlink_out": BadCase(
        _with_members(member("course/static/x", kind=tarfile.LNKTYPE, linkname="../outside")),
        "link leaving its folder",
    ),
    "device_member": BadCase(
        _with_members(member("course/static/fifo", kind=tarfile.FIFOTYPE)), "not a file or folder"
    ),
    "member_too_big": BadCase(
        _with_members(member("course/html/big.html", b"x" * 5000)),
        "'course/html/big.html' is larger than the limit of 4000 bytes",
        {"OLX_MAX_MEMBER_BYTES": 4000},
    ),
    "too_many_members": BadCase(_edited(), "more than 10 entries", {"OLX_MAX_MEMBERS": 10}),
    "total_too_big": BadCase(_edited(), "add up to more than the limit of 3000 bytes", {"OLX_MAX_TOTAL_BYTES": 3000}),
    "archive_too_big": BadCase(
        _edited(), "archive is larger than the limit of 200 bytes", {"OLX_MAX_ARCHIVE_BYTES": 200}
    ),
    "no_course_xml": BadCase(_edited({"course.xml": None}), "no course.xml"),
    "two_course_xml": BadCase(_two_courses, "more than one course.xml"),
    "malformed_xml": BadCase(
        _edited({"vertical/hw_unit.xml": "<vertical><problem url_name='mcq_1'></vertical>"}),
        "'vertical/hw_unit.xml' is not well-formed XML",
    ),
    "billion_laughs": BadCase(_edited({"course/2026.xml": BILLION_LAUGHS}), "'course/2026.xml' declares a DTD"),
    "xxe": BadCase(_edited({"chapter/intro_chapter.xml": XXE}), "'chapter/intro_chapter.xml' declares a DTD"),
    "bad_course_key": BadCase(
        _edited({"course.xml": '<course url_name="2026" org="Bad Org!" course="OLX101"/>'}), "valid course key"
    ),
    "missing_reference": BadCase(
        _edited({"sequential/exam_seq.xml": None}), "refers to 'sequential/exam_seq.xml', which is missing"
    ),
    "reference_cycle": BadCase(
        _edited(
            {"vertical/exam_unit.xml": '<vertical display_name="Loop"><vertical url_name="exam_unit"/></vertical>'}
        ),
        "nested too deeply",
    ),
    "bad_policy_json": BadCase(_edited({"policies/2026/policy.json": "{not json"}), "is not valid JSON"),
    "not_utf8": BadCase(
        _edited({"html/welcome_text.html": b"<p>caf\xe9</p>"}), "'html/welcome_text.html' is not UTF-8"
    ),
}
