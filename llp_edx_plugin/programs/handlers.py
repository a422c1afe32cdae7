"""How the programs domain hears from the certificates domain below it.

- ``PROGRAM_MEMBER_TITLES``: a program's credential names its members in its criteria.
- ``CERTIFICATES_CHANGED``: a member certified issues (or restores) the program certificate when it was the
  last; a member invalidated or deleted invalidates the program's with the reason. Sent after commit.
"""

from django.dispatch import receiver

from ..certificates.signals import CERTIFICATES_CHANGED, PROGRAM_MEMBER_TITLES
from . import api


@receiver(CERTIFICATES_CHANGED, dispatch_uid="llp_programs_member_certificates")
def member_certificates_changed(sender, course_key: str, changes=(), **kwargs) -> None:
    api.member_certificates_changed(course_key, changes)


@receiver(PROGRAM_MEMBER_TITLES, dispatch_uid="llp_programs_member_titles")
def program_member_titles(sender, course_key: str, **kwargs) -> tuple[str, ...]:
    return api.member_titles(course_key)
