"""The programs domain's pure decisions, over plain data, tested by tables."""

import re
from collections.abc import Mapping, Sequence

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")
SLUG_MESSAGE = "Use 1 to 50 lowercase letters, digits and hyphens (not at either end)."
MAX_MEMBERS = 50
# A member is certified while its certificate is issued (downloadable, or its PDF still rendering).
CERTIFIED = frozenset({"downloadable", "generating"})
# A member certificate in one of these statuses withdraws the program certificate (DESIGN.md §4).
WITHDRAWN = frozenset({"invalidated", "deleted"})


def program_course_key(slug: str) -> str:
    """The course key of a program's own course row (where its certificate, template and language live)."""
    return f"course-v1:LLP+{slug}+program"


def slug_error(slug: object) -> str | None:
    """Why ``slug`` is not a valid program slug, or None."""
    if not isinstance(slug, str) or not SLUG.match(slug):
        return SLUG_MESSAGE
    return None


def find_loop(program: str, members: Sequence[str], edges: Mapping[str, Sequence[str]]) -> list[str] | None:
    """The loop that giving ``program`` these sub-program ``members`` would close, e.g. ``["a", "b", "a"]``.

    ``edges`` maps each existing program to its sub-programs (``program``'s own entry is replaced by
    ``members``). None when there is no loop. Depth-first, members in order, so the answer is stable.
    """
    graph = {**edges, program: list(members)}
    path: list[str] = [program]
    seen: set[str] = set()

    def walk(node: str) -> list[str] | None:
        for child in graph.get(node, ()):
            if child == program:
                return [*path, program]
            if child in seen:
                continue
            seen.add(child)
            path.append(child)
            found = walk(child)
            if found:
                return found
            path.pop()
        return None

    return walk(program)


def loop_message(loop: Sequence[str]) -> str:
    return f"A program cannot contain itself: {' → '.join(loop)}."


def percent(certified: Sequence[bool]) -> int:
    """The progress bar: the share of certified members, 0-100 (an empty program: 0)."""
    if not certified:
        return 0
    return round(100 * sum(1 for c in certified if c) / len(certified))


def complete(certified: Sequence[bool]) -> bool:
    """Every member certified (a program without members is never complete)."""
    return bool(certified) and all(certified)


def locked(certified: Sequence[bool], in_order: bool) -> list[bool]:
    """Which members are locked: in order, every one after the first uncertified member; otherwise none."""
    if not in_order:
        return [False] * len(certified)
    result, blocked = [], False
    for is_certified in certified:
        result.append(blocked)
        if not is_certified:
            blocked = True
    return result
