"""The learner's programs as the dashboard and the learning records show them (members, bar, certificate)."""

from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..programs import api as programs_api


def program_cards(user_id: int) -> list[dict]:
    """Each program the learner is enrolled in: its progress and its certificate box (as a course card's)."""
    progresses = programs_api.user_programs(user_id)
    if not progresses:
        return []
    courses = courses_api.list_courses([p.program.course_key for p in progresses])
    boxes = certificates_api.certificate_boxes(user_id, courses, {p.program.course_key: p.complete for p in progresses})
    return [
        {
            "progress": p,
            "box": boxes[p.program.course_key],
            "certified_count": sum(1 for m in p.members if m.certified),
        }
        for p in progresses
    ]
