"""Signals of the certificates domain (DESIGN.md §1: a lower domain tells higher ones what happened).

``CERTIFICATES_CHANGED`` is sent after the change commits, once per write (one certificate, or one bulk
chunk of a course), with ``course_key: str`` and ``changes: tuple[StatusChange, ...]``: each learner whose
certificate status changed, from what (None: the row is new) to what. The store sends it: every status
change of every issuer goes through it. The programs domain issues and invalidates program certificates
from it.

``PROGRAM_MEMBER_TITLES`` is sent with ``course_key: str`` (a program's own key) when a program's credential is
built: the programs domain above answers with the titles of its members, in order (the criteria narrative).
"""

from dataclasses import dataclass

from django.dispatch import Signal

CERTIFICATES_CHANGED = Signal()
PROGRAM_MEMBER_TITLES = Signal()
PROGRAM_MEMBER_TITLES = Signal()


@dataclass(frozen=True)
class StatusChange:
    user_id: int
    previous: str | None
    status: str
