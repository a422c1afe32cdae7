"""The courses domain's public functions: other domains call these, never the models."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Exists, F, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_noop
from opaque_keys.edx.keys import CourseKey

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..compiled_queries import CompiledValues
from ..errors import FieldErrors, Forbidden, NotFound
from ..json_input import bad_text_reason, in_utc_range
from ..keys import parse_course_key, parse_usage_key
from . import videos
from .data import AssignmentTypeData, BlockData, CourseData, EnrollmentData, GradingPolicyData, VideoData
from .models import Course, CourseBlock, CourseKind, Enrollment

__all__ = [
    "BlockData",
    "CourseData",
    "EnrollmentData",
    "GradingPolicyData",
    "VideoData",
    "active_enrollment_exists",
    "count_active_enrollments",
    "course_enrollments",
    "course_exists",
    "courseware_access",
    "create_course",
    "enroll",
    "enrolled_count",
    "enrolled_user_ids",
    "enrolled_user_ids_after",
    "enrollment_counts",
    "enrollments_for_users",
    "get_course",
    "get_course_for_learner",
    "get_enrollment",
    "get_structure",
    "list_courses",
    "structure_and_access",
    "ungradable_problems",
    "user_enrollments",
]


def grading_policy_data(policy: dict) -> GradingPolicyData:
    """Turn a stored (already validated) grading policy JSON into data, cutoffs highest first."""
    types = tuple(
        AssignmentTypeData(
            type=str(item["type"]),
            short_label=str(item.get("short_label") or ""),
            weight=float(item.get("weight", 0)),
            min_count=int(item.get("min_count", 0)),
            drop_count=int(item.get("drop_count", 0)),
        )
        for item in policy.get("assignment_types", [])
    )
    cutoffs = tuple(
        sorted(((str(k), float(v)) for k, v in policy.get("grade_cutoffs", {}).items()), key=lambda kv: -kv[1])
    )
    return GradingPolicyData(assignment_types=types, grade_cutoffs=cutoffs)


def course_data(course: Course) -> CourseData:
    """Data of a Course row (for this domain's own modules; other domains use ``get_course``)."""
    return CourseData(
        course_key=str(course.course_key),
        title=course.title,
        kind=course.kind,
        self_paced=course.self_paced,
        start=course.start,
        end=course.end,
        issues_certificates=course.issues_certificates,
        certificates_display_behavior=course.certificates_display_behavior,
        certificate_available_date=course.certificate_available_date,
        learner_generated_certificates=course.learner_generated_certificates,
        certificate_template=course.certificate_template,
        certificate_language=course.certificate_language,
        certificates_active=course.certificates_active,
        time_zone=course.time_zone,
        grading_policy=grading_policy_data(course.grading_policy or {}),
        location=course.location,
        join_url=course.join_url,
        capacity=course.capacity,
    )


_STRUCTURE_FIELDS = (
    "pk",
    "parent_id",
    "block_type",
    "block_id",
    "order",
    "display_name",
    "graded",
    "assignment_type",
    "supported",
    "fields",
    "content",
    "team_duration",
    "measured_duration",
)


def _get_course_row(course_key: "str") -> Course:
    try:
        key = parse_course_key(course_key)
    except Exception as exc:  # InvalidKeyError and friends
        raise NotFound(f"Unknown course '{course_key}'") from exc
    course = Course.objects.filter(course_key=key).first()
    if course is None:
        raise NotFound(f"Unknown course '{course_key}'")
    return course


def get_course(course_key: str) -> CourseData:
    """A course with its Advanced Settings; ``NotFound`` when unknown or malformed."""
    return course_data(_get_course_row(course_key))


def get_course_for_learner(course_key: "str | CourseKey", user_id: int) -> tuple[CourseData, bool]:
    """A course and whether the learner is actively enrolled in it, in one query; ``NotFound`` when unknown."""
    try:
        key = parse_course_key(course_key)
    except Exception as exc:  # InvalidKeyError and friends
        raise NotFound(f"Unknown course '{course_key}'") from exc
    enrolled = Enrollment.objects.filter(course=OuterRef("pk"), user_id=user_id, is_active=True)
    row = Course.objects.filter(course_key=key).annotate(learner_enrolled=Exists(enrolled)).first()
    if row is None:
        raise NotFound(f"Unknown course '{course_key}'")
    return course_data(row), row.learner_enrolled


def course_exists(course_key: str) -> bool:
    """Whether a course with this key exists."""
    try:
        _get_course_row(course_key)
    except NotFound:
        return False
    return True


def list_courses(course_keys: Iterable[str] | None = None, *, kind: str | None = None) -> list[CourseData]:
    """All courses (or those with the given keys, or of one kind), by title."""
    queryset = Course.objects.all()
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    if course_keys is not None:
        queryset = queryset.filter(course_key__in=[parse_course_key(k) for k in course_keys])
    return [course_data(course) for course in queryset]


def create_course(
    *,
    course_key: str,
    title: str,
    kind: str = CourseKind.ONLINE,
    self_paced: bool = False,
    start=None,
    end=None,
    issues_certificates: bool = True,
) -> CourseData:
    """Create an empty course or a live event; ``FieldErrors`` for bad values or a taken key."""
    errors: dict[str, list[str]] = {}
    try:
        key = parse_course_key(course_key)
    except Exception:
        errors["course_key"] = ["Not a valid course key (course-v1:ORG+NUMBER+RUN)."]
        key = None
    if not (title or "").strip():
        errors["title"] = ["This field is required."]
    elif bad_text_reason(title):
        errors["title"] = [bad_text_reason(title)]
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, datetime) and value.tzinfo is not None and not in_utc_range(value):
            errors[name] = ["The date is out of range (years 1 to 9999 in UTC)."]
    if kind not in CourseKind.values:
        errors["kind"] = [f"Must be one of: {', '.join(CourseKind.values)}."]
    if start and end and end <= start:
        errors["end"] = ["The end must be after the start."]
    if key is not None and Course.objects.filter(course_key=key).exists():
        errors["course_key"] = ["A course with this key already exists."]
    if errors:
        raise FieldErrors(errors)
    try:
        with transaction.atomic():
            course = Course.objects.create(
                course_key=key,
                title=title.strip(),
                kind=kind,
                self_paced=self_paced,
                start=start,
                end=end,
                issues_certificates=issues_certificates,
            )
    except IntegrityError as exc:
        raise FieldErrors.single("course_key", "A course with this key already exists.") from exc
    return course_data(course)


