"""Certificates, jobs and grading policies of the world's course, stored as the domains store them."""

from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.jobs.models import Job
from tests import people

URL = f"/courses/{people.COURSE}/instructor"


def set_course(course_key: str, **fields) -> None:
    """Change stored course fields (certificates_active, self_paced, grading_policy, ...)."""
    Course.objects.filter(course_key=CourseKey.from_string(course_key)).update(**fields)


def add_certificate(user, course_key: str, status: str, *, grade: str = "", name: str = "") -> Certificate:
    return Certificate.objects.create(
        user=user,
        course_key=CourseKey.from_string(course_key),
        status=status,
        grade=grade,
        name=name or user.get_username().title(),
        course_title="Leading Teams",
        issued_at=timezone.now() if status == "downloadable" else None,
    )


def add_job(kind: str, course_key: str, requested_by=None, **fields) -> Job:
    return Job.objects.create(
        kind=kind,
        course_key=CourseKey.from_string(course_key),
        requested_by=requested_by,
        input_hash=f"{kind}-{Job.objects.count()}",
        **fields,
    )
