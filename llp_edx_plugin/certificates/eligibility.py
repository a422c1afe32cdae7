"""Who qualifies for a certificate (DESIGN.md §3), as one pure function over plain facts."""

from dataclasses import dataclass

from ..courses.data import PROGRAM_KINDS


@dataclass(frozen=True)
class EligibilityFacts:
    kind: str  # "online" | "live_event" | "pathway" | "learning_program"
    completed: bool  # every required block complete (online); every member certified (programs)
    passed: bool  # grade requirement met (a course without graded content: True)
    attendance_present: bool = False  # live events: marked present by an attendance admin
    allowlisted: bool = False  # an exception granted by the course team
    invalidated: bool = False


def qualifies(facts: EligibilityFacts) -> bool:
    """Invalidated never; live events need attendance; programs every member certified; online needs completion,
    and a pass unless allowlisted.

    An allowlisted learner still needs complete training: no certificate is issued for incomplete work.
    """
    if facts.invalidated:
        return False
    if facts.kind == "live_event":
        return facts.attendance_present
    if facts.kind in PROGRAM_KINDS:
        return facts.completed
    if not facts.completed:
        return False
    return facts.passed or facts.allowlisted