def get_structure(course_key: str) -> list[BlockData]:
    """Every block of the course in course order: one query (two for an empty or unknown course)."""
    try:
        key = parse_course_key(course_key)
    except Exception as exc:  # InvalidKeyError and friends
        raise NotFound(f"Unknown course '{course_key}'") from exc
    rows = list(_structure_rows(key))
    if not rows:
        _get_course_row(course_key)  # NotFound for an unknown course; an empty course has no blocks
    return _structure(rows)


def structure_and_access(course_key: str, user_id: int) -> tuple[list[BlockData], bool, str | None]:
    """``(get_structure(course_key), *courseware_access(course_key, user_id))`` in one query (the handlers'
    hot path: each learner's report reads both); an empty or unknown course falls back to the two calls."""
    try:
        key = parse_course_key(course_key)
    except Exception as exc:  # InvalidKeyError and friends
        raise NotFound(f"Unknown course '{course_key}'") from exc
    rows = _STRUCTURE_AND_ACCESS.rows(course_key=str(key), user_id=user_id)
    if not rows:
        return get_structure(course_key), *courseware_access(course_key, user_id)
    first = rows[0]
    blocked = _blocked_reason(first["llp_issues"], first["llp_active"]) if first["llp_enrolled"] else None
    return _structure(rows), bool(first["llp_enrolled"]), blocked


