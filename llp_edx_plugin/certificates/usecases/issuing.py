"""Issuing, one learner or many, and regenerating: the use cases every issuer calls (DESIGN.md §4).

Single issuing (self-paced completion, Request Certificate / Finish, attendance, programs) and bulk issuing
(the instructor's generation) share every line that decides or writes: ``may_issue_now`` says whether the
issuer may issue in the course, ``eligibility.qualifies`` whether the learner qualifies, ``Snapshots`` what the
certificate prints, and the store writes the row and its history with the actor and the reason. They differ
only in how they read: one learner at a time, or a chunk with a constant number of queries (P1).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from ...accounts import api as accounts_api
from ...accounts.data import ProfileData
from ...courses import api as courses_api
from ...courses.data import CourseData
from ...errors import DomainError, FieldErrors, NotFound
from ...events import api as events_api
from ...keys import parse_course_key
from ...learning import api as learning_api
from .. import allowlist, custom_templates, display, eligibility, store
from ..constants import BUILT_IN_TEMPLATE, ISSUED, REGENERABLE_ONE, CertificateStatus
from ..data import CertificateData
from ..issuers import PROGRAM_INCOMPLETE, IssueFacts, Issuer, may_issue_now
from ..models import Certificate
from ..snapshot import Snapshot, stored_grade, take_snapshot

# Without statuses, a bulk run decides learners with no record yet and re-decides those recorded not passing.
DEFAULT_STATUSES = (CertificateStatus.NOTPASSING,)
INVALIDATED_REQUIREMENT = {"code": "invalidated", "message": display.INVALIDATED}


class NotQualified(DomainError):
    """The learner does not qualify: ``requirements`` lists every unmet rule ({code, message, block_id?})."""

    def __init__(self, requirements: list[dict]):
        self.requirements = requirements
        super().__init__("You do not qualify for a certificate yet.")


@dataclass(frozen=True)
class ChunkCounts:
    """What one run did to a set of learners; ``generating_ids`` are the certificates it set to generating."""

    issued: int = 0
    notpassing: int = 0
    skipped: int = 0
    errors: int = 0
    generating_ids: tuple[int, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, int]:
        return {"issued": self.issued, "notpassing": self.notpassing, "skipped": self.skipped, "errors": self.errors}


def issue_facts(course: CourseData, *, program_complete: bool = False) -> IssueFacts:
    return IssueFacts(
        kind=course.kind,
        issues_certificates=course.issues_certificates,
        certificates_active=course.certificates_active,
        self_paced=course.self_paced,
        learner_generated=course.learner_generated_certificates,
        program_complete=program_complete,
    )


def check_may_issue(issuer: Issuer, course: CourseData, *, program_complete: bool = False) -> None:
    """``FieldErrors`` (400) with the reason when this issuer may not issue in the course now."""
    reason = may_issue_now(issuer, issue_facts(course, program_complete=program_complete))
    if reason is not None:
        raise FieldErrors.single("course_key", reason)


class Snapshots:
    """The issue-time snapshot of the learners of one course.

    The template version is looked up once, and each company's name and logo copy once per run: bulk
    generation takes one logo copy per company and chunk, single issuing one per certificate.
    """

    def __init__(self, course: CourseData, key: CourseKey):
        self.course = course
        configured = course.certificate_template or BUILT_IN_TEMPLATE
        self._latest = None if configured == BUILT_IN_TEMPLATE else custom_templates.latest_version(key, configured)
        self._companies: dict[int, tuple[str, str]] = {}

    def _company(self, company_id: int) -> tuple[str, str]:
        if company_id not in self._companies:
            company = accounts_api.get_company(company_id)
            self._companies[company_id] = (company.name, store.copy_logo(company.logo_path))
        return self._companies[company_id]

    def of(self, profile: ProfileData) -> Snapshot:
        company_name, company_logo = self._company(profile.company_id) if profile.company_id is not None else ("", "")
        return take_snapshot(
            learner_name=profile.full_name,
            course_title=self.course.title,
            configured_template=self.course.certificate_template,
            latest_version=self._latest,
            language=self.course.certificate_language,
            time_zone=self.course.time_zone,
            company_name=company_name,
            company_logo=company_logo,
        )


def _facts(
    user_id: int, course: CourseData, key: CourseKey, *, program_complete: bool = False
) -> tuple[eligibility.EligibilityFacts, str]:
    """The learner's facts from what is stored (one query in the common case), and the grade to keep."""
    if course.is_program:  # the programs domain checked every member: it says so with ``program_complete``
        return eligibility.EligibilityFacts(kind=course.kind, completed=program_complete, passed=True), ""
    if course.is_live_event:
        present = events_api.is_present(user_id, course.course_key)
        return eligibility.EligibilityFacts(
            kind=course.kind, completed=False, passed=False, attendance_present=present
        ), ""
    stored = learning_api.stored_progress(user_id, key)
    completed, passed = bool(stored and stored.completed), bool(stored and stored.passed)
    return eligibility.EligibilityFacts(
        kind=course.kind,
        completed=completed,
        passed=passed,
        # The allowlist matters only to a learner who completed without passing: read it only then.
        allowlisted=completed and not passed and allowlist.is_allowlisted(user_id, key),
    ), stored_grade(stored.grade_percent if stored else None)


