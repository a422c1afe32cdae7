"""The courseware: lessons in order in a sidebar, locks shown with their reason, the current lesson's blocks
rendered from their student views, and "Finish" at the end of the course.

Blocks are rendered by the XBlock runtime (``learning_api.render_student_views``, all of the lesson's blocks
at once); a block without a student view (an unsupported type) shows a placeholder card.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..accounts import api as accounts_api
from ..accounts.data import Actor, ProfileData
from ..courses import api as courses_api
from ..learning import api as learning_api
from ..learning.data import LessonData, ProgressData
from ..programs import api as programs_api
from .event import event_page
from .progress import learner_or_error, type_label


def current_lesson(lessons: tuple[LessonData, ...], requested: str | None) -> LessonData | None:
    """The lesson asked for, else the first open lesson still to do, else the first lesson."""
    if not lessons:
        return None
    if requested:
        for lesson in lessons:
            if lesson.usage_key == requested:
                return lesson
        raise Http404("Unknown lesson")
    for lesson in lessons:
        if not lesson.locked and not lesson.complete:
            return lesson
    return lessons[0]


def _viewer(actor: Actor, course_key: str) -> tuple[ProfileData, bool]:
    """The enrolled learner themself; the course team may preview without being enrolled."""
    if accounts_api.permissions.is_course_team(actor, course_key) and courses_api.course_exists(course_key):
        enrollment = courses_api.get_enrollment(course_key, actor.user_id)
        if enrollment is None or not enrollment.is_active:
            return accounts_api.get_profile(actor.user_id), True
    return learner_or_error(actor, course_key), False


def _lock_message(progress: ProgressData, lesson: LessonData) -> str:
    for requirement in progress.unmet_requirements:
        if requirement.code in ("lesson_locked", "not_released") and requirement.block_id == lesson.usage_key:
            return requirement.message
    return _("Complete the previous lesson first")


@login_required
def courseware(request: HttpRequest, course_key: str) -> HttpResponse:
    """``/courses/{course_key}/[?lesson=<chapter usage key>]``; a live event's page for a live event."""
    actor = accounts_api.get_actor(request.user)
    learner, preview = _viewer(actor, course_key)
    course = courses_api.get_course(course_key)
    if course.is_program:  # no lessons of its own: its members and certificate are on the dashboard
        return redirect(reverse("llp_edx_plugin:pages:dashboard") + f"#program-{course.course_key}")
    if course.is_live_event:  # no lessons: the session details, attendance and certificate instead
        return event_page(request, course, learner, preview=preview)
    blocked = None if preview else courses_api.courseware_blocked_reason(course)
    if blocked:
        return render(request, "llp_edx_plugin/courseware/not_started.html", {"course": course, "message": blocked})
    locked = None if preview else programs_api.order_lock(course.course_key, learner.user_id)
    if locked:  # an in-order program the learner follows (ADR 0032)
        context = {"course": course, "message": locked, "heading": _("Complete the previous training first")}
        return render(request, "llp_edx_plugin/courseware/not_started.html", context)
    progress = learning_api.progress_in(learner.user_id, course)
    lessons = progress.lessons
    lesson = current_lesson(lessons, request.GET.get("lesson"))
    index = lessons.index(lesson) if lesson else -1
    blocks = []
    rendered = None
    if lesson is not None and not lesson.locked:
        keys = [block.usage_key for block in lesson.blocks if block.required and not block.locked]
        team = accounts_api.permissions.is_course_team(actor, course.course_key)
        rendered = learning_api.render_student_views(learner.user_id, course.course_key, keys, course_team=team)
        for block in lesson.blocks:
            html = rendered.html.get(block.usage_key)
            # The runtime's HTML: the blocks' own templates, which escape learner data (and authored content).
            blocks.append({"block": block, "label": type_label(block.type), "html": mark_safe(html) if html else None})
    context = {
        "course": course,
        "progress": progress,
        "preview": preview,
        "lessons": lessons,
        "lesson": lesson,
        "lesson_number": index + 1,
        "blocks": blocks,
        "head_html": mark_safe(rendered.head_html) if rendered else "",
        "foot_html": mark_safe(rendered.foot_html) if rendered else "",
        "lock_message": _lock_message(progress, lesson) if lesson is not None and lesson.locked else "",
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if 0 <= index < len(lessons) - 1 else None,
        "is_last": lesson is not None and index == len(lessons) - 1,
    }
    return render(request, "llp_edx_plugin/courseware/courseware.html", context)