def _structure_and_access_rows(course_key: str, user_id: int):
    enrolled = Enrollment.objects.filter(course=OuterRef("course"), user_id=user_id, is_active=True)
    return _structure_rows(parse_course_key(course_key)).annotate(
        llp_enrolled=Exists(enrolled),
        llp_issues=F("course__issues_certificates"),
        llp_active=F("course__certificates_active"),
    )


# Compiled once (the handler's hot path, ADR 0035): the sentinels stand for the course key and the user id.
_STRUCTURE_AND_ACCESS = CompiledValues(
    _structure_and_access_rows, course_key="course-v1:LLP+SENTINEL+0", user_id=-987654321
)


def _structure_rows(key: CourseKey):
    # The key comes back as text: parsing hundreds of opaque keys per request costs more than the query.
    return (
        CourseBlock.objects.filter(course__course_key=key)
        .order_by("order")
        .values(*_STRUCTURE_FIELDS, key_text=Cast("usage_key", CharField()))
    )


def _structure(rows: list[dict]) -> list[BlockData]:
    keys_by_id = {row["pk"]: row["key_text"] for row in rows}
    return [
        BlockData(
            usage_key=row["key_text"],
            block_type=row["block_type"],
            block_id=row["block_id"],
            parent=keys_by_id.get(row["parent_id"]),
            order=row["order"],
            display_name=row["display_name"],
            graded=row["graded"],
            assignment_type=row["assignment_type"],
            supported=row["supported"],
            fields=_block_fields(row),
            content=row["content"],
        )
        for row in rows
    ]


def _block_fields(row: dict) -> dict:
    """The block's settings; a video's ``duration`` is the one that counts (``videos.effective_duration``)."""
    fields = dict(row["fields"] or {})
    if row["block_type"] in videos.VIDEO_TYPES:
        duration, _source = videos.effective_duration(
            fields.get("duration"), row["team_duration"], row["measured_duration"]
        )
        if duration is None:
            fields.pop("duration", None)
        else:
            fields["duration"] = duration
    return fields


def _enrollment_data(enrollment: Enrollment, course_key: str) -> EnrollmentData:
    return EnrollmentData(
        user_id=enrollment.user_id,
        course_key=course_key,
        is_active=enrollment.is_active,
        assigned_by_id=enrollment.assigned_by_id,
        created=enrollment.created,
    )


def enroll(course_key: str, user_id: int, *, assigned_by_id: int | None = None) -> tuple[EnrollmentData, bool]:
    """Enroll (or re-activate) a learner; returns the enrollment and whether it was created."""
    course = _get_course_row(course_key)
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise NotFound(f"No user with id {user_id}")
    with transaction.atomic():
        _check_capacity(course, user_id)
        try:
            with transaction.atomic():
                enrollment, created = Enrollment.objects.get_or_create(
                    user_id=user_id, course=course, defaults={"assigned_by_id": assigned_by_id}
                )
        except IntegrityError:  # a concurrent request enrolled them first
            enrollment, created = Enrollment.objects.get(user_id=user_id, course=course), False
        changed = []
        if not enrollment.is_active:
            enrollment.is_active = True
            changed.append("is_active")
        if assigned_by_id and enrollment.assigned_by_id != assigned_by_id:
            enrollment.assigned_by_id = assigned_by_id
            changed.append("assigned_by")
        if changed:
            enrollment.save(update_fields=changed)
    return _enrollment_data(enrollment, str(course.course_key)), created


def _check_capacity(course: Course, user_id: int) -> None:
    """A live event with a capacity takes no new registration once full (``FieldErrors`` on ``course_key``).

    The course row is locked first, so two registrations for the last place cannot both succeed.
    """
    if course.kind != CourseKind.LIVE_EVENT or course.capacity is None:
        return
    if Enrollment.objects.filter(user_id=user_id, course=course, is_active=True).exists():
        return  # already registered: nothing new to take
    capacity = Course.objects.select_for_update().values_list("capacity", flat=True).get(pk=course.pk)
    if capacity is not None and Enrollment.objects.filter(course=course, is_active=True).count() >= capacity:
        raise FieldErrors.single("course_key", f"This event is full: all {capacity} places are taken.")


