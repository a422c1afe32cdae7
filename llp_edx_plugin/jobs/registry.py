"""Which Celery task runs each job kind, and how its parameters are checked before a job is created.

A domain registers its kinds with ``tasks.job_task(kind)`` in its own ``tasks.py``, and imports that module
from its ``api.py`` so the kind is known wherever the domain starts jobs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import FieldErrors

# Checks and normalises a kind's parameters; raises FieldErrors for bad ones.
Validator = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    kind: str
    task: Any  # a Celery task (or its proxy) whose base is tasks.JobTask
    validate: Validator | None = None


_KINDS: dict[str, JobKind] = {}


def register(kind: str, task: Any, validate: Validator | None = None) -> None:
    """Make ``kind`` startable; registering the same kind again replaces it (module reloads)."""
    _KINDS[kind] = JobKind(kind=kind, task=task, validate=validate)


def get_kind(kind: str) -> JobKind:
    """The registration of ``kind``; ``FieldErrors`` on ``kind`` when nothing runs it."""
    try:
        return _KINDS[kind]
    except KeyError:
        raise FieldErrors.single("kind", f"Unknown job kind {kind!r}.") from None


def kinds() -> list[str]:
    """Every registered kind, sorted."""
    return sorted(_KINDS)
