"""A two-lesson course written as CourseBlock rows, an enrolled learner, and the learning clock."""

from datetime import UTC, datetime, timedelta

import pytest
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course, CourseBlock
from llp_edx_plugin.learning import state
from llp_edx_plugin.learning.models import BlockState

QUIZ = """<question id="q1" correct="b"><choice id="a">3</choice><choice id="b">4</choice></question>
<question id="q2" correct="a"><choice id="a">yes</choice><choice id="b">no</choice></question>"""
PROBLEM = """<problem><multiplechoiceresponse><choicegroup>
<choice correct="true">Right</choice><choice correct="false">Wrong</choice></choicegroup></multiplechoiceresponse>
</problem>"""

# (block type, block id, parent id, fields, content), in course order: tests only may write these rows.
OUTLINE = [
    ("chapter", "lesson1", None, {}, ""),
    ("sequential", "seq1", "lesson1", {}, ""),
    ("vertical", "unit1", "seq1", {}, ""),
    ("llp_video", "intro", "unit1", {"src": "/media/intro.mp4", "duration": 600}, ""),
    ("llp_quiz", "check", "unit1", {"pass_score": 0.5, "max_attempts": 2}, QUIZ),
    ("lti_consumer", "legacy", "unit1", {}, ""),
    ("chapter", "lesson2", None, {}, ""),
    ("sequential", "seq2", "lesson2", {}, ""),
    ("vertical", "unit2", "seq2", {}, ""),
    ("llp_reading", "wrap", "unit2", {}, "<p>Thanks</p>"),
    ("problem", "capa", "unit2", {"max_attempts": 1}, PROBLEM),
]


class Clock:
    """The learning clock, moved by hand."""

    def __init__(self):
        self.current = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(state, "now", clock)
    return clock


def build_course(course_key: str) -> dict[str, str]:
    """Write OUTLINE into the course; block id -> usage key string."""
    course = Course.objects.get(course_key=CourseKey.from_string(course_key))
    key = CourseKey.from_string(course_key)
    rows: dict[str, CourseBlock] = {}
    for order, (block_type, block_id, parent, fields, content) in enumerate(OUTLINE):
        rows[block_id] = CourseBlock.objects.create(
            course=course,
            usage_key=key.make_usage_key(block_type, block_id),
            block_type=block_type,
            block_id=block_id,
            parent=rows[parent] if parent else None,
            order=order,
            display_name=block_id.title(),
            supported=block_type != "lti_consumer",
            fields=fields,
            content=content,
        )
    return {block_id: str(row.usage_key) for block_id, row in rows.items()}


@pytest.fixture
def blocks(world) -> dict[str, str]:
    return build_course(world.course_key)


@pytest.fixture
def learner(world, blocks):
    """The world's learner, enrolled in the course."""
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    return world.users["learner"]


def url(course_key: str, usage_key: str, handler: str) -> str:
    return f"/courses/{course_key}/xblock/{usage_key}/handler/{handler}"


def stored(user, usage_key: str) -> tuple[dict, bool, float | None] | None:
    row = BlockState.objects.filter(user=user, usage_key=usage_key).first()
    return (row.state, row.complete, row.score) if row else None


def complete_lesson1(user, blocks: dict[str, str], course_key: str) -> None:
    """Lesson 1 done, as the runtime would have stored it."""
    for block_id in ("intro", "check"):
        BlockState.objects.create(
            user=user,
            course_key=CourseKey.from_string(course_key),
            usage_key=blocks[block_id],
            block_type="x",
            complete=True,
        )
