"""The Celery app a test worker runs: the project's app (``settings.celery``) plus per-run isolation.

``celery -A tests.integration.celery_worker_app worker``: the broker transport options come from
``LLP_TEST_BROKER_TRANSPORT_OPTIONS`` (JSON) so the worker uses the same private Redis key prefix and short
visibility timeout as the test process that sends the tasks, and ``LLP_TEST_QUEUE`` the queue it consumes.
"""

import json
import os

from settings.celery import app

# The plugin's tasks are found by autodiscovery: ``llp_edx_plugin.tasks`` imports every domain's tasks module.
app.conf.update(broker_transport_options=json.loads(os.environ.get("LLP_TEST_BROKER_TRANSPORT_OPTIONS", "{}")))
if os.environ.get("LLP_TEST_QUEUE"):  # what the worker sends (beat, the sweep) goes to the queue it consumes
    app.conf.update(task_default_queue=os.environ["LLP_TEST_QUEUE"])

__all__ = ["app"]
