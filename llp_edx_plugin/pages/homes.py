"""What each role finds on its home (the dashboard) beside its own course cards (issue 13: a home for every role).

Instructors and course staff: the courses they teach with the way to their tools; Company Admins: their
company's summary; platform staff: all of it. Each section costs a constant number of queries.
"""

from dataclasses import dataclass

from ..accounts.data import Actor
from ..certificates import api as certificates_api
from ..company import api as company_api
from ..courses import api as courses_api
from ..courses.data import CourseData

# Platform staff see every course: the first ones by title, and a count of the rest.
STAFF_COURSES_SHOWN = 50


@dataclass(frozen=True)
class TaughtCourse:
    course: CourseData
    role: str  # "instructor" | "staff" | "platform staff"
    enrolled: int
    certificates_issued: int


@dataclass(frozen=True)
class TeachingSection:
    courses: tuple[TaughtCourse, ...]
    more: int  # courses not shown (platform staff with many courses)


def teaching(actor: Actor) -> TeachingSection | None:
    """The courses the actor teaches (platform staff: every course), or None when they teach none."""
    if not actor.is_authenticated:
        return None
    if actor.is_platform_staff:
        courses = courses_api.list_courses()
    elif actor.course_roles:
        courses = courses_api.list_courses(actor.course_roles.keys())
    else:
        return None
    shown = courses[:STAFF_COURSES_SHOWN]
    keys = [course.course_key for course in shown]
    enrolled = courses_api.enrollment_counts(keys)
    issued = certificates_api.issued_counts(keys)
    rows = tuple(
        TaughtCourse(
            course=course,
            role=actor.course_roles.get(course.course_key, "platform staff"),
            enrolled=enrolled.get(course.course_key, 0),
            certificates_issued=issued.get(course.course_key, 0),
        )
        for course in shown
    )
    return TeachingSection(courses=rows, more=len(courses) - len(shown))


def company(actor: Actor) -> company_api.CompanySummary | None:
    """A Company Admin's company summary (platform staff reach every company from the Company page)."""
    if not actor.is_company_admin or actor.company_id is None:
        return None
    return company_api.summary(actor)
