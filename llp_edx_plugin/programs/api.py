"""The programs domain's public functions: pathways and learning programs (docs/decisions/0032-programs.md).

A program's title, certificate template, language and activation live on its own course row, so its
certificate is issued, rendered, invalidated and verified by the one certificates pipeline
(``Issuer.PROGRAM``). This domain decides *when*: the moment its last member is certified, and it withdraws
the program certificate (an invalidation with the reason) when a member's is invalidated or deleted.
"""

__all__ = [
    "MemberData",
    "MemberState",
    "ProgramData",
    "ProgramProgress",
    "create_program",
    "enroll",
    "enroll_as",
    "get_program",
    "is_program",
    "list_programs",
    "member_certificates_changed",
    "member_titles",
    "order_lock",
    "program_progress",
    "progress_for",
    "progress_of",
    "update_program",
    "user_programs",
    "users_programs",
]

from collections.abc import Iterable, Sequence
from contextlib import suppress

from django.db import transaction
from django.utils.translation import gettext as _
from opaque_keys import InvalidKeyError

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..certificates import api as certificates_api
from ..certificates.data import CertificateData
from ..courses import api as courses_api
from ..courses.data import CourseData, EnrollmentData
from ..errors import FieldErrors, Forbidden, NotFound
from ..json_input import bad_text_reason
from ..keys import parse_course_key
from . import rules
from .data import MemberData, MemberState, ProgramData, ProgramProgress
from .models import Program, ProgramKind, ProgramMember

STAFF_ONLY = "Only platform staff manage programs."
# The notes of an invalidation this domain made: re-validating the member lifts only these (ADR 0032).
WITHDRAWN_NOTES = "A training of the program was withdrawn: "
EDITABLE = ("title", "description", "in_order", "members", "certificate_template", "certificate_language")


# --- Reading ---------------------------------------------------------------------------------------------


def _program_row(slug_or_key: str) -> Program:
    """A program by slug (or by its own course key); ``NotFound`` when unknown."""
    value = str(slug_or_key or "")
    row = Program.objects.filter(slug=value).first() if rules.SLUG.match(value) else None
    if row is None and value.startswith("course-v1:"):
        with suppress(InvalidKeyError, ValueError):
            row = Program.objects.filter(course_key=parse_course_key(value)).first()
    if row is None:
        raise NotFound(f"No program '{value}'")
    return row


