"""The events domain's public door: live-event attendance (DESIGN.md §3, §4; CONTRACT.md "Live events").

Every rule is enforced here, for every caller (REST, pages, scripts): only attendance administrators and
platform staff mark or read a roster (``Forbidden``), only registered learners, only once the event has
started (``FieldErrors`` naming the start time). A changed mark is kept in the history and announced with
``signals.ATTENDANCE_CHANGED`` after commit (the certificates domain issues or invalidates on it).
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from ..accounts import api as accounts_api
from ..accounts.data import Actor, ProfileData
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import FieldErrors, Forbidden, NotFound
from ..keys import parse_course_key
from . import rules
from .data import AttendanceData, EventSummary, HistoryEntry, RosterEntry
from .models import Attendance, AttendanceHistory
from .rules import local_time, marking_refusal, phase
from .signals import ATTENDANCE_CHANGED

__all__ = [
    "AttendanceData",
    "EventSummary",
    "HistoryEntry",
    "RosterEntry",
    "attendance_event",
    "attendance_of",
    "attendance_records",
    "can_mark_attendance",
    "events_home",
    "get_live_event",
    "history",
    "import_attendance_csv",
    "is_present",
    "local_time",
    "mark_attendance",
    "mark_many",
    "marked_course_keys",
    "marking_refusal",
    "phase",
    "roster",
]

FORBIDDEN = "Only attendance administrators and platform staff may mark attendance."
NOT_REGISTERED = "'{who}' is not registered for this event."


def can_mark_attendance(actor: Actor) -> bool:
    """Whether the actor may mark attendance (and see rosters) of live events."""
    return accounts_api.permissions.can_mark_attendance(actor)


def get_live_event(course_key: str) -> CourseData:
    """The live event with this key; ``NotFound`` for an unknown course or an online one."""
    course = courses_api.get_course(course_key)
    if not course.is_live_event:
        raise NotFound(f"'{course.course_key}' is not a live event.")
    return course


def attendance_event(course_key: str, actor: Actor) -> CourseData:
    """The live event, for those who may mark it: ``NotFound`` for an unknown event first, then ``Forbidden``."""
    course = get_live_event(course_key)
    if not can_mark_attendance(actor):
        raise Forbidden(FORBIDDEN)
    return course


def is_present(user_id: int, course_key: str) -> bool:
    """True only when the learner is marked present at the event."""
    return attendance_of(user_id, course_key) is True


def attendance_of(user_id: int, course_key: str) -> bool | None:
    """The learner's mark: True present, False absent, None not marked."""
    row = Attendance.objects.filter(user_id=user_id, course_key=parse_course_key(course_key)).values("present").first()
    return row["present"] if row else None


def attendance_records(course_key: str, user_ids: Iterable[int]) -> dict[int, tuple[bool, datetime | None]]:
    """``(present, marked_at)`` of each of these learners whose attendance is marked (one query), by user id."""
    rows = Attendance.objects.filter(course_key=parse_course_key(course_key), user_id__in=list(user_ids))
    return {
        user_id: (present, marked_at)
        for user_id, present, marked_at in rows.values_list("user_id", "present", "marked_at")
    }


def marked_course_keys(user_id: int, course_keys: Iterable[str]) -> set[str]:
    """Which of these events the learner's attendance is marked at (present or absent), in one query."""
    keys = [parse_course_key(k) for k in course_keys]
    if not keys:
        return set()
    rows = Attendance.objects.filter(user_id=user_id, course_key__in=keys).values_list("course_key", flat=True)
    return {str(key) for key in rows}


