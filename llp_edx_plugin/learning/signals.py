"""Named signals the learning domain sends to higher domains (received in their ``handlers.py``)."""

from django.dispatch import Signal

# Sent after commit when a learner's stored ``passed`` or ``completed`` changed in a course (as edx-platform's
# COURSE_GRADE_NOW_PASSED). Keyword arguments: user_id (int), course_key (str), passed (bool: the grade
# requirement is met), completed (bool: every required block is complete), qualified (bool: both).
COURSE_PROGRESS_CHANGED = Signal()
