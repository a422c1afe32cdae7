"""Plain, immutable data the instructor domain hands to the REST API and the Instructor Dashboard."""

from dataclasses import dataclass
from datetime import datetime

# Job kinds of the Certificates tab; their Job rows are the generation history.
GENERATION = "certificate_generation"
REGENERATION = "certificate_regeneration"
EXAMPLE = "certificate_example"

REGENERATION_WARNING = (
    "Regenerating replaces the PDFs of the certificates it re-issues; the previous versions are kept in their history."
)


@dataclass(frozen=True)
class CertificateSettingsData:
    """The certificate switches of a course as the Certificates tab shows them."""

    course_key: str
    issues_certificates: bool
    self_paced: bool
    certificates_active: bool
    learner_generated_certificates: bool
    example_succeeded: bool
    # Only instructor-paced online courses choose; self-paced ones always issue as learners qualify.
    learner_generation_editable: bool


@dataclass(frozen=True)
class ExampleData:
    """The outcome of Generate Example Certificates (kept in its Job row)."""

    job_id: int
    status: str  # "success" | "error"
    error: str | None
    preview_url: str | None
    previews: tuple[dict, ...]


@dataclass(frozen=True)
class GenerationRunData:
    """One row of Certificate Generation History: who, when, what, counts, result."""

    job_id: int
    kind: str
    status: str  # the job's: pending | running | done | failed
    requested_by: str | None
    created: datetime
    started: datetime | None
    finished: datetime | None
    statuses: tuple[str, ...] | None  # a regeneration's statuses; None for a first generation
    certificate_uuid: str | None  # a single certificate's regeneration
    total: int
    done: int
    failed: int
    counts: dict
    error: str | None
