"""The events domain's public functions (live events: registration, attendance).

A minimal stand-in: the events domain is built on its own branch and replaces this module at merge.
"""

__all__ = ["attendance_of"]


def attendance_of(user_id: int, course_key: str) -> bool | None:
    """Whether the learner was marked present (True) or absent (False); None while not marked yet."""
    return None
