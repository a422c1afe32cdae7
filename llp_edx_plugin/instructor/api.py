"""The instructor domain's public functions: the Certificates tab of the Instructor Dashboard.

Example certificates, activation, learner-generated certificates, bulk generation and regeneration (as
jobs), the generation history, and one certificate's regeneration or deletion. Permission is the caller's
business (``permissions.can_manage_certificates``); these functions check the course state and the input.
"""

from django.db import transaction

from .. import links
from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import Conflict, FieldErrors, NotFound
from ..jobs import api as jobs_api
from ..jobs.data import DONE, JobData
from . import tasks
from .data import (
    EXAMPLE,
    GENERATION,
    REGENERATION,
    REGENERATION_WARNING,
    CertificateSettingsData,
    ExampleData,
    GenerationRunData,
)
from .permissions import can_manage_certificates

__all__ = [
    "EXAMPLE",
    "GENERATION",
    "REGENERATION",
    "REGENERATION_WARNING",
    "CertificateSettingsData",
    "ExampleData",
    "GenerationRunData",
    "can_manage_certificates",
    "certificate_course_key",
    "certificate_settings",
    "delete_one",
    "example_pdf",
    "example_succeeded",
    "generate_examples",
    "generation_history",
    "regenerate_one",
    "set_activation",
    "set_learner_generation",
    "start_generation",
]

HISTORY_LIMIT = 100


def _certificate_course(course_key: str) -> CourseData:
    """The course (``NotFound`` if unknown); ``FieldErrors`` when it does not issue certificates."""
    course = courses_api.get_course(course_key)
    if not course.issues_certificates:
        raise FieldErrors.single("course_key", "This course does not issue certificates.")
    return course


def example_succeeded(course_key: str) -> bool:
    """Whether an example certificate of the course was ever rendered successfully (its Job keeps the result)."""
    course = courses_api.get_course(course_key)
    jobs = jobs_api.list_jobs(kind=EXAMPLE, course_key=course.course_key, limit=1000)
    return any(job.status == DONE and job.result.get("status") == "success" for job in jobs)


def certificate_settings(course_key: str) -> CertificateSettingsData:
    """The certificate switches of the course."""
    course = courses_api.get_course(course_key)
    return _settings(course)


def _settings(course: CourseData) -> CertificateSettingsData:
    return CertificateSettingsData(
        course_key=course.course_key,
        issues_certificates=course.issues_certificates,
        self_paced=course.self_paced,
        certificates_active=course.certificates_active,
        learner_generated_certificates=course.learner_generated_certificates,
        example_succeeded=example_succeeded(course.course_key),
        learner_generation_editable=not course.self_paced and not course.is_live_event,
    )


def _preview_url(course_key: str, job_id: int, index: int = 0) -> str:
    suffix = f"?index={index}" if index else ""
    return links.url("api_v1:certificate-example-preview", course_key=course_key, job_id=job_id) + suffix


def _example_data(job: JobData) -> ExampleData:
    previews = tuple(job.result.get("previews") or ())
    shown = tuple(
        {**{k: v for k, v in item.items() if k != "path"}, "preview_url": _preview_url(job.course_key, job.id, i)}
        if item.get("path")
        else {k: v for k, v in item.items() if k != "path"}
        for i, item in enumerate(previews)
    )
    first = next((item["preview_url"] for item in shown if item.get("preview_url")), None)
    status = job.result.get("status") or ("error" if job.status != DONE else "success")
    error = job.result.get("error") or None
    return ExampleData(job_id=job.id, status=status, error=error, preview_url=first, previews=shown)


def generate_examples(course_key: str, requested_by_id: int | None) -> ExampleData:
    """Render the course's example certificates now (a dummy learner); the Job row records the outcome.

    The job runs in this request, inside the transaction that creates it: by the time its queued task can
    reach a worker the row is finished, so the worker has nothing to do (the task sees a finished job).
    """
    course = _certificate_course(course_key)
    with transaction.atomic():
        job = jobs_api.start_job(EXAMPLE, course.course_key, requested_by_id, {})
        tasks.generate_example(job.id)
        job = jobs_api.get_job(job.id)
    return _example_data(job)


def example_pdf(course_key: str, job_id: int, index: int = 0) -> bytes:
    """The PDF of one example certificate of the course; ``NotFound`` when there is none."""
    course = courses_api.get_course(course_key)
    try:
        job = jobs_api.get_job(int(job_id))
    except (TypeError, ValueError) as exc:
        raise NotFound("No such example certificate.") from exc
    previews = job.result.get("previews") or []
    if job.kind != EXAMPLE or job.course_key != course.course_key or not 0 <= index < len(previews):
        raise NotFound("No such example certificate.")
    path = previews[index].get("path")
    if not path:
        raise NotFound("This example certificate could not be rendered.")
    return certificates_api.read_example(path)


