"""The home of every role: the learner's course cards (with stored completion, or a live event's session
details), the live events an attendance administrator can mark, the courses an instructor teaches, and a
Company Admin's company at a glance."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..events import api as events_api
from ..learning import api as learning_api
from . import homes, programs

PHASE_LABELS = {"upcoming": "Upcoming", "in_progress": "In progress", "ended": "Ended"}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Course cards of the learner's active enrollments with their certificate link (constant queries)."""
    enrollments = courses_api.user_enrollments(request.user.pk)
    keys = [e.course_key for e in enrollments]
    courses = {c.course_key: c for c in courses_api.list_courses(keys)}
    stored = learning_api.stored_progress_for_courses(request.user.pk, keys)
    qualified = {key: progress.qualified for key, progress in stored.items()}
    boxes = certificates_api.certificate_boxes(request.user.pk, list(courses.values()), qualified)
    cards = []
    for enrollment in enrollments:
        course = courses.get(enrollment.course_key)
        if course is None or course.is_program:  # programs have their own section
            continue
        progress = stored.get(enrollment.course_key)
        percent = progress.completion_percent if progress else 0
        cards.append(
            {
                "course": course,
                "enrollment": enrollment,
                "progress": progress,
                "percent": percent,
                "status": "completed" if progress and progress.completed else "started" if percent else "new",
                # DESIGN.md §5: the card's "Download Certificate" link follows the same decision as Progress.
                "certificate": boxes[course.course_key],
                "start_local": _local(course.start, course.time_zone),
            }
        )
    actor = accounts_api.get_actor(request.user)
    events = [
        {"event": e, "phase_label": PHASE_LABELS[e.phase], "start_local": _local(e.start, e.time_zone)}
        for e in events_api.events_home(actor=actor)
    ]
    context = {
        "cards": cards,
        "programs": programs.program_cards(request.user.pk),
        "events": events,
        "marks_attendance": events_api.can_mark_attendance(actor),
        "teaching": homes.teaching(actor),
        "company_summary": homes.company(actor),
    }
    return render(request, "llp_edx_plugin/pages/dashboard.html", context)


def _local(moment, time_zone: str) -> str | None:
    return events_api.local_time(moment, time_zone) if moment else None
