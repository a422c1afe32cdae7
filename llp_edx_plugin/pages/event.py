"""The learner's page of a live event (what ``/courses/{key}/`` shows for one): when and where, the online
link (registered learners and the course team only), their attendance, and the certificate box."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..accounts.data import ProfileData
from ..certificates import api as certificates_api
from ..courses.data import CourseData
from ..events import api as events_api
from ..events import rules as event_rules


def event_page(request: HttpRequest, course: CourseData, learner: ProfileData, *, preview: bool) -> HttpResponse:
    """``learner`` is registered (``courseware._viewer`` checked), or the course team previews."""
    attendance = None if preview else events_api.attendance_of(learner.user_id, course.course_key)
    box = (
        None
        if preview
        else certificates_api.certificate_box(learner.user_id, course.course_key, qualified=attendance is True)
    )
    context = {
        "course": course,
        "preview": preview,
        "attendance": attendance,
        "box": box,
        "phase": event_rules.phase(course.start, course.end, timezone.now()),
        "start_local": event_rules.local_time(course.start, course.time_zone) if course.start else None,
        "end_local": event_rules.local_time(course.end, course.time_zone) if course.end else None,
    }
    return render(request, "llp_edx_plugin/events/event.html", context)
