"""import_olx: the course, its settings and its block tree from real-format exports; re-import in place."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course, CourseBlock
from llp_edx_plugin.errors import FieldErrors
from llp_edx_plugin.learning.models import BlockState

from .archives import BAD_CASES, FIXTURES, build_export, course_folder, tar_folder

REFERENCED = "course-v1:LLP+OLX101+2026"
INLINE = "course-v1:LLP+OLX102+2026"
NO_DURATION = (
    "video 'welcome_video' has no duration (no duration attribute, no measurable local media file): "
    "set it on the course's Videos settings page before activating certificates."
)
pytestmark = pytest.mark.django_db


def _key(block_type: str, block_id: str, course: str = REFERENCED) -> str:
    return course.replace("course-v1:", "block-v1:") + f"+type@{block_type}+block@{block_id}"


def _tree(course_key: str) -> list[tuple]:
    """(depth, type, id, display name) of every block in course order."""
    blocks = courses_api.get_structure(course_key)
    depth = {}
    rows = []
    for block in blocks:
        depth[block.usage_key] = depth[block.parent] + 1 if block.parent else 0
        rows.append((depth[block.usage_key], block.block_type, block.block_id, block.display_name))
    return rows


def test_referenced_export_counts_blocks_per_type(tmp_path):
    report = courses_api.import_olx(build_export(tmp_path))

    assert report.course_key == REFERENCED
    assert report.created is True
    assert report.counts == {
        "chapter": 2,
        "sequential": 3,
        "vertical": 3,
        "drag-and-drop-v2": 1,
        "html": 1,
        "llp_quiz": 1,
        "llp_reading": 1,
        "llp_video": 1,
        "problem": 4,
        "video": 1,
    }
    assert report.unsupported == [{"type": "drag-and-drop-v2", "count": 1}]
    assert report.warnings == [NO_DURATION]  # a real export's <video> has none: the course team sets it
    assert CourseBlock.objects.filter(course__course_key=REFERENCED).count() == 18


def test_referenced_export_keeps_the_tree_in_order(tmp_path):
    courses_api.import_olx(build_export(tmp_path))

    assert _tree(REFERENCED) == [
        (0, "chapter", "intro_chapter", "Introduction"),
        (1, "sequential", "welcome_seq", "Welcome"),
        (2, "vertical", "welcome_unit", "Welcome unit"),
        (3, "html", "welcome_text", "Welcome text"),
        (3, "video", "welcome_video", "Welcome video"),
        (3, "llp_video", "intro_video", "Intro"),
        (3, "llp_reading", "reading_1", "Reading 1"),
        (0, "chapter", "practice_chapter", "Practice and exam"),  # display_name from policy.json
        (1, "sequential", "homework_seq", "Homework 1"),
        (2, "vertical", "hw_unit", "Homework unit"),
        (3, "problem", "mcq_1", "Multiple choice"),
        (3, "problem", "checkbox_1", "Checkboxes"),
        (3, "llp_quiz", "quiz_1", "Check 1"),
        (3, "drag-and-drop-v2", "dnd_1", "Sort the behaviours"),
        (1, "sequential", "exam_seq", "Final Exam"),
        (2, "vertical", "exam_unit", "Exam unit"),
        (3, "problem", "text_1", "Text input"),
        (3, "problem", "number_1", "Numerical input"),
    ]
    blocks = courses_api.get_structure(REFERENCED)
    assert [b.order for b in blocks] == list(range(18))
    assert blocks[4].usage_key == _key("video", "welcome_video")
    assert blocks[4].parent == _key("vertical", "welcome_unit")
    assert blocks[0].parent is None


def test_referenced_export_sets_pacing_dates_and_grading(tmp_path):
    courses_api.import_olx(build_export(tmp_path))

    course = courses_api.get_course(REFERENCED)
    assert course.title == "Leadership Basics"  # policy.json wins over the XML attribute
    assert course.kind == "online"
    assert course.self_paced is False
    assert course.start == datetime(2026, 1, 1, tzinfo=UTC)
    assert course.end == datetime(2026, 6, 30, 23, 59, 59, tzinfo=UTC)
    assert course.certificates_display_behavior == "early_with_info"
    assert course.certificate_available_date is None
    assert course.grading_policy.as_json() == {
        "assignment_types": [
            {"type": "Homework", "short_label": "HW", "weight": 0.4, "min_count": 2, "drop_count": 0},
            {"type": "Final Exam", "short_label": "Final", "weight": 0.6, "min_count": 1, "drop_count": 0},
        ],
        "grade_cutoffs": {"A": 0.9, "B": 0.8, "Pass": 0.6},
    }


def test_graded_sequentials_keep_their_assignment_type(tmp_path):
    courses_api.import_olx(build_export(tmp_path))

    sequentials = {b.block_id: b for b in courses_api.get_structure(REFERENCED) if b.block_type == "sequential"}
    assert {k: (b.graded, b.assignment_type) for k, b in sequentials.items()} == {
        "welcome_seq": (False, ""),
        "homework_seq": (True, "Homework"),
        "exam_seq": (True, "Final Exam"),
    }


def test_leaf_blocks_keep_their_fields_and_content(tmp_path):
    courses_api.import_olx(build_export(tmp_path))

    blocks = {b.block_id: b for b in courses_api.get_structure(REFERENCED)}
    assert blocks["intro_video"].fields == {"src": "https://cdn.example.com/intro.mp4", "duration": 250}
    assert blocks["reading_1"].content == "<p>Read <strong>this</strong> first.</p>"
    assert blocks["welcome_text"].content == (
        "<h2>Welcome</h2>\n<p>Glad you are here. Start with the <strong>introduction video</strong>.</p>"
    )
    assert blocks["quiz_1"].fields == {"pass_score": 0.7, "max_attempts": 3}
    assert blocks["quiz_1"].content.startswith('<question id="q1" correct="b">What does a leader do first?')
    assert '<choice id="b">Listen</choice>' in blocks["quiz_1"].content
    assert blocks["welcome_video"].fields["youtube_id_1_0"] == "3_yD_cEKoCk"
    assert blocks["welcome_video"].content == '<source src="https://media.example.com/welcome.mp4" />'
    assert blocks["dnd_1"].supported is False
    assert blocks["dnd_1"].fields == {"mode": "standard", "max_attempts": 0, "data": '{"items": []}'}


@pytest.mark.parametrize(
    ("block_id", "response_types"),
    [
        ("mcq_1", ["multiplechoiceresponse"]),
        ("checkbox_1", ["choiceresponse"]),
        ("text_1", ["stringresponse"]),
        ("number_1", ["numericalresponse"]),
    ],
)
def test_capa_problems_are_supported_with_their_xml(tmp_path, block_id, response_types):
    courses_api.import_olx(build_export(tmp_path))

    problem = next(b for b in courses_api.get_structure(REFERENCED) if b.block_id == block_id)
    assert problem.supported is True
    assert problem.fields["response_types"] == response_types
    assert problem.content.startswith("<problem ")
    assert problem.content.endswith("</problem>")
    assert f"<{response_types[0]}" in problem.content


def test_mcq_problem_keeps_its_attributes_as_numbers(tmp_path):
    courses_api.import_olx(build_export(tmp_path))

    problem = next(b for b in courses_api.get_structure(REFERENCED) if b.block_id == "mcq_1")
    assert problem.fields == {
        "max_attempts": 2,
        "weight": 1,
        "showanswer": "finished",
        "response_types": ["multiplechoiceresponse"],
        "inputs": 1,
        "graded": True,  # inherited from its graded sequential
    }
    assert '<choice correct="true">Servant leadership</choice>' in problem.content


def test_inline_export_with_unsupported_blocks(tmp_path):
    report = courses_api.import_olx(build_export(tmp_path, "inline"))

    assert report.course_key == INLINE
    assert report.counts == {
        "chapter": 2,
        "sequential": 2,
        "vertical": 2,
        "html": 2,
        "llp_quiz": 1,
        "llp_reading": 1,
        "llp_video": 1,
        "lti_consumer": 1,
        "problem": 2,
    }
    assert report.unsupported == [{"type": "lti_consumer", "count": 1}]  # a dropdown problem is gradable
    generated = next(b.block_id for b in courses_api.get_structure(INLINE) if b.display_name == "No url_name")
    assert report.warnings == [
        f"<html> at position 5 in 'lesson_2_unit' has no url_name: using '{generated}'.",
    ]
    assert generated.startswith("html_")


def test_inline_export_tree_settings_and_content(tmp_path):
    courses_api.import_olx(build_export(tmp_path, "inline"))

    assert [row[:3] for row in _tree(INLINE)] == [
        (0, "chapter", "lesson_1"),
        (1, "sequential", "lesson_1_seq"),
        (2, "vertical", "lesson_1_unit"),
        (3, "llp_video", "l1_video"),
        (3, "llp_reading", "l1_reading"),
        (3, "html", "l1_html"),
        (0, "chapter", "lesson_2"),
        (1, "sequential", "lesson_2_quiz"),
        (2, "vertical", "lesson_2_unit"),
        (3, "llp_quiz", "l2_quiz"),
        (3, "problem", "l2_mcq"),
        (3, "problem", "l2_dropdown"),
        (3, "lti_consumer", "l2_lti"),
        (3, "html", _tree(INLINE)[-1][2]),
    ]
    course = courses_api.get_course(INLINE)
    assert course.title == "Inline Course"
    assert course.self_paced is True
    assert course.start == datetime(2026, 2, 1, 9, tzinfo=UTC)
    assert course.end == datetime(2026, 12, 31, tzinfo=UTC)
    assert course.certificates_display_behavior == "end_with_date"
    assert course.certificate_available_date == datetime(2027, 1, 15, tzinfo=UTC)
    assert course.grading_policy.as_json() == {
        "assignment_types": [{"type": "Quiz", "short_label": "Q", "weight": 1.0, "min_count": 1, "drop_count": 0}],
        "grade_cutoffs": {"Pass": 0.7},
    }
    blocks = {b.block_id: b for b in courses_api.get_structure(INLINE)}
    assert blocks["l1_video"].fields == {"src": "https://cdn.example.com/l1.mp4", "duration": 95.5}
    assert blocks["l1_html"].content == '<p>Hello <a href="https://example.com">link</a></p>'
    assert blocks["l2_quiz"].content == (
        '<question id="q1" correct="yes"><choice id="yes">Yes</choice><choice id="no">No</choice></question>'
    )
    assert (blocks["l2_dropdown"].supported, blocks["l2_dropdown"].fields["response_types"]) == (
        True,
        ["optionresponse"],
    )
    assert (blocks["l2_lti"].supported, blocks["l2_lti"].fields["launch_url"]) == (
        False,
        "https://tool.example.com/launch",
    )


@pytest.mark.parametrize("layout", ["top_level", "wrapped"])
def test_an_extracted_folder_imports_like_its_archive(tmp_path, layout):
    folder = FIXTURES / "referenced"
    if layout == "wrapped":
        folder = course_folder(tmp_path / "outer", "referenced").parent  # outer/referenced-src/course.xml
    report = courses_api.import_olx(folder)
    assert report.course_key == REFERENCED
    assert report.counts["problem"] == 4


def test_an_uploaded_file_object_imports(tmp_path):
    upload = SimpleUploadedFile("export.tar.gz", build_export(tmp_path).read_bytes())
    report = courses_api.import_olx(upload)
    assert (report.course_key, report.created) == (REFERENCED, True)


def test_reimport_is_idempotent_and_keeps_learner_state(tmp_path):
    archive = build_export(tmp_path)
    courses_api.import_olx(archive)
    user = get_user_model().objects.create_user("learner1")
    video_key = _key("llp_video", "intro_video")
    BlockState.objects.create(
        user=user, course_key=REFERENCED, usage_key=video_key, block_type="llp_video",
        state={"watched": [[0, 120]]}, complete=False, score=None,
    )  # fmt: skip
    ids_before = dict(CourseBlock.objects.values_list("usage_key", "pk"))
    course_pk = Course.objects.get().pk

    report = courses_api.import_olx(archive)

    assert report.created is False
    assert Course.objects.count() == 1
    assert Course.objects.get().pk == course_pk
    assert dict(CourseBlock.objects.values_list("usage_key", "pk")) == ids_before
    state = BlockState.objects.get()
    assert (str(state.usage_key), state.state, state.complete) == (video_key, {"watched": [[0, 120]]}, False)


def test_reimport_updates_moves_adds_and_removes_blocks_in_place(tmp_path):
    courses_api.import_olx(build_export(tmp_path))
    ids_before = {str(k): pk for k, pk in CourseBlock.objects.values_list("usage_key", "pk")}
    changed = build_export(
        tmp_path,
        name="changed.tar.gz",
        edits={
            # welcome_unit loses its html and video, gains a new reading, and reorders the rest
            "vertical/welcome_unit.xml": (
                '<vertical display_name="Welcome unit v2"><llp_reading url_name="reading_1"/>'
                '<llp_reading url_name="reading_2" display_name="New reading"><p>New</p></llp_reading>'
                '<llp_video url_name="intro_video"/></vertical>'
            ),
            "llp_video/intro_video.xml": '<llp_video display_name="Intro v2" src="https://cdn/x.mp4" duration="300"/>',
            "policies/2026/policy.json": '{"course/2026": {"display_name": "Renamed", "self_paced": true}}',
        },
    )

    report = courses_api.import_olx(changed)

    assert report.created is False
    assert "html" not in report.counts
    assert "video" not in report.counts
    assert report.counts["llp_reading"] == 2
    after = {str(k): pk for k, pk in CourseBlock.objects.values_list("usage_key", "pk")}
    assert set(ids_before) - set(after) == {_key("html", "welcome_text"), _key("video", "welcome_video")}
    assert set(after) - set(ids_before) == {_key("llp_reading", "reading_2")}
    assert all(after[key] == ids_before[key] for key in after if key in ids_before)
    assert [row[2:] for row in _tree(REFERENCED)[:6]] == [
        ("intro_chapter", "Introduction"),
        ("welcome_seq", "Welcome"),
        ("welcome_unit", "Welcome unit v2"),
        ("reading_1", "Reading 1"),
        ("reading_2", "New reading"),
        ("intro_video", "Intro v2"),
    ]
    video = next(b for b in courses_api.get_structure(REFERENCED) if b.block_id == "intro_video")
    assert (video.order, video.fields["duration"]) == (5, 300)
    course = courses_api.get_course(REFERENCED)
    assert (course.title, course.self_paced) == ("Renamed", True)
    # Settings the new export does not state stay as they were.
    assert course.end == datetime(2026, 6, 30, 23, 59, 59, tzinfo=UTC)


def test_reimport_keeps_settings_the_export_does_not_manage(tmp_path):
    courses_api.import_olx(build_export(tmp_path))
    Course.objects.filter(course_key=REFERENCED).update(
        issues_certificates=False, certificates_active=True, certificate_template="modern"
    )
    courses_api.import_olx(build_export(tmp_path, name="again.tar.gz"))
    course = courses_api.get_course(REFERENCED)
    assert (course.issues_certificates, course.certificates_active, course.certificate_template) == (
        False,
        True,
        "modern",
    )


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_a_bad_export_changes_nothing(tmp_path, olx_limits, db_snapshot, case):
    courses_api.import_olx(build_export(tmp_path, name="good.tar.gz"))
    before = db_snapshot()
    bad = BAD_CASES[case]
    path = bad.build(tmp_path)
    olx_limits(bad.limits)

    with pytest.raises(FieldErrors) as error:
        courses_api.import_olx(path)

    assert list(error.value.errors) == ["file"]
    assert bad.message in error.value.errors["file"][0]
    assert db_snapshot() == before


def test_a_bad_block_late_in_the_export_leaves_no_partial_import(tmp_path, db_snapshot):
    before = db_snapshot()
    path = build_export(tmp_path, edits={"problem/number_1.xml": "<problem><numericalresponse></problem>"})
    with pytest.raises(FieldErrors, match="not well-formed"):
        courses_api.import_olx(path)
    assert db_snapshot() == before
    assert not Course.objects.filter(course_key=REFERENCED).exists()


def test_html_filename_may_carry_its_extension(tmp_path):
    path = build_export(tmp_path, edits={"html/welcome_text.xml": '<html filename="welcome_text.html"/>'})
    courses_api.import_olx(path)
    html = next(b for b in courses_api.get_structure(REFERENCED) if b.block_type == "html")
    assert html.content.startswith("<h2>Welcome</h2>")


def test_duplicate_url_names_are_renamed_with_a_warning(tmp_path):
    path = build_export(
        tmp_path,
        edits={
            "vertical/exam_unit.xml": '<vertical><problem url_name="text_1"/><problem url_name="text_1"/></vertical>'
        },
    )
    report = courses_api.import_olx(path)
    ids = [b.block_id for b in courses_api.get_structure(REFERENCED) if b.block_type == "problem"]
    assert ids == ["mcq_1", "checkbox_1", "text_1", "text_1_2"]
    assert report.warnings == [
        NO_DURATION,
        "<problem url_name='text_1'> is used twice: the second copy is 'text_1_2'.",
    ]


def test_tar_without_wrapper_folder_imports(tmp_path):
    path = tar_folder(FIXTURES / "inline", tmp_path / "flat.tar.gz", wrapper=None)
    assert courses_api.import_olx(path).course_key == INLINE


def test_reimport_changing_the_display_behavior_drops_a_stale_available_date(tmp_path):
    courses_api.import_olx(build_export(tmp_path, "inline"))  # end_with_date + 2027-01-15
    edited = (FIXTURES / "inline" / "course" / "2026.xml").read_text()
    edited = edited.replace(' certificates_display_behavior="end_with_date"', "")
    edited = edited.replace(' certificate_available_date="&quot;2027-01-15T00:00:00Z&quot;"', "")
    path = build_export(
        tmp_path,
        "inline",
        name="again.tar.gz",
        edits={
            "course/2026.xml": edited,
            "policies/2026/policy.json": '{"course/2026": {"certificates_display_behavior": "early_no_info"}}',
        },
    )

    courses_api.import_olx(path)

    course = courses_api.get_course(INLINE)
    assert (course.certificates_display_behavior, course.certificate_available_date) == ("early_no_info", None)