def _members_of(rows: Iterable[Program]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {row.pk: [] for row in rows}
    for member in ProgramMember.objects.filter(program_id__in=list(found)).order_by("program_id", "position"):
        found[member.program_id].append(str(member.training_key))
    return found


def _to_data(rows: Sequence[Program], members: dict[int, list[str]] | None = None) -> list[ProgramData]:
    """Programs with their members and their courses' settings (three queries for any number)."""
    members = members if members is not None else _members_of(rows)
    keys = {str(r.course_key) for r in rows} | {k for ks in members.values() for k in ks}
    courses = {c.course_key: c for c in courses_api.list_courses(keys)} if keys else {}
    slugs = (
        dict(
            (str(k), s) for k, s in Program.objects.filter(course_key__in=list(keys)).values_list("course_key", "slug")
        )
        if keys
        else {}
    )
    result = []
    for row in rows:
        course = courses[str(row.course_key)]
        result.append(
            ProgramData(
                slug=row.slug,
                course_key=str(row.course_key),
                kind=row.kind,
                title=course.title,
                description=row.description,
                in_order=row.in_order,
                certificate_template=course.certificate_template,
                certificate_language=course.certificate_language,
                members=tuple(
                    MemberData(key=k, title=courses[k].title, kind=courses[k].kind, slug=slugs.get(k))
                    for k in members[row.pk]
                    if k in courses
                ),
            )
        )
    return result


def get_program(slug: str) -> ProgramData:
    """A program by slug (or its own course key); ``NotFound`` when unknown."""
    return _to_data([_program_row(slug)])[0]


def member_titles(course_key: str) -> tuple[str, ...]:
    """The titles of the members of the program whose own key is ``course_key``, in order; () if none."""
    if not is_program(course_key):
        return ()
    return tuple(member.title for member in get_program(course_key).members)


def list_programs() -> list[ProgramData]:
    """Every program, by slug."""
    return _to_data(list(Program.objects.order_by("slug")))


def is_program(course_key: str) -> bool:
    """Whether this course key is a program's own (e.g. given where a course key is expected)."""
    try:
        return Program.objects.filter(course_key=parse_course_key(course_key)).exists()
    except (InvalidKeyError, ValueError):
        return False


# --- Creating and editing (platform staff) ------------------------------------------------------------------


def _require_staff(actor: Actor) -> None:
    if not (actor.is_authenticated and actor.is_platform_staff):
        raise Forbidden(STAFF_ONLY)


def _resolve_members(members: object, own_key: str | None) -> list[str]:
    """Course keys of the member trainings (courses, live events, programs by slug or key), in order."""
    if not isinstance(members, list) or len(members) > rules.MAX_MEMBERS:
        raise FieldErrors.single("members", f"Give a list of up to {rules.MAX_MEMBERS} course keys or program slugs.")
    errors, keys = [], []
    for item in members:
        if not isinstance(item, str) or not item.strip() or bad_text_reason(item):
            errors.append("Each member is a course key or a program slug.")
            continue
        item = item.strip()
        key = None
        if rules.SLUG.match(item):
            row = Program.objects.filter(slug=item).first()
            key = str(row.course_key) if row else None
        else:
            with suppress(InvalidKeyError, ValueError):
                if courses_api.course_exists(item):
                    key = str(parse_course_key(item))
        if key is None:
            errors.append(f"Unknown training '{item[:255]}'.")
        elif key == own_key:
            errors.append(rules.loop_message([_slug_of_key(key)] * 2))
        elif key in keys:
            errors.append(f"'{item[:255]}' is listed twice.")
        else:
            keys.append(key)
    if errors:
        raise FieldErrors({"members": errors})
    return keys


def _slug_of_key(course_key: str) -> str:
    return Program.objects.filter(course_key=parse_course_key(course_key)).values_list("slug", flat=True).first() or ""


def _check_loop(slug: str, member_keys: list[str]) -> None:
    """400 naming the loop when these members would make the program contain itself (e.g. a → b → a).

    Call it inside the transaction that writes the members: every program row is locked first, so two
    concurrent edits (a gets b, b gets a) cannot both pass the check.
    """
    list(Program.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    slug_by_key = {str(k): s for k, s in Program.objects.values_list("course_key", "slug")}
    edges: dict[str, list[str]] = {}
    rows = ProgramMember.objects.filter(training_key__in=[parse_course_key(k) for k in slug_by_key])
    for program_slug, training in rows.values_list("program__slug", "training_key").order_by("program", "position"):
        edges.setdefault(program_slug, []).append(slug_by_key[str(training)])
    loop = rules.find_loop(slug, [slug_by_key[k] for k in member_keys if k in slug_by_key], edges)
    if loop:
        raise FieldErrors.single("members", rules.loop_message(loop))


def _clean_text(errors: dict, field: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        errors[field] = ["Must be a string."]
        return ""
    if bad_text_reason(value) or len(value) > limit:
        errors[field] = [bad_text_reason(value) or f"At most {limit} characters."]
    return value.strip()


def _clean_bool(errors: dict, field: str, value: object) -> bool:
    if not isinstance(value, bool):
        errors[field] = ["Must be true or false."]
        return False
    return value


def _certificate_settings(changes: dict) -> dict:
    return {k: changes[k] for k in ("title", "certificate_template", "certificate_language") if k in changes}


def create_program(
    actor: Actor,
    *,
    slug: object,
    title: object,
    kind: object,
    members: object = (),
    description: object = "",
    in_order: object = False,
    certificate_template: object = None,
    certificate_language: object = None,
) -> ProgramData:
    """A new pathway or learning program (platform staff); ``FieldErrors`` naming each bad field, a loop too.

    Its own course row is created with certificates on and active: its certificate needs no example of its
    own learners to start, as its members' certificates were activated each (ADR 0032).
    """
    _require_staff(actor)
    errors: dict[str, list[str]] = {}
    if rules.slug_error(slug):
        errors["slug"] = [rules.slug_error(slug)]
    elif Program.objects.filter(slug=slug).exists() or courses_api.course_exists(rules.program_course_key(slug)):
        errors["slug"] = ["A program with this slug already exists."]
    if kind not in ProgramKind.values:
        errors["kind"] = [f"Must be one of: {', '.join(ProgramKind.values)}."]
    description = _clean_text(errors, "description", description, 5000)
    in_order = _clean_bool(errors, "in_order", in_order)
    if not isinstance(title, str):
        errors["title"] = ["Must be a string."]
    try:
        member_keys = _resolve_members(list(members) if isinstance(members, tuple) else members, None)
    except FieldErrors as exc:
        errors.update(exc.errors)
        member_keys = []
    if errors:
        raise FieldErrors(errors)
    course_key = rules.program_course_key(slug)
    with transaction.atomic():
        courses_api.create_course(course_key=course_key, title=title, kind=kind, self_paced=True)
        settings = {"certificate_template": certificate_template, "certificate_language": certificate_language}
        settings = {k: v for k, v in settings.items() if v is not None}
        if settings:
            courses_api.update_advanced_settings(course_key, settings)
        courses_api.set_certificates_active(course_key, True)
        row = Program.objects.create(
            course_key=parse_course_key(course_key), slug=slug, kind=kind, description=description, in_order=in_order
        )
        _check_loop(slug, member_keys)
        _write_members(row, member_keys)
    return get_program(slug)


def _write_members(row: Program, member_keys: list[str]) -> None:
    ProgramMember.objects.filter(program=row).delete()
    ProgramMember.objects.bulk_create(
        ProgramMember(program=row, training_key=parse_course_key(k), position=i) for i, k in enumerate(member_keys)
    )


def update_program(actor: Actor, slug: str, changes: object) -> ProgramData:
    """Change a program's title, description, order rule, members, certificate template or language.

    New members are given to the program's learners (enrolled in them); a learner whose members are now all
    certified gets the program certificate. A certificate already issued stays issued (ADR 0032).
    """
    _require_staff(actor)
    row = _program_row(slug)
    if not isinstance(changes, dict):
        raise FieldErrors.single("non_field_errors", "Send a JSON object.")
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(changes) - set(EDITABLE))
    for name in unknown:
        errors[str(name)[:100]] = [f"Not editable; editable fields: {', '.join(EDITABLE)}."]
    values: dict = {}
    if "description" in changes:
        values["description"] = _clean_text(errors, "description", changes["description"], 5000)
    if "in_order" in changes:
        values["in_order"] = _clean_bool(errors, "in_order", changes["in_order"])
    member_keys = None
    if "members" in changes:
        try:
            member_keys = _resolve_members(changes["members"], str(row.course_key))
        except FieldErrors as exc:
            errors.update(exc.errors)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        row = Program.objects.select_for_update().get(pk=row.pk)
        settings = _certificate_settings(changes)
        if settings:
            courses_api.update_advanced_settings(str(row.course_key), settings)
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        if member_keys is not None:
            _check_loop(row.slug, member_keys)
            _write_members(row, member_keys)
    if member_keys is not None:
        program = get_program(row.slug)
        for user_id in courses_api.enrolled_user_ids(program.course_key):
            _enroll_members(program, user_id, None)
            _settle(program, user_id)
    return get_program(row.slug)


# --- Enrolling ------------------------------------------------------------------------------------------------


def _enroll_members(program: ProgramData, user_id: int, assigned_by_id: int | None, seen: set | None = None) -> None:
    seen = seen if seen is not None else {program.slug}
    for member in program.members:
        if member.slug is not None:
            if member.slug in seen:
                continue
            seen.add(member.slug)
            sub = get_program(member.slug)
            courses_api.enroll(sub.course_key, user_id, assigned_by_id=assigned_by_id)
            _enroll_members(sub, user_id, assigned_by_id, seen)
        else:
            with suppress(FieldErrors):  # a full live event: the rest of the program is still given
                courses_api.enroll(member.key, user_id, assigned_by_id=assigned_by_id)


def enroll(slug: str, user_id: int, *, assigned_by_id: int | None = None) -> bool:
    """Enroll a learner in a program and every member training (sub-programs too); whether it is new.

    A learner who already holds every member's certificate gets the program's now.
    """
    program = get_program(slug)
    existing = courses_api.get_enrollment(program.course_key, user_id)
    courses_api.enroll(program.course_key, user_id, assigned_by_id=assigned_by_id)
    _enroll_members(program, user_id, assigned_by_id)
    _settle(program, user_id)
    return existing is None or not existing.is_active


def enroll_as(actor: Actor, slug: str, username: str | None = None) -> bool:
    """Enroll the caller, or another learner, in a program and its members; whether the enrollment is new.

    Who may enroll whom is the courses domain's rule for the program's own course (``courses_api.enroll_as``:
    oneself, platform staff, an employee's Company Admin, who assigns it).
    """
    program = get_program(slug)
    result, created = courses_api.enroll_as(actor, program.course_key, username)
    learner = accounts_api.get_profile_by_username(result.username)
    assigning = result.assigned_by is not None and result.assigned_by == actor.username
    enroll(program.slug, learner.user_id, assigned_by_id=actor.user_id if assigning else None)
    return created


# --- Progress -----------------------------------------------------------------------------------------------


def _progress(program: ProgramData, user_id: int, certificates: dict[str, CertificateData]) -> ProgramProgress:
    statuses = [certificates[m.key].status if m.key in certificates else None for m in program.members]
    certified = [s in rules.CERTIFIED for s in statuses]
    locked = rules.locked(certified, program.in_order)
    return ProgramProgress(
        program=program,
        user_id=user_id,
        members=tuple(
            MemberState(key=m.key, title=m.title, kind=m.kind, certified=c, locked=lock, status=s, slug=m.slug)
            for m, c, lock, s in zip(program.members, certified, locked, statuses, strict=True)
        ),
        percent=rules.percent(certified),
        complete=rules.complete(certified),
        certificate=certificates.get(program.course_key),
    )


def program_progress(slug: str, user_id: int) -> ProgramProgress:
    """A learner's progress in a program: each member certified or not, and the program's certificate."""
    program = get_program(slug)
    certificates = {c.course_key: c for c in certificates_api.certificates_for_users([user_id])}
    return _progress(program, user_id, certificates)


def progress_for(actor: Actor, slug: str, username: str | None = None) -> ProgramProgress:
    """The caller's progress, or (``username``) a learner's for staff, the learner, or their Company Admin.

    Anyone else asking about a learner gets ``NotFound`` (no hint that the username exists).
    """
    get_program(slug)  # 404 for an unknown program before anything about the learner
    if not username:
        return program_progress(slug, actor.user_id)
    try:
        target = accounts_api.get_profile_by_username(username)
    except NotFound:
        if actor.is_platform_staff:
            raise
        raise NotFound(f"No learner '{username}'") from None
    allowed = (
        actor.is_platform_staff
        or actor.user_id == target.user_id
        or accounts_api.permissions.is_company_admin_of(actor, target)
    )
    if not allowed:
        raise NotFound(f"No learner '{username}'")
    return program_progress(slug, target.user_id)


def progress_of(
    enrollments: Iterable[EnrollmentData], certificates: Iterable[CertificateData]
) -> dict[tuple[int, str], ProgramProgress]:
    """Progress of the program enrollments among ``enrollments``, from the learners' ``certificates`` already
    read, by (user id, program course key); no query when none is a program's."""
    enrollments = list(enrollments)
    keys = {e.course_key for e in enrollments}
    if not keys:
        return {}
    rows = list(Program.objects.filter(course_key__in=[parse_course_key(k) for k in keys]).order_by("slug"))
    if not rows:
        return {}
    programs = {p.course_key: p for p in _to_data(rows)}
    by_user: dict[int, dict[str, CertificateData]] = {}
    for cert in certificates:
        by_user.setdefault(cert.user_id, {})[cert.course_key] = cert
    return {
        (e.user_id, e.course_key): _progress(programs[e.course_key], e.user_id, by_user.get(e.user_id, {}))
        for e in enrollments
        if e.course_key in programs
    }


def users_programs(user_ids: Iterable[int]) -> dict[int, list[ProgramProgress]]:
    """The programs each learner is enrolled in, with their progress (a constant number of queries)."""
    ids = list(user_ids)
    result: dict[int, list[ProgramProgress]] = {user_id: [] for user_id in ids}
    enrollments = courses_api.enrollments_for_users(ids)
    programs = courses_api.list_courses({e.course_key for e in enrollments}, kind=None) if enrollments else []
    program_keys = {c.course_key for c in programs if c.is_program}
    enrollments = [e for e in enrollments if e.course_key in program_keys]
    if not enrollments:
        return result
    certificates = certificates_api.certificates_for_users(ids)
    found = progress_of(enrollments, certificates)
    for (user_id, _key), progress in sorted(found.items(), key=lambda item: item[1].program.slug):
        result[user_id].append(progress)
    return result


def user_programs(user_id: int) -> list[ProgramProgress]:
    """The programs a learner is enrolled in, with their progress."""
    return users_programs([user_id])[user_id]


def order_lock(course_key: str, user_id: int) -> str | None:
    """Why the learner may not start this training yet, or None: an in-order program they follow has an
    earlier member not certified yet (one query when the training is in no in-order program)."""
    try:
        key = parse_course_key(course_key)
    except (InvalidKeyError, ValueError):
        return None
    slugs = list(
        ProgramMember.objects.filter(training_key=key, program__in_order=True).values_list("program__slug", flat=True)
    )
    for slug in sorted(slugs):
        program = get_program(slug)
        enrollment = courses_api.get_enrollment(program.course_key, user_id)
        if enrollment is None or not enrollment.is_active:
            continue
        progress = program_progress(slug, user_id)
        states = {m.key: m for m in progress.members}
        if states[str(key)].locked:
            previous = next(m for m in progress.members if not m.certified)
            return _("Complete '{previous}' first: {program} takes its trainings in order.").format(
                previous=previous.title, program=program.title
            )
    return None


# --- Issuing and withdrawing the program certificate ----------------------------------------------------


def _settle(program: ProgramData, user_id: int) -> None:
    """Issue (or restore) the program certificate if every member is certified and the learner is enrolled.

    Safe when two member certificates arrive at once: issuing is idempotent (a unique row per learner and
    training), and a restore locks the row.
    """
    progress = program_progress(program.slug, user_id)
    if not progress.complete:
        return
    cert = progress.certificate
    if cert is not None and cert.status == "invalidated":
        if _withdrawn_by_program(program.course_key, cert.username):
            with suppress(FieldErrors, NotFound):  # lifted already by a concurrent member change
                certificates_api.revalidate(program.course_key, cert.username)
        return
    if cert is not None and cert.status in (*rules.CERTIFIED, "deleted"):
        return  # issued already; or deleted by staff, which only staff undo
    with suppress(certificates_api.NotQualified, FieldErrors, NotFound):  # not enrolled, certificates off
        certificates_api.issue(
            user_id, program.course_key, issuer=certificates_api.Issuer.PROGRAM, program_complete=True
        )


def _withdrawn_by_program(course_key: str, username: str) -> bool:
    return any(
        item.username == username and item.notes.startswith(WITHDRAWN_NOTES)
        for item in certificates_api.list_invalidations(course_key)
    )


def _member_reason(member: CourseData, user_id: int, status: str) -> str:
    if status == "deleted":
        return f"{WITHDRAWN_NOTES}{member.title} (certificate deleted)"
    username = accounts_api.get_profile(user_id).username
    notes = next(
        (i.notes for i in certificates_api.list_invalidations(member.course_key) if i.username == username), ""
    )
    return f"{WITHDRAWN_NOTES}{member.title} (certificate invalidated{': ' + notes if notes else ''})"[:1000]


def _withdraw(program: ProgramData, user_id: int, reason: str) -> None:
    """Invalidate the learner's program certificate, with the member's reason (DESIGN.md §4)."""
    cert = certificates_api.certificate_for(user_id, program.course_key)
    if cert is None or cert.status not in rules.CERTIFIED:
        return
    if cert.status == "generating":
        certificates_api.render_certificate(cert.id)  # only an issued (rendered) certificate is invalidated
    with suppress(FieldErrors, NotFound):  # invalidated already by a concurrent change
        certificates_api.invalidate(program.course_key, cert.username, reason)


def member_certificates_changed(course_key: str, changes: Sequence) -> None:
    """A training's certificates changed (``certificates.signals.CERTIFICATES_CHANGED``): settle its programs.

    Certified (issued, re-validated, restored) -> issue or restore the program certificate if it was the
    last; invalidated or deleted -> invalidate the program's with the reason. The program certificate's own
    changes come back here for the programs containing it: nested programs cascade.
    """
    try:
        key = parse_course_key(course_key)
    except (InvalidKeyError, ValueError):
        return
    program_ids = list(ProgramMember.objects.filter(training_key=key).values_list("program_id", flat=True))
    if not program_ids:
        return  # the common case (and every bulk chunk of a course in no program): one query
    programs = _to_data(list(Program.objects.filter(pk__in=program_ids).order_by("slug")))
    member = courses_api.get_course(course_key)
    for change in changes:
        now_certified = change.status in rules.CERTIFIED
        if now_certified and change.previous not in rules.CERTIFIED:
            for program in programs:
                _settle(program, change.user_id)
        elif change.status in rules.WITHDRAWN and change.previous not in rules.WITHDRAWN:
            reason = _member_reason(member, change.user_id, change.status)
            for program in programs:
                _withdraw(program, change.user_id, reason)
