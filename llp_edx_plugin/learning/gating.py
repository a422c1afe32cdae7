"""Lesson gating: lesson N+1 is locked until lesson N is complete (pure rules over plain data).

A lesson is a chapter (an OLX section) with every block below it, in course order. Required blocks are the
supported leaf blocks: containers (course, chapter, sequential, vertical, and the per-learner
library_content / split_test, whose drawn children are required instead) and unsupported types are not.
"""

from collections.abc import Sequence, Set
from dataclasses import dataclass

from ..courses.data import BlockData

CONTAINER_TYPES = frozenset(
    {"course", "chapter", "sequential", "vertical", "library_content", "itembank", "split_test"}
)


def is_required(block: BlockData) -> bool:
    """A supported leaf block must be completed; containers and unsupported types never are."""
    return block.supported and block.block_type not in CONTAINER_TYPES


@dataclass(frozen=True)
class LessonOutline:
    """A chapter and its leaf blocks (required or not) in course order, with the sequential of each."""

    chapter: BlockData
    blocks: tuple[BlockData, ...]
    sequential_of: dict  # leaf usage key -> its sequential BlockData (or None)

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(b.usage_key for b in self.blocks if is_required(b))


@dataclass(frozen=True)
class LessonState:
    usage_key: str
    complete: bool
    locked: bool
    # When locked: the lesson just before it, which must be completed first.
    previous_key: str | None = None


def outline(structure: Sequence[BlockData]) -> list[LessonOutline]:
    """Group a course's blocks (in course order) into lessons; blocks outside any chapter are ignored."""
    by_key = {b.usage_key: b for b in structure}
    chapter_of: dict[str, str | None] = {}
    sequential_of: dict[str, BlockData | None] = {}
    for block in structure:
        parent = block.parent
        if block.block_type == "chapter":
            chapter_of[block.usage_key] = block.usage_key
            sequential_of[block.usage_key] = None
            continue
        chapter_of[block.usage_key] = chapter_of.get(parent) if parent else None
        if block.block_type == "sequential":
            sequential_of[block.usage_key] = block
        else:
            sequential_of[block.usage_key] = sequential_of.get(parent) if parent else None
    lessons: dict[str, list[BlockData]] = {b.usage_key: [] for b in structure if b.block_type == "chapter"}
    for block in structure:
        chapter_key = chapter_of.get(block.usage_key)
        if chapter_key and block.block_type not in CONTAINER_TYPES:
            lessons[chapter_key].append(block)
    return [
        LessonOutline(
            chapter=by_key[key],
            blocks=tuple(blocks),
            sequential_of={b.usage_key: sequential_of.get(b.usage_key) for b in blocks},
        )
        for key, blocks in lessons.items()
    ]


def lesson_states(lessons: Sequence[tuple[str, Sequence[str]]], complete_keys: Set[str]) -> list[LessonState]:
    """Lock state of each ``(lesson key, required block keys)`` in order, given the completed block keys.

    A lesson is complete when all its required blocks are (a lesson with none is complete). The first lesson
    is always open; every later one is open only when all the lessons before it are complete.
    """
    states: list[LessonState] = []
    all_before_complete = True
    previous_key: str | None = None
    for key, required in lessons:
        complete = all(block_key in complete_keys for block_key in required)
        locked = not all_before_complete
        states.append(
            LessonState(usage_key=key, complete=complete, locked=locked, previous_key=previous_key if locked else None)
        )
        all_before_complete = all_before_complete and complete
        previous_key = key
    return states


def required_before(lessons: Sequence[tuple[str, Sequence[str]]], lesson_key: str) -> list[str] | None:
    """Required block keys of every lesson before ``lesson_key`` (None when the lesson is unknown)."""
    keys: list[str] = []
    for key, required in lessons:
        if key == lesson_key:
            return keys
        keys.extend(required)
    return None
