"""What Open edX expects of the llp_* blocks: custom completion, scoring (``max_score``, ``weight``, ``grade``
events), and a Studio form whose save validates (XBlock's test runtime; no plugin database)."""

import json

import pytest
from xblock.completable import XBlockCompletionMode

from tests.xblocks.conftest import call
from xblocks.llp_quiz.block import LlpQuizBlock
from xblocks.llp_reading.block import LlpReadingBlock
from xblocks.llp_video.block import LlpVideoBlock

QUIZ = """<question id="q1" correct="b" text="2 + 2?"><choice id="a">3</choice><choice id="b">4</choice></question>
<question id="q2" correct="a"><prompt>Capital of France?</prompt><choice id="a">Paris</choice>
<choice id="b">Rome</choice></question>"""
RIGHT = {"q1": "b", "q2": "a"}
ATTEMPTS_ERROR = "Maximum attempts: must be a whole number from 1 to 1000."


# -- completion ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", [LlpVideoBlock, LlpReadingBlock, LlpQuizBlock])
def test_blocks_complete_by_their_own_rule_not_by_the_lms_timer(cls):
    # Without has_custom_completion the LMS marks a completable block complete after a few seconds on screen
    # (and a scored one once submitted): "watched in full", "marked as read" and "passed" would not count.
    assert cls.has_custom_completion is True
    assert XBlockCompletionMode.get_mode(cls) == XBlockCompletionMode.COMPLETABLE


def test_a_reading_emits_completion_when_marked_as_read(make_block):
    block = make_block(LlpReadingBlock, data="<p>x</p>")
    assert block.runtime.events == []
    call(block, "complete", {})
    assert block.runtime.events == [("completion", {"completion": 1.0})]


def test_a_failed_quiz_submission_is_graded_but_not_complete(make_block):
    block = make_block(LlpQuizBlock, data=QUIZ)
    call(block, "submit", {"answers": {"q1": "a", "q2": "a"}})
    assert block.runtime.events == [("grade", {"value": 1, "max_value": 2})]


# -- scoring ------------------------------------------------------------------------------------------------
def test_max_score_is_one_point_per_question(make_block):
    assert make_block(LlpQuizBlock, data=QUIZ).max_score() == 2.0


@pytest.mark.parametrize("data", ["", "<question", "<p>no questions</p>"])
def test_max_score_of_a_quiz_without_readable_questions_is_zero(make_block, data):
    assert make_block(LlpQuizBlock, data=data).max_score() == 0.0


def test_weight_is_a_setting_unset_by_default(make_block):
    assert make_block(LlpQuizBlock, data=QUIZ).weight is None
    assert make_block(LlpQuizBlock, data=QUIZ, weight=5.0).weight == 5.0
    assert LlpQuizBlock.fields["weight"].scope.name == "settings"
    assert LlpQuizBlock.has_score is True


def test_the_grade_event_carries_the_best_score_so_far(make_block):
    # Open edX keeps the last grade event; the LLP quiz keeps its best: a worse retry must not lower it.
    block = make_block(LlpQuizBlock, data=QUIZ)
    call(block, "submit", {"answers": {"q1": "b"}})
    call(block, "submit", {"answers": RIGHT})
    call(block, "submit", {"answers": {"q1": "a"}})
    assert block.runtime.events == [
        ("grade", {"value": 1, "max_value": 2}),
        ("grade", {"value": 2, "max_value": 2}),
        ("completion", {"completion": 1.0}),
        ("grade", {"value": 2, "max_value": 2}),
    ]


# -- Studio -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cls", "fields", "shown"),
    [
        (LlpVideoBlock, {"src": "https://cdn.example.com/a.mp4", "duration": 120}, ["Video URL", "a.mp4", "120"]),
        (LlpReadingBlock, {"data": "<p>Read me</p>"}, ["Text (HTML)", "&lt;p&gt;Read me&lt;/p&gt;"]),
        (LlpQuizBlock, {"data": QUIZ, "pass_score": 0.5}, ["Pass score", "Problem weight", "Capital of France?"]),
    ],
)
def test_studio_view_renders_a_form_of_the_editable_fields(make_block, cls, fields, shown):
    fragment = make_block(cls, display_name="My block", **fields).studio_view({})
    html = fragment.body_html()
    for name in cls.editable_fields:
        assert f'data-field-name="{name}"' in html
    for text in ["My block", *shown]:
        assert text in html
    assert fragment.js_init_fn == "StudioEditableXBlockMixin"


def studio_save(block, values: dict, defaults: list | None = None) -> tuple[int, dict]:
    return call(block, "submit_studio_edits", {"values": values, "defaults": defaults or []})


def test_studio_saves_valid_quiz_settings(make_block):
    block = make_block(LlpQuizBlock, data=QUIZ, max_attempts=3)
    values = {"display_name": " Final check ", "pass_score": 0.8, "max_attempts": "2", "weight": 10, "data": QUIZ}
    assert studio_save(block, values) == (200, {"result": "success"})
    assert (block.display_name, block.pass_score, block.max_attempts, block.weight) == ("Final check", 0.8, 2, 10.0)


def test_studio_empty_optional_numbers_mean_unset(make_block):
    block = make_block(LlpQuizBlock, data=QUIZ, max_attempts=3, pass_score=0.5)
    assert studio_save(block, {"max_attempts": "", "pass_score": None}) == (200, {"result": "success"})
    assert (block.max_attempts, block.pass_score, block.attempts_left()) == (None, None, None)


