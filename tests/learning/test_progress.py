"""Live and stored progress: completion, locks, grade, qualification, the signal, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.errors import NotFound
from llp_edx_plugin.learning import api as learning_api
from llp_edx_plugin.learning.signals import COURSE_PROGRESS_CHANGED
from tests.learning.builders import (
    Lesson,
    Seq,
    build_large_structure,
    build_structure,
    quiz,
    reading,
    set_grading_policy,
    set_state,
    unsupported,
    video,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):
    """Week 1: a video, a reading, an LTI tool (unsupported); Week 2: a graded quiz (Homework, pass at 50%)."""
    keys = build_structure(
        world.course_key,
        [
            Lesson("Week 1", [Seq("Basics", [video("Intro", duration=250), reading("Welcome"), unsupported("Tool")])]),
            Lesson("Week 2", [Seq("Check", [quiz("Check 1", pass_score=0.7)], assignment_type="Homework")]),
        ],
    )
    set_grading_policy(
        world.course_key,
        [{"type": "Homework", "short_label": "HW", "weight": 1.0, "min_count": 1, "drop_count": 0}],
        {"Pass": 0.5},
    )
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    return keys


@pytest.fixture
def refresh(django_capture_on_commit_callbacks):
    """refresh_course_progress as after a committed request: its on-commit signal runs."""

    def run(user_id: int, course_key: str):
        with django_capture_on_commit_callbacks(execute=True):
            return learning_api.refresh_course_progress(user_id, course_key)

    return run


@pytest.fixture
def signals_seen():
    seen = []

    def receiver(sender, **kwargs):
        seen.append({k: kwargs[k] for k in ("user_id", "course_key", "passed", "completed", "qualified")})

    COURSE_PROGRESS_CHANGED.connect(receiver)
    yield seen
    COURSE_PROGRESS_CHANGED.disconnect(receiver)


def test_a_new_learner_has_everything_to_do(world, course):
    progress = learning_api.get_progress(world.users["learner"].pk, world.course_key)

    assert progress.completion.as_json() == {"complete": 0, "total": 3, "percent": 0}
    assert [(lesson.title, lesson.complete, lesson.locked) for lesson in progress.lessons] == [
        ("Week 1", False, False),
        ("Week 2", False, True),
    ]
    assert [(b.display_name, b.type, b.required, b.locked) for b in progress.lessons[0].blocks] == [
        ("Intro", "llp_video", True, False),
        ("Welcome", "llp_reading", True, False),
        ("Tool", "lti_consumer", False, False),
    ]
    assert progress.grade.as_json() == {"percent": 0.0, "letter": None, "passed": False, "graded": True}
    assert progress.qualified is False
    assert [r.code for r in progress.unmet_requirements] == [
        "video_not_watched",
        "block_incomplete",
        "lesson_locked",
        "quiz_not_passed",
        "grade_below_passing",
    ]


def test_partly_watched_video_and_failed_quiz_are_diagnosed_precisely(world, course):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], watched=[[0, 100], [150, 205]], watched_ratio=0.62, watched_seconds=155)
    set_state(learner, course["Welcome"], complete=True)
    set_state(learner, course["Check 1"], score=0.4, attempts=3, best_score=0.4, passed=False)

    messages = [r.message for r in learning_api.get_progress(learner.pk, world.course_key).unmet_requirements]

    assert messages == [
        "Video 'Intro' watched 62% of 4:10 — it must be watched in full",
        "Lesson 'Week 2' is locked until 'Week 1' is complete",
        "Quiz 'Check 1' not passed: best 40%, needs 70% — no attempts left (3 of 3 used)",
        "Course grade 40% is below the passing grade 50%",
    ]


def test_everything_done_qualifies(world, course):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], complete=True, watched_ratio=1.0)
    set_state(learner, course["Welcome"], complete=True)
    set_state(learner, course["Check 1"], complete=True, score=0.8, attempts=1, best_score=0.8, passed=True)

    progress = learning_api.get_progress(learner.pk, world.course_key)

    assert progress.completion.as_json() == {"complete": 3, "total": 3, "percent": 100}
    assert progress.grade.as_json() == {"percent": 0.8, "letter": "Pass", "passed": True, "graded": True}
    assert progress.qualified is True
    assert progress.unmet_requirements == ()


def test_another_learners_state_does_not_count(world, course):
    set_state(world.users["employee"], course["Intro"], complete=True)

    progress = learning_api.get_progress(world.users["learner"].pk, world.course_key)

    assert progress.completion.complete == 0


def test_unknown_course_is_not_found(world):
    with pytest.raises(NotFound):
        learning_api.get_progress(world.users["learner"].pk, "course-v1:No+Such+Course")


@pytest.mark.parametrize(
    ("done", "block", "locked"),
    [
        ((), "Intro", False),
        ((), "Check 1", True),
        (("Intro",), "Check 1", True),
        (("Intro", "Welcome"), "Check 1", False),
        ((), "Week 2", True),  # a container of a locked lesson is locked too
        ((), "Week 1", False),
    ],
)
def test_is_block_locked(world, course, done, block, locked):
    learner = world.users["learner"]
    for name in done:
        set_state(learner, course[name], complete=True)

    assert learning_api.is_block_locked(learner.pk, world.course_key, course[block]) is locked


def test_is_block_locked_with_the_structure_given_makes_at_most_one_query(world, course):
    structure = courses_api.get_structure(world.course_key)
    learner = world.users["learner"]

    with CaptureQueriesContext(connection) as first_lesson:
        assert learning_api.is_block_locked(learner.pk, world.course_key, course["Intro"], structure=structure) is False
    with CaptureQueriesContext(connection) as second_lesson:
        assert learning_api.is_block_locked(learner.pk, world.course_key, course["Check 1"], structure=structure)

    assert (len(first_lesson), len(second_lesson)) == (0, 1)


def test_is_block_locked_unknown_block_is_not_found(world, course):
    with pytest.raises(NotFound):
        learning_api.is_block_locked(
            world.users["learner"].pk, world.course_key, "block-v1:LLP+LEAD101+2026+type@llp_video+block@nope"
        )


def test_refresh_stores_progress_and_signals_only_changes(world, course, signals_seen, refresh):
    learner = world.users["learner"]
    assert learning_api.stored_progress(learner.pk, world.course_key) is None

    first = refresh(learner.pk, world.course_key)
    set_state(learner, course["Intro"], complete=True)
    set_state(learner, course["Welcome"], complete=True)
    refresh(learner.pk, world.course_key)
    signals_after_partial = list(signals_seen)
    set_state(learner, course["Check 1"], complete=True, score=0.7, attempts=1, best_score=0.7, passed=True)
    final = refresh(learner.pk, world.course_key)
    refresh(learner.pk, world.course_key)  # nothing changed: no signal

    assert (first.complete_count, first.total_count, first.passed, first.completed) == (0, 3, False, False)
    assert signals_after_partial == []
    assert (final.complete_count, final.grade_percent, final.letter, final.passed, final.completed) == (
        3,
        0.7,
        "Pass",
        True,
        True,
    )
    assert signals_seen == [
        {"user_id": learner.pk, "course_key": world.course_key, "passed": True, "completed": True, "qualified": True}
    ]
    stored = learning_api.stored_progress(learner.pk, world.course_key)
    assert (stored.completion_percent, stored.qualified) == (100, True)


def test_refresh_signals_when_a_learner_falls_back(world, course, signals_seen, refresh):
    learner = world.users["learner"]
    for name in ("Intro", "Welcome"):
        set_state(learner, course[name], complete=True)
    set_state(learner, course["Check 1"], complete=True, score=1.0)
    refresh(learner.pk, world.course_key)
    set_state(learner, course["Check 1"], complete=True, score=0.2)  # e.g. a regrade

    stored = refresh(learner.pk, world.course_key)

    assert (stored.passed, stored.completed) == (False, True)
    assert signals_seen[-1] == {
        "user_id": learner.pk,
        "course_key": world.course_key,
        "passed": False,
        "completed": True,
        "qualified": False,
    }


def test_a_course_without_graded_content_has_no_grade_requirement(world):
    keys = build_structure(world.other_course_key, [Lesson("Only", [Seq("S", [reading("Read me")])])])
    learner = world.users["learner"]
    set_state(learner, keys["Read me"], complete=True)

    progress = learning_api.get_progress(learner.pk, world.other_course_key)

    assert progress.grade.as_json() == {"percent": 0.0, "letter": None, "passed": True, "graded": False}
    assert (progress.qualified, progress.unmet_requirements) == (True, ())


def test_an_empty_course_never_qualifies(world):
    progress = learning_api.get_progress(world.users["learner"].pk, world.other_course_key)

    assert progress.qualified is False
    assert [r.code for r in progress.unmet_requirements] == ["course_empty"]


def test_stored_progress_for_courses_reads_many_in_one_query(world, course):
    learner = world.users["learner"]
    learning_api.refresh_course_progress(learner.pk, world.course_key)

    with CaptureQueriesContext(connection) as queries:
        found = learning_api.stored_progress_for_courses(learner.pk, [world.course_key, world.other_course_key])

    assert list(found) == [world.course_key]
    assert len(queries) == 1


@pytest.mark.parametrize("api_call", ["get_progress", "refresh_course_progress"])
def test_query_count_does_not_grow_with_the_number_of_blocks(world, api_call):
    learner = world.users["learner"]
    counts = []
    for course_key, size in ((world.course_key, 10), (world.other_course_key, 500)):
        keys = build_large_structure(course_key, size)
        for name in list(keys)[: size // 2]:
            set_state(learner, keys[name], complete=True, score=1.0)
        with CaptureQueriesContext(connection) as queries:
            getattr(learning_api, api_call)(learner.pk, course_key)
        counts.append(len(queries))

    assert counts[0] == counts[1]
