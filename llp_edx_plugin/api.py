"""The one public door of the plugin for outside callers (XBlocks, edx-platform, scripts).

Re-exports the domain APIs; nothing inside the plugin imports this module.
"""

from .accounts import api as accounts
from .certificates import api as certificates
from .courses import api as courses
from .errors import Conflict, DomainError, FieldErrors, Forbidden, NotFound
from .events import api as events
from .jobs import api as jobs
from .learning import api as learning
from .learning import video_rules as video  # pure rules the video XBlocks apply

__all__ = [
    "Conflict",
    "DomainError",
    "FieldErrors",
    "Forbidden",
    "NotFound",
    "accounts",
    "certificates",
    "courses",
    "events",
    "jobs",
    "learning",
    "video",
]
