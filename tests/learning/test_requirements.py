"""The requirement diagnosis: precise messages with stable codes (pure, by table)."""

import pytest

from llp_edx_plugin.courses.data import BlockData
from llp_edx_plugin.learning.data import BlockStatus, GradeData, RequirementData
from llp_edx_plugin.learning.gating import LessonState, outline
from llp_edx_plugin.learning.requirements import (
    block_detail,
    block_requirement,
    diagnose,
    format_duration,
    grade_requirement,
)


def block(block_type: str, name: str, parent: str | None = None, *, supported: bool = True, **fields) -> BlockData:
    block_id = name.lower().replace(" ", "_")
    return BlockData(
        usage_key=f"block-v1:O+C+R+type@{block_type}+block@{block_id}",
        block_type=block_type,
        block_id=block_id,
        parent=parent,
        order=0,
        display_name=name,
        graded=False,
        assignment_type="",
        supported=supported,
        fields=fields,
    )


INTRO = block("llp_video", "Intro", duration=250)
CHECK = block("llp_quiz", "Check 1", pass_score=0.7, max_attempts=3)
WELCOME = block("llp_reading", "Welcome")


@pytest.mark.parametrize(
    ("seconds", "expected"), [(250, "4:10"), (59.6, "1:00"), (0, "0:00"), (3723, "1:02:03"), (600, "10:00")]
)
def test_format_duration(seconds, expected):
    assert format_duration(seconds) == expected


@pytest.mark.parametrize(
    ("subject", "status", "expected"),
    [
        (
            INTRO,
            BlockStatus(state={"watched_ratio": 0.62, "watched": [[0, 155]]}),
            RequirementData(
                "video_not_watched", "Video 'Intro' watched 62% of 4:10 — it must be watched in full", INTRO.usage_key
            ),
        ),
        (
            INTRO,
            BlockStatus(),
            RequirementData(
                "video_not_watched", "Video 'Intro' watched 0% of 4:10 — it must be watched in full", INTRO.usage_key
            ),
        ),
        # Never rounded up to the ratio it misses: 94.9% reads 94%.
        (
            INTRO,
            BlockStatus(state={"watched_ratio": 0.949}),
            RequirementData(
                "video_not_watched", "Video 'Intro' watched 94% of 4:10 — it must be watched in full", INTRO.usage_key
            ),
        ),
        # Without a ratio stored, watched seconds over the duration.
        (
            INTRO,
            BlockStatus(state={"watched_seconds": 125}),
            RequirementData(
                "video_not_watched", "Video 'Intro' watched 50% of 4:10 — it must be watched in full", INTRO.usage_key
            ),
        ),
        (
            block("video", "Imported"),
            BlockStatus(state={"watched_ratio": 0.3}),
            RequirementData(
                "video_not_watched",
                "Video 'Imported' cannot be completed yet: its duration is not set (the course team must set it)",
                block("video", "Imported").usage_key,
            ),
        ),
        (INTRO, BlockStatus(complete=True, state={"watched_ratio": 1.0}), None),
        (
            CHECK,
            BlockStatus(score=0.4, state={"attempts": 1, "best_score": 0.4, "passed": False}),
            RequirementData("quiz_not_passed", "Quiz 'Check 1' not passed: best 40%, needs 70%", CHECK.usage_key),
        ),
        (
            CHECK,
            BlockStatus(),
            RequirementData(
                "quiz_not_passed", "Quiz 'Check 1' not passed: not attempted yet, needs 70%", CHECK.usage_key
            ),
        ),
        (
            CHECK,
            BlockStatus(score=0.5, state={"attempts": 3, "best_score": 0.5, "passed": False}),
            RequirementData(
                "quiz_not_passed",
                "Quiz 'Check 1' not passed: best 50%, needs 70% — no attempts left (3 of 3 used)",
                CHECK.usage_key,
            ),
        ),
        (CHECK, BlockStatus(complete=True, score=0.8, state={"attempts": 2, "best_score": 0.8, "passed": True}), None),
        (
            block("problem", "Capa"),
            BlockStatus(),
            RequirementData("block_incomplete", "Problem 'Capa' not submitted yet", block("problem", "Capa").usage_key),
        ),
        # A CAPA problem is complete once submitted, even with every answer wrong and no attempt left.
        (block("problem", "Capa"), BlockStatus(complete=True, score=0.0, state={"attempts": 1}), None),
        (
            WELCOME,
            BlockStatus(),
            RequirementData("block_incomplete", "Reading 'Welcome' not completed", WELCOME.usage_key),
        ),
        (
            block("html", "Notes"),
            BlockStatus(),
            RequirementData("block_incomplete", "Reading 'Notes' not completed", block("html", "Notes").usage_key),
        ),
        (WELCOME, BlockStatus(complete=True), None),
        # Unsupported blocks are never required.
        (block("lti_consumer", "Tool", supported=False), BlockStatus(), None),
    ],
)
def test_block_requirement(subject, status, expected):
    assert block_requirement(subject, status) == expected


