"""What each learner gets from a course's branching blocks, drawn once at random and kept (as Open edX).

- ``library_content``: ``max_count`` of its children (-1: all), drawn when the learner first needs the course
  structure, kept in a ``LearnerDraw`` row. After a re-import the kept children that still exist stay; the
  missing places are filled by a new draw among the others (Open edX's ``make_selection``).
- ``split_test``: one group of its user partition per learner, kept for every split_test of that partition
  (Open edX's random partition scheme); only that group's child is shown and required. A group that is not in
  the split test's ``group_id_to_child`` shows nothing there.

The selection (``select_*``, ``personalize``) is pure; ``learner_structure`` reads and writes the rows. Two
requests of one learner drawing at once: both insert with ``ignore_conflicts`` and read back the row that won,
so one draw is kept and both see it.
"""

import random
from collections.abc import Mapping, Sequence

from django.db import transaction

from ..courses.data import BlockData
from ..keys import parse_course_key
from .models import LearnerDraw

LIBRARY_CONTENT = "library_content"
ITEM_BANK = "itembank"  # Open edX's problem bank (libraries v2): the same draw as library_content
SPLIT_TEST = "split_test"
LIBRARY_TYPES = frozenset({LIBRARY_CONTENT, ITEM_BANK})
BRANCHING_TYPES = LIBRARY_TYPES | {SPLIT_TEST}

_random = random.SystemRandom()


def draw_key(block: BlockData) -> str:
    """The row a branching block's draw lives in: the library's usage key, or the split test's partition."""
    if block.block_type == SPLIT_TEST:
        return f"partition:{block.fields.get('user_partition_id', '')}"
    return block.usage_key


def select_children(
    children: Sequence[str], max_count: int, kept: Sequence[str] | None, rng: random.Random = _random
) -> list[str]:
    """``max_count`` of ``children`` (all when negative): the kept ones still there first, then new draws."""
    wanted = len(children) if max_count < 0 else min(max_count, len(children))
    chosen = [child for child in dict.fromkeys(kept or ()) if child in children]
    if len(chosen) > wanted:  # max_count lowered: a random few of the kept ones go, as Open edX drops them
        staying = set(rng.sample(chosen, wanted))
        chosen = [child for child in chosen if child in staying]
    others = [child for child in children if child not in chosen]
    chosen += rng.sample(others, wanted - len(chosen))
    return chosen


def select_group(groups: Sequence[str], kept: Sequence[str] | None, rng: random.Random = _random) -> list[str]:
    """The kept group while it still exists, else one drawn at random; [] when the partition has no group."""
    if kept and kept[0] in groups:
        return [kept[0]]
    return [rng.choice(list(groups))] if groups else []


def _needs(structure: Sequence[BlockData]) -> dict[str, tuple[str, list[str], int]]:
    """Per draw key: (kind, candidates, count) from the branching blocks of a course."""
    children: dict[str, list[str]] = {}
    for block in structure:
        if block.parent is not None:
            children.setdefault(block.parent, []).append(block.block_id)
    needs: dict[str, tuple[str, list[str], int]] = {}
    for block in structure:
        if block.block_type in LIBRARY_TYPES:
            count = block.fields.get("max_count", 1)
            count = count if isinstance(count, int) else 1
            needs[draw_key(block)] = (LIBRARY_CONTENT, children.get(block.usage_key, []), count)
        elif block.block_type == SPLIT_TEST:
            kind, groups, _ = needs.get(draw_key(block), (SPLIT_TEST, [], 1))
            more = [str(g) for g in block.fields.get("groups") or [] if str(g) not in groups]
            needs[draw_key(block)] = (kind, groups + more, 1)
    return needs


def _select(need: tuple[str, list[str], int], kept: Sequence[str] | None) -> list[str]:
    kind, candidates, count = need
    return select_children(candidates, count, kept) if kind == LIBRARY_CONTENT else select_group(candidates, kept)


def personalize(structure: Sequence[BlockData], chosen: Mapping[str, Sequence[str]]) -> list[BlockData]:
    """The structure without what the learner was not given: unchosen library children, other groups' children.

    ``chosen``: draw key -> chosen children's block ids (library) or [group id] (split test).
    """
    branching = {b.usage_key: b for b in structure if b.block_type in BRANCHING_TYPES}
    if not branching:
        return list(structure)
    dropped: set[str] = set()
    kept: list[BlockData] = []
    for block in structure:
        parent = block.parent
        if parent in dropped:
            dropped.add(block.usage_key)
            continue
        owner = branching.get(parent) if parent else None
        if owner is not None and block.block_id not in _visible_children(owner, chosen.get(draw_key(owner), ())):
            dropped.add(block.usage_key)
            continue
        kept.append(block)
    return kept


def _visible_children(block: BlockData, chosen: Sequence[str]) -> set[str]:
    if block.block_type in LIBRARY_TYPES:
        return set(chosen)
    mapping = block.fields.get("group_id_to_child") or {}
    return {mapping[group] for group in chosen if group in mapping}


def learner_draws(user_id: int, course_key: str, structure: Sequence[BlockData]) -> dict[str, list[str]]:
    """The learner's kept draws for the course's branching blocks, drawing (once) those not made yet.

    No query for a course without branching blocks; one when every draw exists.
    """
    needs = _needs(structure)
    if not needs:
        return {}
    key = parse_course_key(course_key)
    rows = LearnerDraw.objects.filter(user_id=user_id, course_key=key)
    kept = {row.key: row.chosen for row in rows}
    missing = [k for k in needs if k not in kept]
    if missing:
        new = [LearnerDraw(user_id=user_id, course_key=key, key=k, chosen=_select(needs[k], None)) for k in missing]
        # A concurrent request may have drawn first: its row stays, this one is dropped, and both read it back.
        LearnerDraw.objects.bulk_create(new, ignore_conflicts=True)
        kept.update(rows.filter(key__in=missing).values_list("key", "chosen"))
    stale = [k for k in needs if _select(needs[k], kept.get(k)) != kept.get(k)]
    if stale:  # the course was re-imported with other children or groups
        with transaction.atomic():
            for row in rows.select_for_update().filter(key__in=stale):
                row.chosen = _select(needs[row.key], row.chosen)
                row.save(update_fields=["chosen", "modified"])
                kept[row.key] = row.chosen
    return {k: list(kept.get(k) or []) for k in needs}


def learner_structure(user_id: int, course_key: str, structure: Sequence[BlockData]) -> list[BlockData]:
    """The course structure as this learner has it: only their drawn library children and their group."""
    return personalize(structure, learner_draws(user_id, course_key, structure))