def get_enrollment(course_key: str, user_id: int) -> EnrollmentData | None:
    """The learner's enrollment in the course, or None."""
    course = _get_course_row(course_key)
    enrollment = Enrollment.objects.filter(user_id=user_id, course=course).first()
    return _enrollment_data(enrollment, str(course.course_key)) if enrollment else None


def courseware_access(course_key: str, user_id: int) -> tuple[bool, str | None]:
    """``(enrolled, blocked_reason)`` of a learner in a course, in one light query (the handlers' hot path)."""
    try:
        key = parse_course_key(course_key)
    except Exception:
        return False, None
    row = (
        Enrollment.objects.filter(user_id=user_id, course__course_key=key, is_active=True)
        .values_list("course__issues_certificates", "course__certificates_active")
        .first()
    )
    if row is None:
        return False, None
    return True, _blocked_reason(*row)


def enrolled_user_ids(course_key: str) -> list[int]:
    """Ids of the course's actively enrolled learners, in enrollment order."""
    course = _get_course_row(course_key)
    return list(
        Enrollment.objects.filter(course=course, is_active=True).order_by("pk").values_list("user_id", flat=True)
    )


def enrolled_user_ids_after(course_key: str, after: int, limit: int) -> list[int]:
    """The next ``limit`` ids of the course's actively enrolled learners above ``after``, by user id.

    Keyset pages for walking a course of any size: each page is one indexed query whose cost does not grow
    with the course, and no caller holds every id at once (P1).
    """
    course = _get_course_row(course_key)
    rows = Enrollment.objects.filter(course=course, is_active=True, user_id__gt=after).order_by("user_id")
    return list(rows.values_list("user_id", flat=True)[:limit])


def enrolled_count(course_key: str) -> int:
    """How many learners are actively enrolled in the course."""
    return Enrollment.objects.filter(course=_get_course_row(course_key), is_active=True).count()


def course_enrollments(course_key: str, *, user_ids: Iterable[int] | None = None) -> list[EnrollmentData]:
    """The course's active enrollments (or those of some learners), in enrollment order."""
    course = _get_course_row(course_key)
    rows = Enrollment.objects.filter(course=course, is_active=True)
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    return [_enrollment_data(e, str(course.course_key)) for e in rows.order_by("pk")]


def enrollment_counts(course_keys: Iterable[str]) -> dict[str, int]:
    """Active enrollments per course key (one query); a course without any is absent from the result."""
    keys = [parse_course_key(k) for k in course_keys]
    rows = (
        Enrollment.objects.filter(course__course_key__in=keys, is_active=True)
        .values("course__course_key")
        .annotate(n=Count("pk"))
    )
    return {str(row["course__course_key"]): row["n"] for row in rows}


def user_enrollments(user_id: int) -> list[EnrollmentData]:
    """A learner's active enrollments, newest first."""
    rows = Enrollment.objects.filter(user_id=user_id, is_active=True).select_related("course").order_by("-created")
    return [_enrollment_data(e, str(e.course.course_key)) for e in rows]


def count_active_enrollments(user_ids: Iterable[int]) -> int:
    """How many active enrollments these learners have in all (one query; ``user_ids`` may be a lazy query)."""
    ids = user_ids if hasattr(user_ids, "query") else list(user_ids)
    return Enrollment.objects.filter(user_id__in=ids, is_active=True).count()


def active_enrollment_exists(*, user: str = "user_id", course_key: str = "course_key", kind: str | None = None):
    """A condition for another domain's rows: their learner (field ``user``) is actively enrolled in their course
    (field ``course_key``), of ``kind`` ("online", "live_event") if given. Lets a count join the enrollments in
    SQL (one query) instead of reading them all."""
    rows = Enrollment.objects.filter(user_id=OuterRef(user), course__course_key=OuterRef(course_key), is_active=True)
    if kind is not None:
        rows = rows.filter(course__kind=kind)
    return Exists(rows)


