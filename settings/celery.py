"""The project's only Celery application (``celery -A settings worker``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

app = Celery("llp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
