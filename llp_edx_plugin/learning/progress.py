"""Persisted course progress (completion + grade) per learner, refreshed when a block publishes."""


def refresh_course_progress(user_id: int, course_key: str) -> None:
    """Recompute and store the learner's completion and grade in the course (stub until implemented)."""
    return None
