"""The learner's page of a live event (what ``/courses/{key}/`` shows for one): when and where, the online
link (registered learners and the course team only), their attendance, and the certificate box."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..accounts.data import ProfileData
from ..certificates import api as certificates_api
from ..courses.data import CourseData
from ..events import api as events_api


def event_page(
    request: HttpRequest, course: CourseData, learner: ProfileData, *, preview: bool, is_self: bool = True
) -> HttpResponse:
    """``learner`` is registered (the caller checked), or the course team previews; ``is_self``: the learner
    looks at their own page (else someone allowed to see their progress does)."""
    attendance = None if preview else events_api.attendance_of(learner.user_id, course.course_key)
    box = (
        None
        if preview
        else certificates_api.certificate_box(learner.user_id, course.course_key, qualified=attendance is True)
    )
    context = {
        "course": course,
        "preview": preview,
        "learner": learner,
        "is_self": is_self,
        "attendance": attendance,
        "box": box,
        "linkedin_url": certificates_api.linkedin_url_of_box(box) if is_self else None,
        "phase": events_api.phase(course.start, course.end, timezone.now()),
        "start_local": events_api.local_time(course.start, course.time_zone) if course.start else None,
        "end_local": events_api.local_time(course.end, course.time_zone) if course.end else None,
    }
    return render(request, "llp_edx_plugin/events/event.html", context)
