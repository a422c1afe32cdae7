"""Receivers of lower domains' signals: a learner who qualifies in a self-paced course gets a certificate."""

from django.db import transaction
from django.dispatch import receiver

from ..courses import api as courses_api
from ..learning.signals import COURSE_PROGRESS_CHANGED


@receiver(COURSE_PROGRESS_CHANGED, dispatch_uid="llp_certificates_auto_issue")
def issue_when_qualified(sender, user_id: int, course_key: str, qualified: bool = False, **kwargs) -> None:
    """Self-paced (or learner-generated) courses issue automatically, in a task started on commit."""
    if not qualified:
        return
    course = courses_api.get_course(course_key)
    if not (course.self_paced or course.learner_generated_certificates):
        return
    from .tasks import issue_if_qualified_task

    transaction.on_commit(lambda: issue_if_qualified_task.delay(user_id, course_key))
