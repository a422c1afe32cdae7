"""Signals of the events domain (DESIGN.md §1: a lower domain tells higher ones what happened).

``ATTENDANCE_CHANGED`` is sent after the change commits, once per learner whose mark changed, with
``user_id: int, course_key: str, present: bool, previous: bool | None`` (None: not marked before) and
``actor_id: int | None`` (who marked it).
"""

from django.dispatch import Signal

ATTENDANCE_CHANGED = Signal()
