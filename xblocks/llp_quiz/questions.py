"""Questions of a scored block: what the learner may answer, and whether an answer is right (pure)."""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

SINGLE, MULTIPLE, TEXT, NUMBER = "single", "multiple", "text", "number"


class AnswerError(ValueError):
    """An answer of the wrong shape for its question (HTTP 400 with this message)."""


@dataclass(frozen=True)
class Question:
    """One question: ``kind`` is single (a choice id), multiple (a list of choice ids), text or number."""

    id: str
    prompt: str
    kind: str
    choices: tuple[tuple[str, str], ...] = ()  # (choice id, text)
    correct: frozenset[str] = frozenset()  # correct choice ids (single/multiple)
    matches: Callable[[object], bool] | None = field(default=None, compare=False)  # text/number answers

    def clean(self, value: object) -> object:
        """The answer as stored, or ``AnswerError`` when it has the wrong shape."""
        choice_ids = {choice_id for choice_id, _ in self.choices}
        if self.kind == SINGLE:
            if not isinstance(value, str) or value not in choice_ids:
                raise AnswerError(f"Question '{self.id}': answer with one of its choice ids.")
            return value
        if self.kind == MULTIPLE:
            if not isinstance(value, list) or not all(isinstance(v, str) and v in choice_ids for v in value):
                raise AnswerError(f"Question '{self.id}': answer with a list of its choice ids.")
            return sorted(set(value))
        if self.kind == NUMBER:
            number = parse_number(value)
            if number is None:
                raise AnswerError(f"Question '{self.id}': answer with a number.")
            return number
        if not isinstance(value, str) or len(value) > 1000:
            raise AnswerError(f"Question '{self.id}': answer with a text of at most 1000 characters.")
        return value

    def is_correct(self, cleaned: object) -> bool:
        if self.kind == SINGLE:
            return cleaned in self.correct
        if self.kind == MULTIPLE:
            return frozenset(cleaned) == self.correct
        return bool(self.matches and self.matches(cleaned))


def parse_number(value: object) -> float | None:
    """A finite number from a JSON number or a numeric string (booleans are not numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(float(value)):
        return None
    return float(value)


def split_ids(value: str) -> list[str]:
    """``"a"``, ``"a,c"`` or ``"a c"`` -> ``["a", "c"]``."""
    return [part for part in re.split(r"[\s,]+", value or "") if part]
