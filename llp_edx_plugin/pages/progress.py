"""The Progress page: completion per lesson, each block's state, the grade against the grade range, and the
unmet requirements (DESIGN.md §3), and the certificate box (DESIGN.md §5)."""

from html import escape

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from ..accounts import api as accounts_api
from ..accounts.data import Actor, ProfileData
from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import Forbidden, NotFound
from ..learning import api as learning_api
from ..learning.data import BlockProgressData, ProgressData
from .event import event_page

TYPE_LABELS = {
    "llp_video": gettext_noop("Video"),
    "video": gettext_noop("Video"),
    "llp_reading": gettext_noop("Reading"),
    "html": gettext_noop("Reading"),
    "llp_quiz": gettext_noop("Quiz"),
    "problem": gettext_noop("Problem"),
}


def type_label(block_type: str) -> str:
    label = TYPE_LABELS.get(block_type)
    return gettext(label) if label else block_type.replace("_", " ").capitalize()


def learner_or_error(actor: Actor, course_key: str, username: str | None = None) -> ProfileData:
    """``learning_api.learner_for`` with page errors: 404 unknown, not visible or not enrolled; 403 anonymous."""
    try:
        return learning_api.learner_for(actor, course_key, username)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc


def grade_range(course: CourseData, percent: float) -> dict:
    """The Overall Grade Range as a bar: the learner's percent and a marker per cutoff (lowest first)."""
    cutoffs = course.grading_policy.grade_cutoffs
    return {
        "percent": round(percent * 100),
        "cutoffs": [{"letter": letter, "percent": round(cutoff * 100)} for letter, cutoff in reversed(cutoffs)],
        "passing": round(course.grading_policy.lowest_passing_cutoff * 100) if cutoffs else None,
    }


def block_state(block: BlockProgressData) -> tuple[str, str]:
    """The badge of a block's state: (Bootstrap classes, text)."""
    if not block.required:
        return "text-bg-light text-muted", gettext("Not required")
    if block.complete:
        return "text-bg-success", "✓ " + gettext("Complete")
    if block.locked:
        return "text-bg-secondary", gettext("Locked")
    return "text-bg-warning", gettext("To do")


# One block of the lesson list, built in Python rather than by a template loop: the page must stay fast on
# courses with hundreds of blocks (DESIGN.md §8 P3). Every value is HTML-escaped (see block_rows_html).
BLOCK_ROW = (
    '<li class="list-group-item d-flex align-items-center llp-block-row" data-usage-key="{}">'
    '<span class="flex-grow-1 llp-min-0"><span class="badge text-bg-light border llp-type me-1">{}</span> '
    '<span class="fw-semibold">{}</span><br><small class="text-muted">{}</small></span>'
    '<span class="badge llp-state {}">{}</span></li>'
)


def _block_row(block: BlockProgressData) -> str:
    values = (block.usage_key, type_label(block.type), block.display_name, block.detail, *block_state(block))
    return BLOCK_ROW.format(*(escape(str(value), quote=True) for value in values))


def block_rows_html(blocks: tuple[BlockProgressData, ...]) -> SafeString:
    """The list items of a lesson's blocks; every interpolated value is escaped, so the result is safe."""
    return mark_safe("\n".join(_block_row(block) for block in blocks))


def lesson_rows(progress: ProgressData) -> list[dict]:
    """Per lesson: its counts and its blocks' rows."""
    rows = []
    for lesson in progress.lessons:
        required = lesson.required_count
        done = lesson.complete_count
        rows.append(
            {
                "lesson": lesson,
                "done": done,
                "required": required,
                "percent": (100 * done) // required if required else 100,
                "blocks_html": block_rows_html(lesson.blocks),
            }
        )
    return rows


@login_required
def progress_page(request: HttpRequest, course_key: str) -> HttpResponse:
    """``/courses/{course_key}/progress[?username=]``: the learner's own progress, or (for those allowed by
    ``can_view_learner``) an enrolled learner's."""
    actor = accounts_api.get_actor(request.user)
    learner = learner_or_error(actor, course_key, request.GET.get("username") or None)
    course = courses_api.get_course(course_key)
    if course.is_program:  # no lessons of its own: its members and certificate are on the dashboard
        return redirect(reverse("llp_edx_plugin:pages:dashboard") + f"#program-{course.course_key}")
    if course.is_live_event:  # nothing to complete: the session, the attendance and the certificate instead
        return event_page(request, course, learner, preview=False, is_self=learner.user_id == actor.user_id)
    progress = learning_api.progress_in(learner.user_id, course)
    box = certificates_api.certificate_box_in(learner.user_id, course, qualified=progress.qualified)
    context = {
        "course": course,
        "learner": learner,
        "is_self": learner.user_id == actor.user_id,
        "progress": progress,
        "lessons": lesson_rows(progress),
        "grade_range": grade_range(course, progress.grade.percent),
        "box": box,
        "can_request": learner.user_id == actor.user_id,
        "linkedin_url": certificates_api.linkedin_url_of_box(box) if learner.user_id == actor.user_id else None,
    }
    return render(request, "llp_edx_plugin/progress/progress.html", context)