def set_activation(course_key: str, active: bool) -> CertificateSettingsData:
    """Activate or deactivate the course's certificates; activating needs a successful example first."""
    if not isinstance(active, bool):
        raise FieldErrors.single("active", "Must be true or false.")
    course = _certificate_course(course_key) if active else courses_api.get_course(course_key)
    if active and not example_succeeded(course.course_key):
        raise FieldErrors.single(
            "active", "Generate an example certificate successfully before activating certificates."
        )
    return _settings(courses_api.set_certificates_active(course.course_key, active))


def set_learner_generation(course_key: str, enabled: bool) -> CertificateSettingsData:
    """Let learners of an instructor-paced course get their certificates as they qualify (or not).

    Self-paced courses always issue certificates as learners qualify, and live events when attendance is
    marked: for them the switch does not apply (400).
    """
    if not isinstance(enabled, bool):
        raise FieldErrors.single("enabled", "Must be true or false.")
    course = _certificate_course(course_key)
    if course.is_live_event:
        raise FieldErrors.single("enabled", "Live events issue certificates when attendance is marked.")
    if course.self_paced:
        raise FieldErrors.single(
            "enabled", "Self-paced courses always issue certificates to learners as soon as they qualify."
        )
    return _settings(courses_api.set_learner_generated(course.course_key, enabled))


def _active_generation(course_key: str) -> JobData | None:
    for kind in (GENERATION,):
        for job in jobs_api.list_jobs(kind=kind, course_key=course_key, limit=20):
            if job.is_active:
                return job
    return None


def start_generation(
    course_key: str, requested_by_id: int | None, statuses: list[str] | None = None, **options: int
) -> JobData:
    """Start Generate Certificates (``statuses`` None) or Regenerate by status, as a background job.

    ``FieldErrors`` when the course does not issue certificates, is a live event, is not activated, or for
    bad statuses; ``Conflict`` while a generation of the course is pending or running.
    """
    course = _certificate_course(course_key)
    if course.is_live_event:
        raise FieldErrors.single("course_key", "Live events issue certificates when attendance is marked.")
    if not course.certificates_active:
        raise FieldErrors.single("course_key", "Activate the course's certificates before generating them.")
    parameters = tasks.generation_parameters({**({"statuses": statuses} if statuses is not None else {}), **options})
    running = _active_generation(course.course_key)
    if running is not None:
        raise Conflict(f"Certificates are already being generated for this course (job {running.id}).")
    return jobs_api.start_job(GENERATION, course.course_key, requested_by_id, parameters)


def generation_history(course_key: str) -> list[GenerationRunData]:
    """Generation and regeneration runs of the course, newest first: who, when, what, counts, result."""
    course = courses_api.get_course(course_key)
    jobs = [
        *jobs_api.list_jobs(kind=GENERATION, course_key=course.course_key, limit=HISTORY_LIMIT),
        *jobs_api.list_jobs(kind=REGENERATION, course_key=course.course_key, limit=HISTORY_LIMIT),
    ]
    jobs.sort(key=lambda job: (job.created, job.id), reverse=True)
    jobs = jobs[:HISTORY_LIMIT]
    requesters = {job.requested_by_id for job in jobs if job.requested_by_id is not None}
    names = {uid: p.username for uid, p in accounts_api.get_profiles(requesters).items()} if requesters else {}
    runs = []
    for job in jobs:
        result = {k: v for k, v in job.result.items() if k not in ("checkpoint", "attempts", "error")}
        statuses = job.parameters.get("statuses")
        runs.append(
            GenerationRunData(
                job_id=job.id,
                kind=job.kind,
                status=job.status,
                requested_by=names.get(job.requested_by_id) if job.requested_by_id else None,
                created=job.created,
                started=job.started,
                finished=job.finished,
                statuses=tuple(statuses) if statuses else None,
                certificate_uuid=job.parameters.get("uuid"),
                total=job.total,
                done=job.done,
                failed=job.failed,
                counts=result,
                error=job.result.get("error"),
            )
        )
    return runs


def certificate_course_key(uuid: str) -> str:
    """The course of a certificate (for the caller's permission check); ``NotFound`` when unknown."""
    return certificates_api.get_certificate(uuid).course_key


def regenerate_one(uuid: str, requested_by_id: int | None) -> JobData:
    """Regenerate one certificate (e.g. after a template change) as a job; its old PDF stays in history."""
    cert = certificates_api.get_certificate(uuid)
    if cert.status not in ("downloadable", "error", "generating"):
        raise FieldErrors.single("status", f"A {cert.status} certificate cannot be regenerated.")
    return jobs_api.start_job(
        REGENERATION, cert.course_key, requested_by_id, {"uuid": cert.uuid, "username": cert.username}
    )


def delete_one(uuid: str, actor_id: int | None, reason: str = "") -> None:
    """Soft-delete one certificate; the row, its PDF and its history stay (audited with who and why)."""
    who = accounts_api.get_profile(actor_id).username if actor_id is not None else "the course team"
    audit = f"deleted by {who}" + (f": {reason.strip()}" if reason and reason.strip() else "")
    certificates_api.delete_certificate(uuid, actor_id=actor_id, reason=audit)
