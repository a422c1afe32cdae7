"""Plain, immutable data the courses domain hands to other domains."""

from dataclasses import dataclass, field
from datetime import datetime

# The built-in certificate template every course may use: its one home (the certificates domain reads it here).
BUILT_IN_CERTIFICATE_TEMPLATE = "classic"

# Course kinds that are programs (their members are other trainings); the programs domain owns them.
PROGRAM_KINDS = frozenset({"pathway", "learning_program"})

# The block types that play a video (OLX ``llp_video`` and imported Open edX ``video``).
VIDEO_TYPES = frozenset({"llp_video", "video"})


@dataclass(frozen=True)
class AssignmentTypeData:
    type: str
    short_label: str
    weight: float
    min_count: int
    drop_count: int


@dataclass(frozen=True)
class GradingPolicyData:
    assignment_types: tuple[AssignmentTypeData, ...]
    # (letter, cutoff) from the highest cutoff to the lowest, as Studio's Overall Grade Range.
    grade_cutoffs: tuple[tuple[str, float], ...]

    @property
    def lowest_passing_cutoff(self) -> float | None:
        return self.grade_cutoffs[-1][1] if self.grade_cutoffs else None

    def as_json(self) -> dict:
        return {
            "assignment_types": [
                {
                    "type": a.type,
                    "short_label": a.short_label,
                    "weight": a.weight,
                    "min_count": a.min_count,
                    "drop_count": a.drop_count,
                }
                for a in self.assignment_types
            ],
            "grade_cutoffs": dict(self.grade_cutoffs),
        }


@dataclass(frozen=True)
class CourseData:
    course_key: str
    title: str
    kind: str
    self_paced: bool
    start: datetime | None
    end: datetime | None
    issues_certificates: bool
    certificates_display_behavior: str
    certificate_available_date: datetime | None
    learner_generated_certificates: bool
    certificate_template: str
    certificate_language: str
    certificates_active: bool
    time_zone: str
    grading_policy: GradingPolicyData
    location: str = ""
    join_url: str = ""
    capacity: int | None = None

    @property
    def is_live_event(self) -> bool:
        return self.kind == "live_event"

    @property
    def is_program(self) -> bool:
        """A pathway's or learning program's own row: its certificate comes from its members' (programs/)."""
        return self.kind in PROGRAM_KINDS


@dataclass(frozen=True)
class BlockData:
    usage_key: str
    block_type: str
    block_id: str
    parent: str | None
    order: int
    display_name: str
    graded: bool
    assignment_type: str
    supported: bool
    fields: dict = field(default_factory=dict, hash=False, compare=False)
    content: str = field(default="", compare=False)


@dataclass(frozen=True)
class EnrollmentData:
    user_id: int
    course_key: str
    is_active: bool
    assigned_by_id: int | None
    created: datetime


@dataclass(frozen=True)
class VideoData:
    """A video of a course and where its duration comes from (``courses.videos``)."""

    usage_key: str
    block_type: str
    display_name: str
    src: str
    required: bool  # a supported video must be watched in full
    duration: float | None  # the one that counts; None: not set
    source: str | None  # "course team", "course" (OLX) or "media file"
    olx_duration: float | None
    measured_duration: float | None
    team_duration: float | None

    @property
    def name(self) -> str:
        return self.display_name or self.usage_key.rsplit("@", 1)[-1]

    def as_json(self) -> dict:
        return {
            "usage_key": self.usage_key,
            "display_name": self.name,
            "src": self.src,
            "required": self.required,
            "duration": self.duration,
            "source": self.source,
            "olx_duration": self.olx_duration,
            "measured_duration": self.measured_duration,
            "team_duration": self.team_duration,
        }
