"""Plain, immutable data the company domain hands to its pages and the REST API."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TrainingState:
    """One training of an employee as their Company Admin sees it."""

    course_key: str
    title: str
    kind: str  # "online" | "live_event"
    assigned: bool  # assigned by a Company Admin (rather than self-enrolled)
    progress_percent: int
    completed: bool
    certificate_status: str | None  # None: no certificate record yet
    certificate_uuid: str | None
    downloadable: bool  # the Company Admin may download its PDF now
    first_downloaded: bool  # the holder side (the Company Admin) has downloaded it at least once


@dataclass(frozen=True)
class EmployeeData:
    user_id: int
    username: str
    full_name: str
    email: str
    is_active: bool
    trainings: tuple[TrainingState, ...]


@dataclass(frozen=True)
class EmployeePage:
    """One page of the company's employees and how many match the filters in all."""

    total: int
    employees: tuple[EmployeeData, ...]


@dataclass(frozen=True)
class CompanySummary:
    """What a Company Admin's home shows first."""

    company_id: int
    company_name: str
    employees: int
    trainings_in_progress: int
    certificates_issued: int
    certificates_to_collect: int  # downloadable, never downloaded by the Company Admin yet
    certificates_in_zip: int = 0  # what the company ZIP holds: the active employees' downloadable certificates


@dataclass(frozen=True)
class AssignmentResult:
    username: str
    status: str  # "assigned" | "already_assigned" | "error"
    error: str | None = None
