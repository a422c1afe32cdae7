"""The one public door of the plugin for outside callers (XBlocks, edx-platform, scripts).

Re-exports the domain APIs; nothing inside the plugin imports this module.
"""

from .accounts import api as accounts
from .courses import api as courses
from .errors import Conflict, DomainError, FieldErrors, Forbidden, NotFound

__all__ = [
    "Conflict",
    "DomainError",
    "FieldErrors",
    "Forbidden",
    "NotFound",
    "accounts",
    "courses",
]
