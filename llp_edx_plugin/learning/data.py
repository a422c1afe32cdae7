"""Plain, immutable data the learning domain hands to other domains (progress, grade, requirements)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..courses.data import VIDEO_TYPES as VIDEO_TYPES  # the courses domain owns the video block types

QUIZ_TYPES = frozenset({"llp_quiz", "problem"})  # the scored block types
READING_TYPES = frozenset({"llp_reading", "html"})


@dataclass(frozen=True)
class BlockStatus:
    """What the learner's BlockState row says about one block (defaults: never touched)."""

    complete: bool = False
    score: float | None = None  # best fraction 0..1
    state: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class RequirementData:
    """One unmet rule of DESIGN.md §3, e.g. ``video_not_watched`` with a message naming the watched percent."""

    code: str
    message: str
    block_id: str | None = None  # usage key of the block (or lesson) concerned

    def as_json(self) -> dict:
        data = {"code": self.code, "message": self.message}
        if self.block_id is not None:
            data["block_id"] = self.block_id
        return data


@dataclass(frozen=True)
class GradeData:
    """The course grade as Open edX computes it.

    ``percent`` is 0..1 rounded as Open edX; ``letter`` is the highest cutoff reached (None below all);
    ``passed`` means the grade requirement is met; a course without graded content (``graded`` False)
    has no grade requirement, so it is passed.
    """

    percent: float
    letter: str | None
    passed: bool
    graded: bool = True

    def as_json(self) -> dict:
        return {"percent": self.percent, "letter": self.letter, "passed": self.passed, "graded": self.graded}


@dataclass(frozen=True)
class CompletionData:
    complete: int
    total: int
    percent: int  # 0..100, floored so that 100 means everything is complete

    def as_json(self) -> dict:
        return {"complete": self.complete, "total": self.total, "percent": self.percent}


@dataclass(frozen=True)
class BlockProgressData:
    usage_key: str
    type: str
    display_name: str
    complete: bool
    locked: bool
    required: bool
    score: float | None  # best score 0..1 of scored blocks (None: not scored or not attempted)
    detail: str  # human summary: "Watched 62% of 4:10", "Best 40%, needs 70%", ...
    opens_at: datetime | None = None  # its chapter or sequential is not released until then

    def as_json(self) -> dict:
        data = {
            "usage_key": self.usage_key,
            "type": self.type,
            "display_name": self.display_name,
            "complete": self.complete,
            "locked": self.locked,
            "required": self.required,
            "score": self.score,
            "detail": self.detail,
        }
        if self.opens_at is not None:
            data["opens_at"] = self.opens_at
        return data


@dataclass(frozen=True)
class LessonData:
    """A lesson is a chapter (an OLX section), in course order."""

    usage_key: str
    title: str
    complete: bool
    locked: bool
    blocks: tuple[BlockProgressData, ...] = ()
    opens_at: datetime | None = None  # a chapter with a future start: locked until then

    @property
    def opens_at_text(self) -> str:
        return f"{self.opens_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if self.opens_at is not None else ""

    @property
    def complete_count(self) -> int:
        return sum(1 for b in self.blocks if b.required and b.complete)

    @property
    def required_count(self) -> int:
        return sum(1 for b in self.blocks if b.required)

    def as_json(self) -> dict:
        data = {
            "usage_key": self.usage_key,
            "title": self.title,
            "complete": self.complete,
            "locked": self.locked,
            "blocks": [b.as_json() for b in self.blocks],
        }
        if self.opens_at is not None:
            data["opens_at"] = self.opens_at
        return data


@dataclass(frozen=True)
class ProgressData:
    """A learner's live progress in a course (CONTRACT.md progress API, without the certificate part)."""

    user_id: int
    course_key: str
    completion: CompletionData
    lessons: tuple[LessonData, ...]
    grade: GradeData
    qualified: bool
    unmet_requirements: tuple[RequirementData, ...] = field(default=())

    @property
    def completed(self) -> bool:
        return self.completion.total > 0 and self.completion.complete == self.completion.total

    def as_json(self) -> dict:
        return {
            "completion": self.completion.as_json(),
            "lessons": [lesson.as_json() for lesson in self.lessons],
            "grade": self.grade.as_json(),
            "qualified": self.qualified,
            "unmet_requirements": [r.as_json() for r in self.unmet_requirements],
        }


@dataclass(frozen=True)
class RenderedBlocks:
    """Student views of some blocks: each block's body HTML, and the CSS/JS they need once per page."""

    html: dict = field(default_factory=dict, hash=False)  # usage key -> body HTML (blocks with a view only)
    head_html: str = ""
    foot_html: str = ""


@dataclass(frozen=True)
class StoredProgressData:
    """The persisted completion and grade (CourseProgress): what later steps read without recomputing."""

    user_id: int
    course_key: str
    complete_count: int
    total_count: int
    grade_percent: float
    letter: str | None
    passed: bool
    completed: bool
    modified: datetime | None = None

    @property
    def completion_percent(self) -> int:
        return completion_percent(self.complete_count, self.total_count)

    @property
    def qualified(self) -> bool:
        """Every required block complete and the grade requirement met (online courses)."""
        return self.completed and self.passed


def completion_percent(complete: int, total: int) -> int:
    """0..100, floored: 100 only when everything is complete; an empty course is 0."""
    if total <= 0:
        return 0
    return (100 * complete) // total
