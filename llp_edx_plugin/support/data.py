"""Plain, immutable data the support domain hands to the API and pages."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RequirementFact:
    """One unmet requirement as the learning domain words it (the Progress page's list)."""

    code: str
    message: str
    block_id: str | None = None


@dataclass(frozen=True)
class DiagnosisFacts:
    """Everything the diagnosis needs about one learner and one training, read beforehand (no queries inside)."""

    signed_in: bool
    course_known: bool
    course_title: str = ""
    kind: str = "online"  # "online" | "live_event"
    issues_certificates: bool = True
    certificates_active: bool = True
    self_paced: bool = True
    learner_generated: bool = False
    enrolled: bool = False
    is_employee: bool = False
    company_admin_names: tuple[str, ...] = ()
    unmet_requirements: tuple[RequirementFact, ...] = ()
    attendance: bool | None = None  # live events: present / absent / not marked yet
    certificate_status: str | None = None  # None: no certificate record (or a deleted one)
    certificate_issued_at: datetime | None = None
    download_url: str | None = None
    records_url: str | None = None
    progress_url: str | None = None


@dataclass(frozen=True)
class Finding:
    """One line of the diagnosis: a stable code, an exact message, and where to go about it."""

    code: str
    message: str
    link_url: str | None = None
    link_label: str | None = None

    def as_json(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.link_url:
            data["link_url"] = self.link_url
            data["link_label"] = self.link_label or ""
        return data


@dataclass(frozen=True)
class TrainingChoice:
    """A training the signed-in learner may pick on the contact form."""

    course_key: str
    title: str
    kind: str


@dataclass(frozen=True)
class SupportRequestData:
    id: int
    name: str
    email: str
    user_id: int | None
    username: str | None
    course_key: str | None
    course_title: str | None
    training: str
    message: str
    diagnosis: tuple[Finding, ...]
    status: str
    answer: str
    answered_by: str | None
    answered_at: datetime | None
    created: datetime

    @property
    def training_label(self) -> str:
        return self.course_title or self.training or (self.course_key or "")