def _live_facts(
    user_id: int, course: CourseData, key: CourseKey, *, program_complete: bool = False
) -> tuple[eligibility.EligibilityFacts, str, list]:
    """The learner's live progress: what a learner who does not qualify by the stored facts is told."""
    if course.is_program:
        facts, grade = _facts(user_id, course, key, program_complete=program_complete)
        unmet = [] if program_complete else [{"code": "program_incomplete", "message": PROGRAM_INCOMPLETE}]
        return facts, grade, unmet
    if course.is_live_event:
        facts, grade = _facts(user_id, course, key)
        unmet = (
            []
            if facts.attendance_present
            else [{"code": "attendance_not_marked", "message": display.ATTENDANCE_PENDING}]
        )
        return facts, grade, unmet
    progress = learning_api.get_progress(user_id, course.course_key)
    facts = eligibility.EligibilityFacts(
        kind=course.kind,
        completed=progress.completed,
        passed=progress.grade.passed,
        allowlisted=progress.completed and not progress.grade.passed and allowlist.is_allowlisted(user_id, key),
    )
    return facts, stored_grade(progress.grade.percent), [r.as_json() for r in progress.unmet_requirements]


def issue(
    user_id: int,
    course_key: "str | CourseKey",
    *,
    issuer: Issuer,
    actor_id: int | None = None,
    program_complete: bool = False,
) -> tuple[CertificateData, bool]:
    """Issue the learner's certificate if ``issuer`` may issue now and the learner qualifies: ``(cert, created)``.

    Idempotent: an issued certificate is returned as it is. Raises ``FieldErrors`` when the issuer may not
    issue in this course (``may_issue_now``), ``NotFound`` for an unknown course or a learner not enrolled,
    ``NotQualified`` with every unmet requirement. Nothing is written unless a certificate is issued.
    """
    try:
        key = parse_course_key(course_key)
    except Exception as exc:  # InvalidKeyError and friends: the course does not exist
        raise NotFound(f"Unknown course '{course_key}'") from exc
    course, enrolled = courses_api.get_course_for_learner(key, user_id)
    check_may_issue(issuer, course, program_complete=program_complete)
    if not enrolled:
        raise NotFound("You are not enrolled in this course.")
    facts, grade = _facts(user_id, course, key, program_complete=program_complete)
    if not eligibility.qualifies(facts):
        facts, grade, unmet = _live_facts(
            user_id, course, key, program_complete=program_complete
        )  # stored progress may lag: ask the live one
        if not eligibility.qualifies(facts):
            existing = Certificate.objects.select_related("user").filter(user_id=user_id, course_key=key).first()
            if existing is not None and existing.status in ISSUED:
                return store.to_data(existing), False
            if existing is not None and existing.status == CertificateStatus.INVALIDATED:
                raise NotQualified([INVALIDATED_REQUIREMENT])
            raise NotQualified(unmet)
    reason = f"{store.ISSUED} ({issuer})"
    for _ in range(2):  # a concurrent request inserting the same row first: read it and decide again
        existing = Certificate.objects.select_related("user").filter(user_id=user_id, course_key=key).first()
        if existing is not None and existing.status in ISSUED:
            return store.to_data(existing), False
        if existing is not None and existing.status == CertificateStatus.INVALIDATED:
            raise NotQualified([INVALIDATED_REQUIREMENT])
        profile = accounts_api.get_profile(user_id)
        snapshot = Snapshots(course, key).of(profile)
        if existing is None:
            cert = store.new_row(user_id, key)
            store.apply_issue(cert, snapshot, grade=grade, now=timezone.now())
            if store.insert(cert, reason=reason, actor_id=actor_id):
                return store.to_data(cert, username=profile.username), True
            continue
        with transaction.atomic():
            cert = store.locked(pk=existing.pk)
            if cert.status in ISSUED or cert.status == CertificateStatus.INVALIDATED:
                continue  # changed since we read it: decide again
            store.apply_issue(cert, snapshot, grade=grade, now=timezone.now())
            store.save(cert, reason=reason, actor_id=actor_id)
        return store.to_data(cert), True
    existing = Certificate.objects.select_related("user").get(user_id=user_id, course_key=key)
    return store.to_data(existing), False


