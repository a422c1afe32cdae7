"""``manage.py llp_purge_reports``: delete reports kept longer than ``REPORTS_KEEP_DAYS`` (audited)."""

from django.core.management.base import BaseCommand

from ...reports import api as reports_api


class Command(BaseCommand):
    help = "Delete the reports (CSV and history row) older than LLP_CERTIFICATES['REPORTS_KEEP_DAYS']."

    def handle(self, *args, **options) -> None:
        deleted = reports_api.purge_expired()
        self.stdout.write(f"Deleted {deleted} expired report{'s' if deleted != 1 else ''}.")
