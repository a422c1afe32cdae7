"""The learning domain's public functions: progress, gating, grades and the requirements diagnosis."""

from collections.abc import Sequence

from web_fragments.fragment import Fragment

from ..accounts import api as accounts_api
from ..accounts.data import Actor, ProfileData
from ..bulk_ids import ids_in
from ..courses import api as courses_api
from ..courses.data import BlockData, CourseData
from ..errors import Forbidden, NotFound
from ..keys import parse_course_key
from . import draws, gating, release, runtime, state
from .data import (
    BlockProgressData,
    CompletionData,
    GradeData,
    LessonData,
    ProgressData,
    RenderedBlocks,
    RequirementData,
    StoredProgressData,
)
from .models import BlockState
from .progress import (
    load_progress,
    refresh_course_progress,
    stored_data,
    stored_progress,
    stored_progress_for_courses,
)

__all__ = [
    "BlockProgressData",
    "CompletionData",
    "GradeData",
    "LessonData",
    "ProgressData",
    "RenderedBlocks",
    "RequirementData",
    "StoredProgressData",
    "get_progress",
    "is_block_locked",
    "learner_for",
    "progress_in",
    "refresh_course_progress",
    "render_student_views",
    "stored_progress",
    "stored_progress_for_courses",
]


def get_progress(user_id: int, course_key: str) -> ProgressData:
    """The learner's live progress (completion, lessons, grade, qualified, unmet requirements).

    ``NotFound`` for an unknown course. A constant number of queries whatever the number of blocks.
    """
    return load_progress(user_id, courses_api.get_course(course_key))


def progress_in(user_id: int, course: CourseData) -> ProgressData:
    """``get_progress`` for a caller that has already read the course (a page): one query fewer."""
    return load_progress(user_id, course)


def learner_for(actor: Actor, course_key: str, username: str | None = None) -> ProfileData:
    """The enrolled learner whose progress ``actor`` may see: themself, or ``username``.

    ``username`` (or an e-mail address) is allowed to the learner themself, the course team, platform staff and
    the Company Admin of an employee (``can_view_learner``). ``NotFound`` for an unknown course; for another
    person, one and the same ``NotFound`` whether the account does not exist, may not be seen by the actor, or is
    not enrolled, so that nobody can tell which accounts exist (ADR 0021). ``Forbidden`` only for anonymous.
    """
    if not actor.is_authenticated:
        raise Forbidden("Sign in to see progress.")
    if not username or username == actor.username:  # the learner's own progress: every page view of it
        course, enrolled = courses_api.get_course_for_learner(course_key, actor.user_id)
        target = accounts_api.get_profile(actor.user_id)
        if not enrolled:
            raise NotFound(f"'{target.username}' is not enrolled in {course.course_key}.")
        return target
    course = courses_api.get_course(course_key)
    hidden = NotFound(f"No learner '{username}' in {course.course_key} that you may see.")
    try:
        target = accounts_api.get_profile_by_username(username)
    except NotFound:
        raise hidden from None
    if target.user_id != actor.user_id and not accounts_api.permissions.can_view_learner(
        actor, target, course.course_key
    ):
        raise hidden
    enrollment = courses_api.get_enrollment(course.course_key, target.user_id)
    if enrollment is None or not enrollment.is_active:
        raise hidden
    return target


def _chapter_of(structure: Sequence[BlockData], usage_key: str) -> str | None:
    by_key = {b.usage_key: b for b in structure}
    block = by_key.get(usage_key)
    if block is None:
        raise NotFound(f"Unknown block '{usage_key}'")
    while block is not None and block.block_type != "chapter":
        block = by_key.get(block.parent) if block.parent else None
    return block.usage_key if block is not None else None