def test_studio_defaults_reset_a_field(make_block):
    block = make_block(LlpVideoBlock, src="https://x.example/a.mp4", duration=60)
    assert studio_save(block, {}, defaults=["duration"]) == (200, {"result": "success"})
    assert block.duration is None


def test_studio_saves_video_and_reading(make_block):
    video = make_block(LlpVideoBlock)
    assert studio_save(video, {"src": "/static/intro.mp4", "duration": "90.5"})[0] == 200
    assert (video.src, video.duration) == ("/static/intro.mp4", 90.5)
    reading = make_block(LlpReadingBlock)
    assert studio_save(reading, {"data": "<p>New text</p>"})[0] == 200
    assert reading.data == "<p>New text</p>"


@pytest.mark.parametrize(
    ("cls", "values", "field", "message"),
    [
        (LlpQuizBlock, {"pass_score": 7}, "pass_score", "Pass score: must be a number from 0 to 1."),
        (LlpQuizBlock, {"pass_score": "abc"}, "pass_score", "Pass score: must be a number from 0 to 1."),
        (LlpQuizBlock, {"pass_score": True}, "pass_score", "Pass score: must be a number from 0 to 1."),
        (LlpQuizBlock, {"max_attempts": 1.5}, "max_attempts", ATTEMPTS_ERROR),
        (LlpQuizBlock, {"max_attempts": 0}, "max_attempts", ATTEMPTS_ERROR),
        (LlpQuizBlock, {"weight": -1}, "weight", "Problem weight: must be a number from 0 to 1000."),
        (LlpQuizBlock, {"weight": "NaN"}, "weight", "Problem weight: must be a number from 0 to 1000."),
        (LlpQuizBlock, {"display_name": "  "}, "display_name", "Display name: enter a name."),
        (LlpQuizBlock, {"display_name": 5}, "display_name", "Display name: enter a name."),
        (
            LlpQuizBlock,
            {"data": "<question"},
            "data",
            "Questions (OLX): The block's content is not valid XML:",
        ),
        (
            LlpQuizBlock,
            {"data": "<p>hello</p>"},
            "data",
            "Questions (OLX): add at least one <question> with its <choice> elements.",
        ),
        (
            LlpQuizBlock,
            {"data": '<question id="q1" correct="z"><choice id="a">A</choice><choice id="b">B</choice></question>'},
            "data",
            "Questions (OLX): question 'q1': correct must name its right choice id(s).",
        ),
        (
            LlpQuizBlock,
            {"data": '<question id="q1" correct="a"><choice id="a">A</choice></question>'},
            "data",
            "Questions (OLX): question 'q1' needs at least two choices with different ids.",
        ),
        (
            LlpQuizBlock,
            {"data": QUIZ + QUIZ},
            "data",
            "Questions (OLX): two questions have the id 'q1'.",
        ),
        (LlpQuizBlock, {"attempts": 0}, "attempts", "attempts: this field cannot be edited."),
        (LlpVideoBlock, {"src": "javascript:alert(1)"}, "src", "Video URL: an https:// address or a /static/ path"),
        (LlpVideoBlock, {"src": "//evil.example/x.mp4"}, "src", "Video URL: an https:// address or a /static/ path"),
        (LlpVideoBlock, {"src": ""}, "src", "Video URL: enter the video's address."),
        (LlpVideoBlock, {"duration": 0}, "duration", "Duration (seconds): must be a number from 1 to 86400."),
        (LlpVideoBlock, {"duration": [1]}, "duration", "Duration (seconds): must be a number from 1 to 86400."),
        (LlpReadingBlock, {"data": ""}, "data", "Text (HTML): enter the reading's text."),
        (LlpReadingBlock, {"data": {"p": 1}}, "data", "Text (HTML): enter the reading's text."),
    ],
)
def test_bad_studio_input_is_refused_with_a_clear_error_and_nothing_is_saved(make_block, cls, values, field, message):
    block = make_block(cls, display_name="Before", data=QUIZ if cls is LlpQuizBlock else "<p>x</p>")
    before = {name: block.fields[name].read_from(block) for name in cls.editable_fields}
    # a valid change sent together with the bad one is not saved either
    extra = {} if field == "display_name" else {"display_name": "After"}
    status, answer = studio_save(block, {**extra, **values})
    assert status == 400
    assert list(answer["error"]["field_errors"]) == [field]
    [text] = [m["text"] for m in answer["error"]["messages"] if m["type"] == "error"]
    assert text.startswith(message)
    assert {name: block.fields[name].read_from(block) for name in cls.editable_fields} == before


@pytest.mark.parametrize(
    "body",
    [[1], "x", {"values": [1]}, {"values": {}, "defaults": "display_name"}],
)
def test_a_malformed_studio_body_is_a_400(make_block, body):
    block = make_block(LlpQuizBlock, data=QUIZ)
    status, answer = call(block, "submit_studio_edits", body)
    assert status == 400
    assert answer["error"] == "The body must be an object: {values: {field: value}, defaults: [field, ...]}."


def test_studio_refuses_a_body_that_is_not_json(make_block):
    block = make_block(LlpQuizBlock, data=QUIZ)
    response_status, answer = call(block, "submit_studio_edits", b"{not json")
    assert response_status == 400
    assert "error" in answer


@pytest.mark.parametrize("cls", [LlpVideoBlock, LlpReadingBlock, LlpQuizBlock])
def test_every_editable_field_is_checked_before_it_is_saved(cls):
    assert all(callable(getattr(cls, f"clean_{name}", None)) for name in cls.editable_fields)
    assert json.dumps(cls.editable_fields)  # a plain tuple of names, as XBlock's form expects