def enrollments_for_users(user_ids: Iterable[int]) -> list[EnrollmentData]:
    """Active enrollments of many learners (one query), oldest first: a Company Admin's view of their employees."""
    rows = (
        Enrollment.objects.filter(user_id__in=list(user_ids), is_active=True)
        .select_related("course")
        .order_by("created", "pk")
    )
    return [_enrollment_data(e, str(e.course.course_key)) for e in rows]


def set_team_role(course_key: str, username: str, role: str | None) -> None:
    """Put ``username`` on an existing course's team as ``role`` (None removes them); ``NotFound`` if unknown."""
    course = _get_course_row(course_key)
    accounts_api.set_course_role(str(course.course_key), username, role)


from .advanced_settings import (  # noqa: E402
    certificate_template_names,
    get_advanced_settings,
    register_certificate_templates,
    register_settings_warning,
    update_advanced_settings,
)
from .grading_policy import grading_policy_warnings  # noqa: E402

__all__ += [
    "certificate_template_names",
    "get_advanced_settings",
    "grading_policy_warnings",
    "register_certificate_templates",
    "register_settings_warning",
    "update_advanced_settings",
]


from .olx.access import may_attempt_import  # noqa: E402
from .olx.importer import ImportReport, import_olx  # noqa: E402

__all__ += ["ImportReport", "import_olx", "may_attempt_import"]


def set_certificates_active(course_key: str, active: bool) -> CourseData:
    """Turn certificates on or off for the course (the instructor domain checks the preconditions)."""
    course = _get_course_row(course_key)
    Course.objects.filter(pk=course.pk).update(certificates_active=bool(active))
    course.refresh_from_db()
    return course_data(course)


def set_learner_generated(course_key: str, enabled: bool) -> CourseData:
    """Let learners of an instructor-paced course be issued certificates as they qualify (or not)."""
    course = _get_course_row(course_key)
    Course.objects.filter(pk=course.pk).update(learner_generated_certificates=bool(enabled))
    course.refresh_from_db()
    return course_data(course)


COURSEWARE_BLOCKED_MESSAGE = gettext_noop(
    "This course has not started yet: the course team is still setting up its certificates. Please check back soon."
)


def _blocked_reason(issues_certificates: bool, certificates_active: bool) -> str | None:
    from ..conf import llp_setting  # the site-wide certificates switch: off, nothing waits for certificates

    if llp_setting("ENABLED") and issues_certificates and not certificates_active:
        return COURSEWARE_BLOCKED_MESSAGE
    return None


def courseware_blocked_reason(course: CourseData) -> str | None:
    """Why learners get no courseware yet, or None: a course that issues certificates needs them activated first."""
    return _blocked_reason(course.issues_certificates, course.certificates_active)


__all__ += ["courseware_blocked_reason", "set_certificates_active", "set_learner_generated"]

# Enrolling on someone's behalf (the REST API's enrollments endpoint).
from .enrollment_rules import MAY_NOT_ENROLL, EnrollmentResult, enrollment_target  # noqa: E402


def enroll_as(actor: Actor, course_key: str, username: str | None = None) -> tuple[EnrollmentResult, bool]:
    """Enroll the caller (no ``username``) or, if allowed, another user; whether the enrollment is new.

    404 unknown course; 403 enrolling someone one may not; 400 ``username`` unknown. A Company Admin enrolling
    an employee of their company assigns the training (``assigned_by``).
    """
    course = get_course(course_key)
    target = enrollment_target(actor, username)
    if not accounts_api.permissions.can_enroll(actor, target):
        raise Forbidden(MAY_NOT_ENROLL)
    assigning = accounts_api.permissions.is_company_admin_of(actor, target)
    enrollment, created = enroll(course.course_key, target.user_id, assigned_by_id=actor.user_id if assigning else None)
    assigned_by = None
    if enrollment.assigned_by_id is not None:
        assigned_by = accounts_api.get_profile(enrollment.assigned_by_id).username
    result = EnrollmentResult(
        username=target.username,
        course_key=enrollment.course_key,
        is_active=enrollment.is_active,
        assigned_by=assigned_by,
        created=enrollment.created,
    )
    return result, created


