"""Domain errors every layer may raise; the REST API and pages turn them into 400/403/404/409."""


class DomainError(Exception):
    """Base class of the plugin's expected errors (never a 500)."""


class FieldErrors(DomainError):
    """Bad input: ``errors`` maps a field name to its messages (HTTP 400 ``{"errors": {...}}``)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = {field: list(messages) for field, messages in errors.items()}
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.errors.items()))

    @classmethod
    def single(cls, field: str, message: str) -> "FieldErrors":
        return cls({field: [message]})


class NotFound(DomainError):
    """The thing asked for does not exist (HTTP 404)."""


class Forbidden(DomainError):
    """The caller may not do this (HTTP 403)."""


class Conflict(DomainError):
    """The request conflicts with the current state, e.g. a job already running (HTTP 409)."""