@pytest.mark.parametrize(
    ("subject", "status", "expected"),
    [
        (INTRO, BlockStatus(state={"watched_ratio": 0.62}), "Watched 62% of 4:10"),
        (INTRO, BlockStatus(complete=True, state={"watched_ratio": 0.97}), "Watched in full"),
        (CHECK, BlockStatus(), "Not attempted · needs 70% · 0 of 3 attempts used"),
        (
            CHECK,
            BlockStatus(score=0.4, state={"attempts": 1, "best_score": 0.4}),
            "Best 40% · needs 70% · 1 of 3 attempts used",
        ),
        (
            CHECK,
            BlockStatus(complete=True, score=0.9, state={"attempts": 2, "best_score": 0.9}),
            "Passed with 90% · 2 of 3 attempts used",
        ),
        (
            block("llp_quiz", "Free", max_attempts=0),
            BlockStatus(score=0.29, state={"attempts": 5}),
            "Best 29% · needs 100%",
        ),
        (WELCOME, BlockStatus(), "Not completed"),
        (WELCOME, BlockStatus(complete=True), "Completed"),
        (block("lti_consumer", "Tool", supported=False), BlockStatus(), "Not required (unsupported block type)"),
        (block("problem", "Custom", supported=False), BlockStatus(), "Not required (cannot be graded here)"),
        (block("problem", "Capa"), BlockStatus(), "Not submitted"),
        (
            block("problem", "Capa", max_attempts=2),
            BlockStatus(complete=True, score=0.5, state={"attempts": 1, "raw_earned": 1, "raw_possible": 2}),
            "Submitted · score 1/2 · 1 of 2 attempts used",
        ),
    ],
)
def test_block_detail(subject, status, expected):
    assert block_detail(subject, status) == expected


@pytest.mark.parametrize(
    ("grade", "cutoff", "expected"),
    [
        (
            GradeData(0.45, None, False),
            0.5,
            RequirementData("grade_below_passing", "Course grade 45% is below the passing grade 50%"),
        ),
        (GradeData(0.5, "Pass", True), 0.5, None),
        (GradeData(0.0, None, True, graded=False), 0.5, None),  # no graded content: no grade requirement
    ],
)
def test_grade_requirement(grade, cutoff, expected):
    assert grade_requirement(grade, cutoff) == expected


def test_diagnose_lists_every_unmet_requirement_lesson_by_lesson_then_the_grade():
    ch1 = block("chapter", "Week 1")
    ch2 = block("chapter", "Week 2")
    intro = block("llp_video", "Intro", ch1.usage_key, duration=250)
    welcome = block("llp_reading", "Welcome", ch1.usage_key)
    check = block("llp_quiz", "Check 1", ch2.usage_key, pass_score=0.7)
    lessons = outline([ch1, intro, welcome, ch2, check])
    states = [LessonState(ch1.usage_key, False, False), LessonState(ch2.usage_key, False, True, ch1.usage_key)]
    statuses = {intro.usage_key: BlockStatus(state={"watched_ratio": 0.62}), welcome.usage_key: BlockStatus(True)}

    unmet = diagnose(lessons, states, statuses, GradeData(0.0, None, False), 0.5)

    assert [r.as_json() for r in unmet] == [
        {
            "code": "video_not_watched",
            "message": "Video 'Intro' watched 62% of 4:10 — it must be watched in full",
            "block_id": intro.usage_key,
        },
        {
            "code": "lesson_locked",
            "message": "Lesson 'Week 2' is locked until 'Week 1' is complete",
            "block_id": ch2.usage_key,
        },
        {
            "code": "quiz_not_passed",
            "message": "Quiz 'Check 1' not passed: not attempted yet, needs 70%",
            "block_id": check.usage_key,
        },
        {"code": "grade_below_passing", "message": "Course grade 0% is below the passing grade 50%"},
    ]


def test_diagnose_an_empty_course_says_so():
    assert diagnose([], [], {}, GradeData(0.0, None, True, graded=False), 0.5) == [
        RequirementData("course_empty", "This course has no content to complete yet")
    ]