__all__ += ["EnrollmentResult", "enroll_as"]

# --- Videos: durations come from the course, never from the learner (courses/videos.py) --------------


def _video_data(row: CourseBlock) -> VideoData:
    fields = row.fields or {}
    duration, source = videos.effective_duration(fields.get("duration"), row.team_duration, row.measured_duration)
    return VideoData(
        usage_key=str(row.usage_key),
        block_type=row.block_type,
        display_name=row.display_name,
        src=videos.video_source(fields, row.content),
        required=row.supported,
        duration=duration,
        source=source,
        olx_duration=videos.parse_video_duration(fields.get("duration")),
        measured_duration=row.measured_duration,
        team_duration=row.team_duration,
    )


def list_videos(course_key: str) -> list[VideoData]:
    """The course's videos in course order, with their durations; ``NotFound`` for an unknown course."""
    course = _get_course_row(course_key)
    rows = CourseBlock.objects.filter(course=course, block_type__in=sorted(videos.VIDEO_TYPES)).order_by("order")
    return [_video_data(row) for row in rows]


def videos_without_duration(course_key: str) -> list[VideoData]:
    """The course's required videos that have no duration yet (they block activation and completion)."""
    return [video for video in list_videos(course_key) if video.required and video.duration is None]


def set_video_duration(course_key: str, usage_key: str, duration: object) -> VideoData:
    """Set (seconds) or clear (None) the course team's duration of a video; the caller checks permission.

    ``NotFound`` for an unknown course or a block that is not one of its videos; ``FieldErrors`` on
    ``duration`` for anything but a positive number of seconds up to 24 hours (or null).
    """
    course = _get_course_row(course_key)
    try:
        key = parse_usage_key(usage_key)
    except Exception as exc:  # InvalidKeyError and friends
        raise NotFound(f"Unknown block '{usage_key}'") from exc
    row = CourseBlock.objects.filter(course=course, usage_key=key, block_type__in=sorted(videos.VIDEO_TYPES)).first()
    if row is None:
        raise NotFound(f"No video '{usage_key}' in {course.course_key}")
    if duration is None:
        seconds = None
    else:
        seconds = videos.parse_video_duration(duration) if isinstance(duration, int | float) else None
        if seconds is None:
            raise FieldErrors.single(
                "duration", f"Must be a number of seconds greater than 0 and at most {videos.MAX_VIDEO_DURATION_S:g}."
            )
    CourseBlock.objects.filter(pk=row.pk).update(team_duration=seconds)
    row.team_duration = seconds
    return _video_data(row)


video_source = videos.video_source

__all__ += ["list_videos", "set_video_duration", "video_source", "videos_without_duration"]


def ungradable_problems(course_key: str) -> list[BlockData]:
    """The graded problems that cannot be graded here (script answers, ``customresponse``): out of the grade.

    Graded: in a graded sequential and not ``graded="false"`` (on the problem or inherited at import).
    """
    graded_sequentials: set[str] = set()
    sequential_of: dict[str, str | None] = {}
    found = []
    for block in get_structure(course_key):
        if block.block_type == "sequential":
            sequential_of[block.usage_key] = block.usage_key
            if block.graded:
                graded_sequentials.add(block.usage_key)
            continue
        sequential_of[block.usage_key] = sequential_of.get(block.parent) if block.parent else None
        if (
            block.block_type == "problem"
            and not block.supported
            and block.fields.get("graded") is not False
            and sequential_of[block.usage_key] in graded_sequentials
        ):
            found.append(block)
    return found
