"""``manage.py import_olx PATH``: import (or re-import) an Open edX course export (.tar.gz or folder)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.errors import FieldErrors


class Command(BaseCommand):
    help = "Import an Open edX course export (.tar.gz or extracted folder); re-importing updates it in place."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="Path of the course export: a .tar.gz/.tgz archive or a folder.")

    def handle(self, *args, path: str, **options) -> None:
        source = Path(path)
        if not source.exists():
            raise CommandError(f"No such file or folder: {path}")
        try:
            report = courses_api.import_olx(source)
        except FieldErrors as exc:
            messages = [message for field_messages in exc.errors.values() for message in field_messages]
            raise CommandError(f"Cannot import {path}: {' '.join(messages)}") from exc
        action = "Created" if report.created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{action} {report.course_key}"))
        self.stdout.write("Blocks:")
        for block_type, count in report.counts.items():
            self.stdout.write(f"  {block_type}: {count}")
        if report.unsupported:
            self.stdout.write("Unsupported (kept, not required):")
            for item in report.unsupported:
                self.stdout.write(f"  {item['type']}: {item['count']}")
        if report.warnings:
            self.stdout.write(self.style.WARNING(f"Warnings ({len(report.warnings)}):"))
            for warning in report.warnings:
                self.stdout.write(f"  - {warning}")
        if report.notes:
            self.stdout.write("Notes:")
            for note in report.notes:
                self.stdout.write(f"  - {note}")
