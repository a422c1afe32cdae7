"""``manage.py llp_rotate_credential_key``: a new Ed25519 key signs credentials from now on (ADR 0033)."""

from django.core.management.base import BaseCommand

from ...certificates import api as certificates_api


class Command(BaseCommand):
    help = (
        "Make a new credential signing key current. Earlier keys stop signing but stay in /.well-known/jwks.json "
        "with their validity period, so the credentials they signed keep verifying."
    )

    def handle(self, *args, **options) -> None:
        key = certificates_api.rotate_credential_key()
        self.stdout.write(f"New current credential key: kid {key.kid} (valid from {key.valid_from.isoformat()}).")