def _store(user_id: int, course_key: str, present: bool, actor_id: int | None) -> tuple[Attendance, bool]:
    """Write the mark and its history in one transaction; the signal goes out after commit if it changed."""
    key = parse_course_key(course_key)
    now = timezone.now()
    with transaction.atomic():
        row = Attendance.objects.select_for_update().filter(user_id=user_id, course_key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = Attendance.objects.create(
                        user_id=user_id, course_key=key, present=present, marked_at=now, marked_by_id=actor_id
                    )
                previous = None
            except IntegrityError:  # a concurrent request marked them first: change that row instead
                row = Attendance.objects.select_for_update().get(user_id=user_id, course_key=key)
                previous = row.present
        else:
            previous = row.present
        if previous == present:
            return row, False
        if previous is not None:
            row.present, row.marked_at, row.marked_by_id = present, now, actor_id
            row.save(update_fields=["present", "marked_at", "marked_by"])
        AttendanceHistory.objects.create(
            user_id=user_id, course_key=key, previous=previous, present=present, changed_at=now, changed_by_id=actor_id
        )
        transaction.on_commit(
            lambda: ATTENDANCE_CHANGED.send(
                sender=Attendance,
                user_id=user_id,
                course_key=str(key),
                present=present,
                previous=previous,
                actor_id=actor_id,
            )
        )
    return row, True


def _registered(course: CourseData, learner: ProfileData) -> None:
    enrollment = courses_api.get_enrollment(course.course_key, learner.user_id)
    if enrollment is None or not enrollment.is_active:
        raise FieldErrors.single("username", NOT_REGISTERED.format(who=learner.username))


def _check_started(course: CourseData, now: datetime | None) -> None:
    refusal = rules.marking_refusal(course.start, course.time_zone, now or timezone.now())
    if refusal:
        raise FieldErrors.single("present", refusal)


def mark_attendance(
    course_key: str, username: str, present: bool, *, actor: Actor, now: datetime | None = None
) -> AttendanceData:
    """Mark a registered learner (username or e-mail) present or absent.

    ``NotFound`` for an unknown event or learner, ``Forbidden`` without the permission, ``FieldErrors``
    before the start, for a learner not registered, or a value that is not a boolean.
    """
    course = attendance_event(course_key, actor)
    if not isinstance(present, bool):
        raise FieldErrors.single("present", "Must be true or false.")
    _check_started(course, now)
    try:
        learner = accounts_api.get_profile_by_username(str(username or "").strip())
    except NotFound as exc:
        raise NotFound(f"No learner '{username}'.") from exc
    _registered(course, learner)
    row, changed = _store(learner.user_id, course.course_key, present, actor.user_id)
    return AttendanceData(
        username=learner.username,
        course_key=course.course_key,
        present=row.present,
        marked_at=row.marked_at,
        marked_by=_username(row.marked_by_id),
        changed=changed,
    )


def _username(user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id).values_list("username", flat=True).first()


def import_attendance_csv(course_key: str, text: str, *, actor: Actor, now: datetime | None = None) -> list[dict]:
    """Apply a ``username,present`` upload (e-mail addresses too); one result per data row, good rows applied.

    Each result is ``{row, identifier, username, present, status, message}`` with ``status`` one of
    ``applied`` / ``unchanged`` / ``unknown_learner`` / ``not_registered`` / ``bad_value``. The whole file
    is refused (``FieldErrors`` on ``file``) before the start, when it has no rows, or too many.
    """
    course = attendance_event(course_key, actor)
    _check_started(course, now)
    try:
        rows = rules.parse_attendance_csv(text)
    except rules.CsvTooLarge as exc:
        raise FieldErrors.single("file", str(exc)) from exc
    if not rows:
        raise FieldErrors.single("file", "The file has no rows: write one learner per line as username,present.")
    return _apply(course, rows, actor)


def mark_many(
    course_key: str, identifiers: Iterable[str], present: bool, *, actor: Actor, now: datetime | None = None
) -> list[dict]:
    """Mark several learners (usernames or e-mail addresses) at once: the roster's bulk present/absent.

    Results as ``import_attendance_csv``'s (``row`` is the position in ``identifiers``, from 1).
    """
    course = attendance_event(course_key, actor)
    if not isinstance(present, bool):
        raise FieldErrors.single("present", "Must be true or false.")
    _check_started(course, now)
    rows = [
        rules.CsvRow(row=n, identifier=str(i).strip(), present=present, raw_value="")
        for n, i in enumerate(identifiers, start=1)
    ]
    if not rows:
        raise FieldErrors.single("usernames", "Select at least one learner.")
    return _apply(course, rows, actor)


def _apply(course: CourseData, rows: list[rules.CsvRow], actor: Actor) -> list[dict]:
    """Store each good row's mark; one result per row, in order."""
    enrolled = {e.user_id for e in courses_api.course_enrollments(course.course_key)}
    results = []
    for row in rows:
        result = {"row": row.row, "identifier": row.identifier, "username": None, "present": row.present}
        try:
            learner = accounts_api.get_profile_by_username(row.identifier) if row.identifier else None
        except NotFound:
            learner = None
        if learner is None:
            results.append({**result, "status": "unknown_learner", "message": "Unknown learner."})
            continue
        result["username"] = learner.username
        if learner.user_id not in enrolled:
            results.append({**result, "status": "not_registered", "message": "Not registered for this event."})
        elif row.present is None:
            results.append({**result, "status": "bad_value", "message": rules.BAD_VALUE})
        else:
            _, changed = _store(learner.user_id, course.course_key, row.present, actor.user_id)
            message = ("Marked present." if row.present else "Marked absent.") if changed else "Already marked so."
            results.append({**result, "status": "applied" if changed else "unchanged", "message": message})
    return results


def roster(course_key: str, *, actor: Actor, search: str = "") -> list[RosterEntry]:
    """The event's registered learners with their attendance, by name; ``search`` matches name, username,
    e-mail or company (case-insensitive). Constant queries."""
    course = attendance_event(course_key, actor)
    enrollments = courses_api.course_enrollments(course.course_key)
    profiles = accounts_api.get_profiles([e.user_id for e in enrollments])
    company_ids = {p.company_id for p in profiles.values() if p.company_id}
    companies = {cid: c.name for cid, c in accounts_api.get_companies(company_ids).items()} if company_ids else {}
    marks = {
        row.user_id: row
        for row in Attendance.objects.filter(course_key=parse_course_key(course.course_key)).select_related("marked_by")
    }
    needle = (search or "").strip().lower()
    entries = []
    for enrollment in enrollments:
        profile = profiles.get(enrollment.user_id)
        if profile is None:
            continue
        company = companies.get(profile.company_id) if profile.company_id else None
        if needle and not any(
            needle in (v or "").lower() for v in (profile.full_name, profile.username, profile.email, company)
        ):
            continue
        mark = marks.get(enrollment.user_id)
        entries.append(
            RosterEntry(
                user_id=profile.user_id,
                username=profile.username,
                full_name=profile.full_name,
                email=profile.email,
                company=company,
                registered_at=enrollment.created,
                present=mark.present if mark else None,
                marked_at=mark.marked_at if mark else None,
                marked_by=mark.marked_by.get_username() if mark and mark.marked_by else None,
            )
        )
    return sorted(entries, key=lambda e: (e.full_name.lower(), e.username))


def history(course_key: str, *, actor: Actor, username: str | None = None) -> list[HistoryEntry]:
    """Every change of the event's marks (or one learner's), oldest first."""
    course = attendance_event(course_key, actor)
    rows = AttendanceHistory.objects.filter(course_key=parse_course_key(course.course_key)).select_related(
        "user", "changed_by"
    )
    if username:
        rows = rows.filter(user__username=username)
    return [
        HistoryEntry(
            username=row.user.get_username(),
            previous=row.previous,
            present=row.present,
            changed_at=row.changed_at,
            changed_by=row.changed_by.get_username() if row.changed_by else None,
        )
        for row in rows
    ]


def events_home(*, actor: Actor, now: datetime | None = None) -> list[EventSummary]:
    """The live events the actor may mark, in the home's order (``rules.home_order_key``), with counts.

    Empty for anyone without the permission. Two queries, then two per event (events are few).
    """
    if not can_mark_attendance(actor):
        return []
    moment = now or timezone.now()
    events = courses_api.list_courses(kind="live_event")
    if not events:
        return []
    registered = courses_api.enrollment_counts([e.course_key for e in events])
    marks = _enrolled_marks(events)
    summaries = []
    for event in events:
        present, absent = marks.get(event.course_key, (0, 0))
        summaries.append(
            EventSummary(
                course_key=event.course_key,
                title=event.title,
                start=event.start,
                end=event.end,
                time_zone=event.time_zone,
                location=event.location,
                phase=rules.phase(event.start, event.end, moment),
                registered=registered.get(event.course_key, 0),
                present=present,
                absent=absent,
            )
        )
    return sorted(summaries, key=lambda s: rules.home_order_key(s.phase, s.unmarked, s.start))


def _enrolled_marks(events: list[CourseData]) -> dict[str, tuple[int, int]]:
    """(present, absent) counts per event, counting registered learners only."""
    counts: dict[str, tuple[int, int]] = {}
    for event in events:
        user_ids = [e.user_id for e in courses_api.course_enrollments(event.course_key)]
        row = Attendance.objects.filter(course_key=parse_course_key(event.course_key), user_id__in=user_ids).aggregate(
            n_present=Count("pk", filter=Q(present=True)), n_absent=Count("pk", filter=Q(present=False))
        )
        counts[event.course_key] = (row["n_present"], row["n_absent"])
    return counts
