"""``createsuperuser`` that checks the site's password validators in ``--noinput`` mode too.

Django checks them only when it prompts; ``DJANGO_SUPERUSER_PASSWORD`` (CONTRACT.md "Running") is checked here.
The standalone project lists this app before ``django.contrib.auth`` so that this command is the one run.
"""

import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password is not None:
            field = self.UserModel.USERNAME_FIELD
            username = options.get(field) or os.environ.get(f"DJANGO_SUPERUSER_{field.upper()}", "")
            email = options.get("email") or os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
            try:
                validate_password(password, self.UserModel(**{field: username, "email": email}))
            except ValidationError as exc:
                raise CommandError("DJANGO_SUPERUSER_PASSWORD: " + " ".join(exc.messages)) from exc
        return super().handle(*args, **options)
