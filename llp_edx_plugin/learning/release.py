"""Release dates: a chapter or sequential with a future ``start`` is locked until then (pure functions).

As Open edX, a block is released when its own start and every ancestor's have passed (a sequential never
opens before its chapter). What is not released yet stays *required* (ADR 0037): a learner cannot finish the
course before it opens, and nobody can reach it early. The course's own start is the courses domain's
(``courseware_blocked_reason``).
"""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from ..courses.data import BlockData

RELEASED_TYPES = frozenset({"chapter", "sequential"})


def block_start(block: BlockData) -> datetime | None:
    """The ``start`` of a chapter or sequential as imported (ISO text), or None."""
    if block.block_type not in RELEASED_TYPES:
        return None
    value = block.fields.get("start")
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def opening_dates(structure: Sequence[BlockData], now: datetime) -> dict[str, datetime]:
    """Usage key -> when it opens, for every block (container or leaf) not released at ``now``."""
    opens: dict[str, datetime] = {}
    for block in structure:  # preorder: a parent comes before its children
        inherited = opens.get(block.parent) if block.parent else None
        own = block_start(block)
        own = own if own is not None and own > now else None
        latest = max((d for d in (inherited, own) if d is not None), default=None)
        if latest is not None:
            opens[block.usage_key] = latest
    return opens


def unreleased_sections(structure: Sequence[BlockData], opens: Mapping[str, datetime]) -> list[BlockData]:
    """The outermost chapters and sequentials not released yet, in course order (one message each)."""
    return [
        block
        for block in structure
        if block.block_type in RELEASED_TYPES and block.usage_key in opens and (block.parent not in opens)
    ]


def format_opening(when: datetime) -> str:
    """How pages and messages show an opening date: ``2026-03-01 09:00 UTC``."""
    return f"{when.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
