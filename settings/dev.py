"""The embedded default: SQLite and a Celery broker that needs no server (kombu filesystem transport)."""

import os

from .base import *  # noqa: F403
from .base import CELERY_BROKER_TRANSPORT_OPTIONS as _BASE_TRANSPORT_OPTIONS
from .base import VAR_DIR, env_bool

# Off unless DEBUG=1: the demo must never show a technical page with the settings and the environment.
DEBUG = env_bool("DEBUG", False)
# Static files straight from the apps' folders too, so a missing collectstatic never breaks the demo's styles.
WHITENOISE_USE_FINDERS = True

_BROKER_DIR = VAR_DIR / "broker"
for _sub in ("out", "processed", "control"):
    (_BROKER_DIR / _sub).mkdir(parents=True, exist_ok=True)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **_BASE_TRANSPORT_OPTIONS,
    "data_folder_in": str(_BROKER_DIR / "out"),
    "data_folder_out": str(_BROKER_DIR / "out"),
    "processed_folder": str(_BROKER_DIR / "processed"),
    # Exchange tables: kombu's default is a relative "control" folder in the working directory.
    "control_folder": str(_BROKER_DIR / "control"),
    "store_processed": False,
}
