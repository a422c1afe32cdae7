"""Test settings: the same env-driven base, fast hashing, eager-free Celery unless asked."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") in {"1", "true", "yes"}
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())

# Several checkouts may test against one PostgreSQL server: LLP_TEST_DB_SUFFIX keeps them apart.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = "test_llp" + os.environ.get("LLP_TEST_DB_SUFFIX", "")

# E-mails go to django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
