"""How the programs domain hears from the certificates domain below it.

- ``CERTIFICATES_CHANGED``: a member certified issues (or restores) the program certificate when it was the
  last; a member invalidated or deleted invalidates the program's with the reason. Sent after commit.
"""

from django.dispatch import receiver

from ..certificates.signals import CERTIFICATES_CHANGED
from . import api


@receiver(CERTIFICATES_CHANGED, dispatch_uid="llp_programs_member_certificates")
def member_certificates_changed(sender, course_key: str, changes=(), **kwargs) -> None:
    api.member_certificates_changed(course_key, changes)
