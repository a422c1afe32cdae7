"""Advanced Settings of a course: validation (pure) and update."""


def get_advanced_settings(course_key: str) -> dict:
    """The Advanced Settings of CONTRACT.md as a JSON-able dict."""
    raise NotImplementedError


def update_advanced_settings(course_key: str, changes: dict) -> dict:
    """Validate and apply a partial update; ``FieldErrors`` naming each bad field, nothing saved then."""
    raise NotImplementedError