def is_block_locked(
    user_id: int, course_key: str, usage_key: str, *, structure: Sequence[BlockData] | None = None
) -> bool:
    """Whether the block sits in a lesson the learner has not unlocked yet (every earlier lesson complete).

    ``NotFound`` for an unknown course or block. Pass ``structure`` (``courses.api.get_structure``) when the
    caller already has it: then this makes one query at most (none for a block of the first lesson).
    """
    if structure is None:
        structure = courses_api.get_structure(course_key)
    structure = draws.learner_structure(user_id, course_key, structure)  # a block not drawn is unknown
    usage_key = str(usage_key)
    chapter_key = _chapter_of(structure, usage_key)
    if usage_key in release.opening_dates(structure, state.now()):  # not released yet
        return True
    if chapter_key is None:  # outside any lesson: nothing gates it
        return False
    lessons = [(lesson.chapter.usage_key, lesson.required_keys) for lesson in gating.outline(structure)]
    needed = gating.required_before(lessons, chapter_key) or []
    if not needed:
        return False
    done = BlockState.objects.filter(user_id=user_id, course_key=parse_course_key(course_key), complete=True)
    done_keys = {str(key) for key in done.values_list("usage_key", flat=True)}
    return not all(key in done_keys for key in needed)


def render_student_views(
    user_id: int, course_key: str, usage_keys: Sequence[str], *, course_team: bool = False
) -> RenderedBlocks:
    """The learner's student views of some blocks of a course (the courseware), in a constant number of queries.

    Blocks without a view (containers, unsupported types) are left out of ``html``; the CSS/JS of all the
    blocks is gathered once into ``head_html`` / ``foot_html`` for the page. ``course_team``: the viewer is on
    the course team (a video without a duration tells them to set it).
    """
    structure = draws.learner_structure(user_id, course_key, courses_api.get_structure(course_key))
    keys = [str(k) for k in usage_keys]
    fragments = runtime.render_student_views(user_id, course_key, structure, keys, course_team=course_team)
    page = Fragment()
    page.add_resources(fragments.values())
    return RenderedBlocks(
        html={key: fragment.body_html() for key, fragment in fragments.items()},
        head_html=page.head_html(),
        foot_html=page.foot_html(),
    )


def stored_progress_for_users(course_key: str, user_ids: Sequence[int]) -> dict[int, StoredProgressData]:
    """The persisted progress of many learners in one course (one query), by user id; missing ones are absent.

    Reads plain values, not model instances: bulk certificate generation calls it for a chunk of learners at a time.
    """
    fields = ("user_id", "complete_count", "total_count", "grade_percent", "letter", "passed", "completed", "modified")
    key = parse_course_key(course_key)
    key_text = str(key)  # once, not per row: a key's str() re-validates it
    rows = _CourseProgress.objects.filter(course_key=key, user_id__in=ids_in(user_ids))
    return {
        row[0]: StoredProgressData(
            user_id=row[0],
            course_key=key_text,
            complete_count=row[1],
            total_count=row[2],
            grade_percent=row[3],
            letter=row[4] or None,
            passed=row[5],
            completed=row[6],
            modified=row[7],
        )
        for row in rows.values_list(*fields)
    }


from .models import CourseProgress as _CourseProgress  # noqa: E402


def stored_progress_of_learners(user_ids: Sequence[int]) -> dict[tuple[int, str], StoredProgressData]:
    """The persisted progress of many learners in all their courses (one query), by (user id, course key)."""
    rows = _CourseProgress.objects.filter(user_id__in=list(user_ids))
    return {(row.user_id, str(row.course_key)): stored_data(row) for row in rows}


def count_completed(user_ids, *, where=None) -> int:
    """How many stored course progresses of these learners are completed (one query; ``user_ids`` may be a lazy
    query); ``where``: a further condition, e.g. ``courses.api.active_enrollment_exists(kind="online")``."""
    ids = user_ids if hasattr(user_ids, "query") else list(user_ids)
    rows = _CourseProgress.objects.filter(user_id__in=ids, completed=True)
    return (rows.filter(where) if where is not None else rows).count()


__all__ += ["count_completed", "stored_progress_for_users", "stored_progress_of_learners"]

from .block_requests import handle_block_request  # noqa: E402

__all__ += ["handle_block_request"]

from .attempts import AttemptResetData, reset_attempts, reset_history, scored_blocks  # noqa: E402

__all__ += ["AttemptResetData", "reset_attempts", "reset_history", "scored_blocks"]
