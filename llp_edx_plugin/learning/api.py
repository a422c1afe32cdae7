"""The learning domain's public functions."""

__all__ = ["is_block_locked"]


def is_block_locked(user_id: int, course_key: str, usage_key: str) -> bool:
    """Whether the block sits in a lesson the learner has not unlocked yet (stub until implemented)."""
    return False