def issue_many(
    course_key: str,
    user_ids: Sequence[int],
    *,
    statuses: Collection[str] | None = None,
    reason: str = "",
    actor_id: int | None = None,
) -> ChunkCounts:
    """Issue to the qualified and record ``notpassing`` for the others, for a chunk of enrolled learners.

    Reads stored progress (never recomputes). Learners with no record are decided; with ``statuses`` None,
    ``notpassing`` ones are re-decided too; with ``statuses`` (a regeneration), only records in those statuses
    are: re-snapshotted and re-rendered if they qualify, the earlier version kept in history (an issued
    certificate whose holder no longer qualifies is kept, never turned into ``notpassing``). Issued,
    invalidated and deleted records are never touched otherwise. Call it inside a transaction.
    """
    key = parse_course_key(course_key)
    course = courses_api.get_course(key)
    check_may_issue(Issuer.BULK, course)
    ids = sorted({int(i) for i in user_ids})
    if not ids:
        return ChunkCounts()
    redo = set(statuses) if statuses else set(DEFAULT_STATUSES)
    progress = learning_api.stored_progress_for_users(course_key, ids)
    allowlisted = allowlist.allowlisted_user_ids(key, ids)
    existing = store.learner_rows(key, ids)
    invalid_rows = allowlist.invalidated_certificate_ids([c.pk for c in existing.values()])
    invalidated = {c.user_id for c in existing.values() if c.pk in invalid_rows}
    profiles = accounts_api.get_profiles(ids)
    snapshots = Snapshots(course, key)
    now = timezone.now()
    to_create: list[Certificate] = []
    to_update: list[Certificate] = []
    issued = notpassing = skipped = errors = 0
    for user_id in ids:
        cert = existing.get(user_id)
        profile = profiles.get(user_id)
        if profile is None:  # the account vanished between listing and deciding
            errors += 1
            continue
        if user_id in invalidated or (cert is not None and cert.status not in redo):
            skipped += 1
            continue
        stored = progress.get(user_id)
        facts = eligibility.EligibilityFacts(
            kind=course.kind,
            completed=bool(stored and stored.completed),
            passed=bool(stored and stored.passed),
            allowlisted=user_id in allowlisted,
            invalidated=user_id in invalidated,
        )
        grade = stored_grade(stored.grade_percent if stored else None)
        if eligibility.qualifies(facts):
            issued += 1
            target = cert or store.new_row(user_id, key)
            store.apply_issue(target, snapshots.of(profile), grade=grade, now=now)
            (to_update if cert else to_create).append(target)
            continue
        if cert is not None and cert.status == CertificateStatus.DOWNLOADABLE:
            skipped += 1  # regenerating never takes an issued certificate away from its holder
            continue
        if cert is not None and cert.status == CertificateStatus.NOTPASSING and cert.grade == grade:
            notpassing += 1
            continue
        notpassing += 1
        target = cert or store.new_row(user_id, key)
        store.apply_not_passing(
            target,
            name=profile.full_name,
            course_title=course.title,
            language=course.certificate_language,
            grade=grade,
            now=now,
        )
        (to_update if cert else to_create).append(target)
    why = reason or ("regenerated" if statuses else f"{store.ISSUED} ({Issuer.BULK})")
    with transaction.atomic():
        created = store.bulk_write(to_create, to_update, store.ISSUE_FIELDS, reason=why, actor_id=actor_id, now=now)
    generating = tuple(
        c.pk for c in [*created, *to_update] if c.status == CertificateStatus.GENERATING and c.pk is not None
    )
    return ChunkCounts(issued, notpassing, skipped, errors, generating)


def regenerate(uuid: str, *, actor_id: int | None = None) -> CertificateData:
    """Re-snapshot an issued certificate for a new PDF (e.g. after a template change); history keeps the old one."""
    with transaction.atomic():
        cert = store.locked(uuid=uuid)
        if cert is None:
            raise NotFound(f"No certificate '{uuid}'")
        if cert.status not in REGENERABLE_ONE:
            raise FieldErrors.single("status", f"A {cert.status} certificate cannot be regenerated.")
        key = cert.course_key
        course = courses_api.get_course(key)
        check_may_issue(Issuer.REGENERATION, course)
        snapshot = Snapshots(course, key).of(accounts_api.get_profile(cert.user_id))
        store.apply_issue(cert, snapshot, grade=cert.grade, now=cert.issued_at or timezone.now())
        store.save(cert, reason=store.REGENERATED, actor_id=actor_id)
    return store.to_data(cert)


# What ``issue`` raises when it issues nothing: automatic issuers treat these as "not now".
NOT_ISSUED = (NotQualified, FieldErrors, NotFound)
