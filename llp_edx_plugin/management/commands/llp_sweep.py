"""``manage.py llp_sweep [--older-than SECONDS]``: re-send work stuck by a broker outage, now.

The same sweep Celery beat runs every ``SWEEP_EVERY_SECONDS``: certificates ``generating`` without a PDF and
jobs ``pending`` for longer than the threshold (``SWEEP_AFTER_SECONDS`` unless given) get their task again.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from llp_edx_plugin import tasks as _every_task  # noqa: F401  (registers every job kind and sweeper)
from llp_edx_plugin.jobs import api as jobs_api


class Command(BaseCommand):
    help = "Re-send the tasks of certificates stuck in 'generating' and jobs stuck in 'pending'."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=None,
            metavar="SECONDS",
            help="Only rows stuck at least this long (default: the SWEEP_AFTER_SECONDS setting).",
        )
        parser.add_argument("--limit", type=int, default=None, help="Most rows of each kind (default: SWEEP_LIMIT).")

    def handle(self, *args, older_than: float | None, limit: int | None, **options) -> None:
        if older_than is not None and older_than < 0:
            raise CommandError("--older-than must be 0 or more seconds.")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be 1 or more.")
        report = jobs_api.sweep(None if older_than is None else timedelta(seconds=older_than), limit)
        for name, count in report.items():
            self.stdout.write(f"{name}: {count} re-sent")
