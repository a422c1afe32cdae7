"""Celery's ``autodiscover_tasks`` looks for ``<app>.tasks``: this imports every domain's tasks module."""

from .certificates import tasks as certificates_tasks  # noqa: F401
from .company import tasks as company_tasks  # noqa: F401
from .instructor import tasks as instructor_tasks  # noqa: F401
from .jobs import tasks as jobs_tasks  # noqa: F401
from .reports import tasks as reports_tasks  # noqa: F401
