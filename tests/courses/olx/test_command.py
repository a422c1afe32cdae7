"""``manage.py import_olx PATH``: prints the report; a clear CommandError (never a traceback) on bad input."""

import io

import pytest
from django.core.management import CommandError, call_command

from llp_edx_plugin.courses.models import Course, CourseBlock

from .archives import BAD_CASES, FIXTURES, build_export

pytestmark = pytest.mark.django_db


def _run(path) -> str:
    out = io.StringIO()
    call_command("import_olx", str(path), stdout=out)
    return out.getvalue()


def test_command_imports_an_archive_and_prints_the_report(tmp_path):
    output = _run(build_export(tmp_path))

    assert output.splitlines() == [
        "Created course-v1:LLP+OLX101+2026",
        "Blocks:",
        "  chapter: 2",
        "  sequential: 3",
        "  vertical: 3",
        "  drag-and-drop-v2: 1",
        "  html: 1",
        "  llp_quiz: 1",
        "  llp_reading: 1",
        "  llp_video: 1",
        "  problem: 4",
        "  video: 1",
        "Unsupported (kept, not required):",
        "  drag-and-drop-v2: 1",
        "Warnings (1):",
        "  - video 'welcome_video' has no duration (no duration attribute, no measurable local media file): "
        "set it on the course's Videos settings page before activating certificates.",
    ]
    assert CourseBlock.objects.count() == 18


def test_command_imports_a_folder_and_reimports_in_place(tmp_path):
    first = _run(FIXTURES / "inline")
    second = _run(FIXTURES / "inline")

    assert first.startswith("Created course-v1:LLP+OLX102+2026\n")
    assert second.startswith("Updated course-v1:LLP+OLX102+2026\n")
    assert "Warnings (1):\n  - <html> at position 5 in 'lesson_2_unit' has no url_name" in second
    assert Course.objects.count() == 1
    assert CourseBlock.objects.count() == 14


def test_command_refuses_a_missing_path(tmp_path):
    with pytest.raises(CommandError, match="No such file or folder"):
        _run(tmp_path / "nope.tar.gz")


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_command_reports_a_bad_export_as_a_command_error(tmp_path, olx_limits, db_snapshot, case):
    _run(build_export(tmp_path, name="good.tar.gz"))
    before = db_snapshot()
    bad = BAD_CASES[case]
    path = bad.build(tmp_path)
    olx_limits(bad.limits)

    with pytest.raises(CommandError) as error:
        _run(path)

    assert str(error.value).startswith(f"Cannot import {path}: ")
    assert bad.message in str(error.value)
    assert db_snapshot() == before
