"""Test helpers: course structures written straight as CourseBlock rows, and learners' BlockState rows.

Only tests may reach the courses models; the code under test reads them through ``courses.api``.
"""

from dataclasses import dataclass, field

from opaque_keys.edx.keys import CourseKey, UsageKey

from llp_edx_plugin.courses.models import Course, CourseBlock
from llp_edx_plugin.learning.models import BlockState


@dataclass
class Leaf:
    block_type: str
    name: str
    fields: dict = field(default_factory=dict)
    supported: bool = True
    content: str = ""


def video(name: str, duration: float = 250, **fields) -> Leaf:
    return Leaf("llp_video", name, {"src": f"/media/{name}.mp4", "duration": duration, **fields})


def quiz(name: str, pass_score: float = 0.7, max_attempts: int | None = 3, **fields) -> Leaf:
    data = {"pass_score": pass_score, **fields}
    if max_attempts is not None:
        data["max_attempts"] = max_attempts
    return Leaf("llp_quiz", name, data)


def reading(name: str, content: str = "") -> Leaf:
    return Leaf("llp_reading", name, content=content)


def unsupported(name: str, block_type: str = "lti_consumer") -> Leaf:
    return Leaf(block_type, name, supported=False)


@dataclass
class Seq:
    name: str
    leaves: list
    assignment_type: str = ""  # graded when set


@dataclass
class Lesson:
    name: str
    sequentials: list


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_") or "x"


def build_structure(course_key: str, lessons: list[Lesson]) -> dict[str, str]:
    """Write the course tree (course > chapter > sequential > vertical > leaves); return name -> usage key."""
    course = Course.objects.get(course_key=CourseKey.from_string(course_key))
    course.blocks.all().delete()
    key = CourseKey.from_string(course_key)
    keys: dict[str, str] = {}
    counter = {"order": 0}
    used_ids: set[str] = set()

    def add(block_type: str, name: str, parent, **extra) -> CourseBlock:
        block_id = _slug(name)
        while block_id in used_ids:
            block_id += "_"
        used_ids.add(block_id)
        usage_key = key.make_usage_key(block_type, block_id)
        counter["order"] += 1
        row = CourseBlock.objects.create(
            course=course,
            usage_key=usage_key,
            block_type=block_type,
            block_id=block_id,
            parent=parent,
            order=counter["order"],
            display_name=name,
            **extra,
        )
        keys.setdefault(name, str(usage_key))
        return row

    root = add("course", "course", None)
    for lesson in lessons:
        chapter = add("chapter", lesson.name, root)
        for seq in lesson.sequentials:
            sequential = add(
                "sequential", seq.name, chapter, graded=bool(seq.assignment_type), assignment_type=seq.assignment_type
            )
            vertical = add("vertical", f"{seq.name} unit", sequential)
            for leaf in seq.leaves:
                add(
                    leaf.block_type,
                    leaf.name,
                    vertical,
                    fields=leaf.fields,
                    supported=leaf.supported,
                    content=leaf.content,
                )
    return keys


def build_large_structure(course_key: str, leaf_count: int, *, per_lesson: int = 10) -> dict[str, str]:
    """A course of ``leaf_count`` leaves: lessons of ``per_lesson`` leaves, a graded quiz in each lesson."""
    lessons = []
    for lesson_index in range((leaf_count + per_lesson - 1) // per_lesson):
        leaves = []
        for i in range(min(per_lesson, leaf_count - lesson_index * per_lesson)):
            name = f"L{lesson_index} B{i}"
            kind = i % 3
            leaves.append(video(name) if kind == 0 else quiz(name) if kind == 1 else reading(name))
        lessons.append(Lesson(f"Lesson {lesson_index}", [Seq(f"Seq {lesson_index}", leaves, "Homework")]))
    return build_structure(course_key, lessons)


def set_state(user, usage_key: str, *, complete: bool = False, score: float | None = None, **state) -> BlockState:
    """Write (or replace) a learner's BlockState row as the xblocks runtime would."""
    parsed = UsageKey.from_string(usage_key)
    row, _ = BlockState.objects.update_or_create(
        user=user,
        usage_key=parsed,
        defaults={
            "course_key": parsed.course_key,
            "block_type": parsed.block_type,
            "state": state,
            "complete": complete,
            "score": score,
        },
    )
    return row


def set_grading_policy(course_key: str, assignment_types: list[dict], cutoffs: dict) -> None:
    Course.objects.filter(course_key=CourseKey.from_string(course_key)).update(
        grading_policy={"assignment_types": assignment_types, "grade_cutoffs": cutoffs}
    )


def page_client(user=None):
    """A Django test client signed in as ``user`` (None: anonymous), for the HTML pages."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client
