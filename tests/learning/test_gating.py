"""Lesson gating, by table: lesson N+1 is locked until every required block of lesson N is complete."""

import pytest

from llp_edx_plugin.courses.data import BlockData
from llp_edx_plugin.learning.gating import LessonState, is_required, lesson_states, outline, required_before

LESSONS = [("w1", ["a", "b"]), ("w2", ["c"]), ("w3", ["d"])]


@pytest.mark.parametrize(
    ("complete", "expected"),
    [
        (
            set(),
            [
                LessonState("w1", False, False),
                LessonState("w2", False, True, "w1"),
                LessonState("w3", False, True, "w2"),
            ],
        ),
        (
            {"a"},
            [
                LessonState("w1", False, False),
                LessonState("w2", False, True, "w1"),
                LessonState("w3", False, True, "w2"),
            ],
        ),
        (
            {"a", "b"},
            [LessonState("w1", True, False), LessonState("w2", False, False), LessonState("w3", False, True, "w2")],
        ),
        (
            {"a", "b", "c"},
            [LessonState("w1", True, False), LessonState("w2", True, False), LessonState("w3", False, False)],
        ),
        (
            {"a", "b", "c", "d"},
            [LessonState("w1", True, False), LessonState("w2", True, False), LessonState("w3", True, False)],
        ),
        # Lesson 2 done but lesson 1 not (e.g. a block added to lesson 1 by a re-import): 2 and 3 stay locked.
        (
            {"a", "c", "d"},
            [LessonState("w1", False, False), LessonState("w2", True, True, "w1"), LessonState("w3", True, True, "w2")],
        ),
    ],
)
def test_lesson_states(complete, expected):
    assert lesson_states(LESSONS, complete) == expected


def test_a_lesson_without_required_blocks_is_complete_and_does_not_block():
    states = lesson_states([("intro", []), ("w1", ["a"]), ("w2", ["b"])], set())
    assert [(s.complete, s.locked) for s in states] == [(True, False), (False, False), (False, True)]


@pytest.mark.parametrize(
    ("lesson", "expected"),
    [("w1", []), ("w2", ["a", "b"]), ("w3", ["a", "b", "c"]), ("nope", None)],
)
def test_required_before(lesson, expected):
    assert required_before(LESSONS, lesson) == expected


def block(block_type: str, block_id: str, parent: str | None, *, supported: bool = True) -> BlockData:
    key = f"block-v1:O+C+R+type@{block_type}+block@{block_id}"
    return BlockData(
        usage_key=key,
        block_type=block_type,
        block_id=block_id,
        parent=parent,
        order=0,
        display_name=block_id,
        graded=False,
        assignment_type="",
        supported=supported,
    )


@pytest.mark.parametrize(
    ("block_type", "supported", "expected"),
    [
        ("course", True, False),
        ("chapter", True, False),
        ("sequential", True, False),
        ("vertical", True, False),
        ("llp_video", True, True),
        ("video", True, True),
        ("llp_reading", True, True),
        ("html", True, True),
        ("llp_quiz", True, True),
        ("problem", True, True),
        ("problem", False, False),  # a CAPA problem of an unsupported response type
        ("lti_consumer", False, False),
    ],
)
def test_required_blocks_are_supported_leaves(block_type, supported, expected):
    assert is_required(block(block_type, "x", None, supported=supported)) is expected


def test_outline_groups_leaves_by_chapter_in_order():
    course = block("course", "course", None)
    ch1 = block("chapter", "ch1", course.usage_key)
    seq1 = block("sequential", "seq1", ch1.usage_key)
    v1 = block("vertical", "v1", seq1.usage_key)
    intro = block("llp_video", "intro", v1.usage_key)
    lti = block("lti_consumer", "lti", v1.usage_key, supported=False)
    ch2 = block("chapter", "ch2", course.usage_key)
    seq2 = block("sequential", "seq2", ch2.usage_key)
    q = block("llp_quiz", "q", seq2.usage_key)  # a leaf straight in a sequential

    lessons = outline([course, ch1, seq1, v1, intro, lti, ch2, seq2, q])

    assert [lesson.chapter.block_id for lesson in lessons] == ["ch1", "ch2"]
    assert [b.block_id for b in lessons[0].blocks] == ["intro", "lti"]
    assert lessons[0].required_keys == (intro.usage_key,)
    assert lessons[0].sequential_of[intro.usage_key] == seq1
    assert lessons[1].required_keys == (q.usage_key,)
    assert lessons[1].sequential_of[q.usage_key] == seq2
