"""Django admin for every model; Django's autodiscovery imports this, and this imports each domain's admin."""

from .accounts import admin as accounts_admin
from .certificates import admin as certificates_admin
from .courses import admin as courses_admin
from .events import admin as events_admin
from .jobs import admin as jobs_admin
from .learning import admin as learning_admin
from .programs import admin as programs_admin
from .support import admin as support_admin

__all__ = [
    "accounts_admin",
    "certificates_admin",
    "courses_admin",
    "events_admin",
    "jobs_admin",
    "learning_admin",
    "programs_admin",
    "support_admin",
]
