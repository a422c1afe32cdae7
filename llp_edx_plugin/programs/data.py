"""Plain, immutable data the programs domain hands to other domains."""

from dataclasses import dataclass

from ..certificates.data import CertificateData


@dataclass(frozen=True)
class MemberData:
    key: str  # the training's course key (a sub-program: its own course key)
    title: str
    kind: str  # online | live_event | pathway | learning_program
    slug: str | None = None  # a sub-program's slug


@dataclass(frozen=True)
class ProgramData:
    slug: str
    course_key: str
    kind: str
    title: str
    description: str
    in_order: bool
    certificate_template: str
    certificate_language: str
    members: tuple[MemberData, ...]


@dataclass(frozen=True)
class MemberState:
    key: str
    title: str
    kind: str
    certified: bool
    locked: bool  # in-order programs: a previous member is not certified yet
    status: str | None  # the member certificate's status, if any
    slug: str | None = None


@dataclass(frozen=True)
class ProgramProgress:
    program: ProgramData
    user_id: int
    members: tuple[MemberState, ...]
    percent: int
    complete: bool
    certificate: CertificateData | None
