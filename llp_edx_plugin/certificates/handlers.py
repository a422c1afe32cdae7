"""How the certificates domain hears from lower domains.

- ``COURSE_PROGRESS_CHANGED`` (learning): a learner who completes a self-paced course is issued a certificate.
- The courses domain's settings hooks: custom template names are valid ``certificate_template`` values, and
  a grade-range or template change warns how many issued certificates it concerns.
"""

from django.dispatch import receiver

from ..courses import api as courses_api
from ..learning.signals import COURSE_PROGRESS_CHANGED
from . import custom_templates, sweep
from .records import count_issued


@receiver(COURSE_PROGRESS_CHANGED, dispatch_uid="llp_certificates_auto_issue")
def issue_when_qualified(sender, user_id: int, course_key: str, completed: bool = False, **kwargs) -> None:
    """Self-paced (or learner-generated) courses issue automatically, in a task sent on commit (issued here
    when the broker is down).

    Completion is the trigger, not ``qualified``: an allowlisted learner qualifies without the grade, which
    only this domain knows about; the task checks every rule again.
    """
    if not completed:
        return
    course = courses_api.get_course(course_key)
    if not (course.self_paced or course.learner_generated_certificates):
        return
    sweep.send_issue_if_qualified(user_id, course_key)


def custom_template_names(course_key: str) -> list[str]:
    """The course's own templates are valid choices for its ``certificate_template`` setting."""
    return sorted({t.name for t in custom_templates.list_templates(course_key)})


def issued_certificates_warning(course_key: str, old: dict, new: dict) -> list[str]:
    """Changing the grade range or the template of a course with issued certificates says how many it concerns."""
    changed = [
        label
        for field, label in (("grading_policy", "grade range"), ("certificate_template", "certificate template"))
        if old.get(field) != new.get(field)
    ]
    if not changed:
        return []
    issued = count_issued(course_key)
    if not issued:
        return []
    learners = "learner has" if issued == 1 else "learners have"
    return [
        f"{issued} {learners} an issued certificate: the new {' and '.join(changed)} applies to certificates "
        "issued from now on; regenerate existing ones from the Instructor Dashboard to apply it to them."
    ]


courses_api.register_certificate_templates(custom_template_names)
courses_api.register_settings_warning(issued_certificates_warning)
