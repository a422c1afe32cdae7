"""A host shaped like edx-platform's LMS and Studio, loading the plugin the way they do (tests/test_plugin_in_host.py).

Like the platform's ``lms/celery.py``, the host has its own Celery application configured from its settings.
"""

from celery import Celery

celery_app = Celery("host_lms")
celery_app.config_from_object("django.conf:settings", namespace="CELERY")
celery_app.set_default()
