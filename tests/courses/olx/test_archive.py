"""Archive safety: member names, links, limits and where course.xml may be (no database)."""

import io
import tarfile

import pytest

from llp_edx_plugin.courses.olx import archive
from llp_edx_plugin.errors import FieldErrors

from .archives import FIXTURES, build_export, member, tar_folder


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("course/course.xml", "course/course.xml"),
        ("./course/course.xml", "course/course.xml"),
        ("course//chapter/./a.xml", "course/chapter/a.xml"),
        ("course/x/../course.xml", "course/course.xml"),
        (".", ""),
    ],
)
def test_safe_member_names_are_normalized(name, expected):
    assert archive.normalize_member_name(name) == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../evil.xml", "path traversal"),
        ("course/../../evil.xml", "path traversal"),
        ("..", "path traversal"),
        ("/etc/passwd", "absolute path"),
        ("C:/Windows/evil.xml", "absolute path"),
        ("course\\..\\evil.xml", "unsafe entry name"),
        ("course/a\x00.xml", "unsafe entry name"),
        ("", "unsafe entry name"),
    ],
)
def test_unsafe_member_names_are_refused(name, message):
    with pytest.raises(FieldErrors) as error:
        archive.normalize_member_name(name)
    assert list(error.value.errors) == ["file"]
    assert message in error.value.errors["file"][0]


def _tar_bytes(*members: tuple) -> io.BytesIO:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for info, data in [member("course/course.xml", b"<course/>"), *members]:
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("link", "kind"),
    [
        ("chapter/a.xml", tarfile.SYMTYPE),
        ("../course.xml", tarfile.SYMTYPE),  # relative to course/static/: still inside
        ("course/course.xml", tarfile.LNKTYPE),
    ],
)
def test_links_inside_the_tree_are_skipped_not_followed(link, kind):
    files = archive.read_tar(_tar_bytes(member("course/static/link", kind=kind, linkname=link)))
    assert sorted(files) == ["course/course.xml"]


def test_only_olx_text_files_are_kept_in_memory(tmp_path):
    with build_export(tmp_path).open("rb") as handle:
        files = archive.read_tar(handle)
    assert "course/static/handout.txt" not in files
    assert "course/course.xml" in files
    assert "course/html/welcome_text.html" in files
    assert "course/policies/2026/grading_policy.json" in files


@pytest.mark.parametrize("wrapper", [None, "course", "my-export-2026"])
def test_course_xml_is_found_at_top_level_or_in_one_wrapper_folder(tmp_path, wrapper):
    path = tar_folder(FIXTURES / "inline", tmp_path / "x.tar.gz", wrapper=wrapper)
    with path.open("rb") as handle:
        files = archive.files_from_tar(handle)
    assert files.exists("course.xml")
    assert files.exists("course/2026.xml")


def test_course_xml_two_folders_down_is_not_found(tmp_path):
    path = tar_folder(FIXTURES / "inline", tmp_path / "x.tar.gz", wrapper="a/b")
    with path.open("rb") as handle, pytest.raises(FieldErrors, match=r"no course\.xml"):
        archive.files_from_tar(handle)


def test_a_folder_symlink_leaving_the_course_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.html"
    outside.write_text("<p>secret</p>")
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "course.xml").write_text("<course/>")
    (folder / "html").mkdir()
    (folder / "html" / "x.html").symlink_to(outside)
    files = archive.open_export(folder)
    with pytest.raises(FieldErrors, match="points outside of the course folder"):
        files.read_text("html/x.html")


@pytest.mark.parametrize("compression", ["gz", "bz2", "xz", ""])
def test_gzip_bzip2_xz_and_plain_tar_are_read(tmp_path, compression):
    path = tmp_path / "export.tar"
    with tarfile.open(path, f"w:{compression}" if compression else "w") as tar:
        tar.add(FIXTURES / "inline", arcname="course")
    with path.open("rb") as handle:
        files = archive.files_from_tar(handle)
    assert files.read_text("course.xml") == '<course url_name="2026" org="LLP" course="OLX102"/>\n'


def test_decompressed_data_is_bounded_even_outside_members(settings):
    """A huge GNU long name is header data, not a member: the decompressed-bytes bound still stops it."""
    settings.LLP_CERTIFICATES = {"OLX_MAX_TOTAL_BYTES": 1000, "OLX_MAX_MEMBERS": 5}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.GNU_FORMAT) as tar:
        info, data = member("course/" + "n" * 200_000 + ".xml", b"<x/>")
        tar.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    with pytest.raises(FieldErrors, match="expands to more data than the import limits allow"):
        archive.read_tar(buffer)


class _Reads(io.BytesIO):
    """A file whose reads are counted, to show what was read before a refusal."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def _lying_tar(declared: int, sent: int) -> bytes:
    """A plain tar whose member header declares ``declared`` bytes but carries only ``sent``."""
    info = tarfile.TarInfo("course/static/huge.mp4")
    info.size = declared
    return info.tobuf(format=tarfile.USTAR_FORMAT) + b"\0" * sent


def test_a_members_declared_size_is_refused_from_its_header_before_its_data_is_read(settings):
    settings.LLP_CERTIFICATES = {"OLX_MAX_TOTAL_BYTES": 1_000_000}
    upload = _Reads(_lying_tar(declared=5 * 1024**3, sent=100_000))

    with pytest.raises(FieldErrors, match="add up to more than the limit of 1000000 bytes"):
        archive.read_tar(upload)
    assert upload.bytes_read < 20_000  # the header and tarfile's read-ahead, not the member's 100 KB


def test_a_text_file_over_the_member_limit_is_refused_by_its_declared_size(settings):
    settings.LLP_CERTIFICATES = {"OLX_MAX_MEMBER_BYTES": 4000}
    info = tarfile.TarInfo("course/course.xml")
    info.size = 10 * 1024**2
    upload = _Reads(info.tobuf(format=tarfile.USTAR_FORMAT) + b"\0" * 100_000)

    with pytest.raises(FieldErrors, match=r"'course/course\.xml' is larger than the limit of 4000 bytes"):
        archive.read_tar(upload)
    assert upload.bytes_read < 20_000


def test_a_large_asset_is_skipped_not_refused_by_the_text_file_limit(settings):
    """Exports carry videos and images in static/: only the total bounds them; the member limit is for text read."""
    settings.LLP_CERTIFICATES = {"OLX_MAX_MEMBER_BYTES": 4000}
    files = archive.read_tar(_tar_bytes(member("course/static/intro.mp4", b"v" * 50_000)))
    assert sorted(files) == ["course/course.xml"]


def test_the_archive_cap_is_a_setting_of_200_mb_by_default(settings):
    """A real 92 MB export was refused by the old 50 MB cap."""
    settings.LLP_CERTIFICATES = {}
    assert archive.llp_setting("OLX_MAX_ARCHIVE_BYTES") == 200 * 1024 * 1024

    class NinetyTwoMegabytes(io.BytesIO):
        size = 92 * 1024 * 1024

    upload = NinetyTwoMegabytes(_tar_bytes().getvalue())
    assert sorted(archive.read_tar(upload)) == ["course/course.xml"]

    settings.LLP_CERTIFICATES = {"OLX_MAX_ARCHIVE_BYTES": 50 * 1024 * 1024}
    with pytest.raises(FieldErrors, match="archive is larger than the limit of 52428800 bytes"):
        archive.read_tar(NinetyTwoMegabytes(_tar_bytes().getvalue()))
