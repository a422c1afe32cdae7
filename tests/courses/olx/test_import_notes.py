"""The import report's notes: what each learner gets from branching blocks, and the LLP grade rule."""

import pytest
from django.core.management import call_command

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.olx.importer import NO_GRADED_CONTENT

from .archives import FIXTURES, course_folder

pytestmark = pytest.mark.django_db
SEQUENTIAL = "sequential/check_seq.xml"


def test_a_course_with_graded_problems_has_no_grade_note(tmp_path):
    report = courses_api.import_olx(course_folder(tmp_path, "branching"))
    assert NO_GRADED_CONTENT not in report.notes
    assert report.as_json()["notes"] == report.notes


@pytest.mark.parametrize(
    "edits",
    [
        # The sequential is not graded.
        {SEQUENTIAL: '<sequential display_name="Knowledge check">\n  <vertical url_name="check_unit"/>\n</sequential>'},
        # Graded, but with a format the grading policy does not have.
        {
            SEQUENTIAL: '<sequential display_name="Knowledge check" graded="true" format="Lab">\n'
            '  <vertical url_name="check_unit"/>\n</sequential>\n'
        },
        # No grading policy at all.
        {"policies/2026/grading_policy.json": None},
    ],
)
def test_a_course_without_graded_content_says_it_has_no_grade_requirement(tmp_path, edits):
    report = courses_api.import_olx(course_folder(tmp_path, "branching", edits))
    assert report.notes[-1] == NO_GRADED_CONTENT
    assert "no grade requirement" in NO_GRADED_CONTENT


def test_the_command_prints_the_notes(tmp_path, capsys):
    call_command("import_olx", str(course_folder(tmp_path, "branching")))
    out = capsys.readouterr().out
    assert "Notes:\n  - library_content '34a4d5e71d974c029cbde1956bd7c820': each learner gets 2 of its 6" in out
    assert (FIXTURES / "branching" / SEQUENTIAL).exists()
