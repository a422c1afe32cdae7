"""Many rows of every list of the REST API, stored as the domains store them (bulk, for speed)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates.models import (
    Certificate,
    CertificateException,
    CertificateInvalidation,
    CertificateTemplate,
)
from llp_edx_plugin.courses.models import Course, Enrollment
from llp_edx_plugin.jobs.models import Job

START = timezone.now().replace(microsecond=0) - timedelta(days=1000)


def learners(count: int, prefix: str = "bulk") -> list:
    """``count`` plain users ``{prefix}0000``, ``{prefix}0001``... (no profile: individuals)."""
    User = get_user_model()
    users = [User(username=f"{prefix}{i:04d}", email=f"{prefix}{i}@example.com") for i in range(count)]
    User.objects.bulk_create(users)
    return list(User.objects.filter(username__startswith=prefix).order_by("username"))


def certificates(course_key: str, users: list, *, status: str = "downloadable", enroll: bool = False) -> None:
    """One certificate per user, issued a day apart (``START`` + i days), in bulk."""
    key = CourseKey.from_string(course_key)
    Certificate.objects.bulk_create(
        [
            Certificate(
                user=user,
                course_key=key,
                status=status,
                name=user.username.title(),
                course_title="Leading Teams",
                issued_at=START + timedelta(days=i),
                pdf=f"certificates/{user.username}.pdf",
            )
            for i, user in enumerate(users)
        ]
    )
    if enroll:
        course = Course.objects.get(course_key=key)
        Enrollment.objects.bulk_create([Enrollment(user=user, course=course) for user in users])


def exceptions(course_key: str, users: list) -> None:
    key = CourseKey.from_string(course_key)
    CertificateException.objects.bulk_create(
        [CertificateException(user=user, course_key=key, notes="allowed") for user in users]
    )


def invalidations(course_key: str, users: list) -> None:
    certificates(course_key, users)
    key = CourseKey.from_string(course_key)
    rows = Certificate.objects.filter(course_key=key, user__in=users)
    CertificateInvalidation.objects.bulk_create(
        [CertificateInvalidation(certificate=cert, notes="copied", active=True) for cert in rows]
    )


def my_certificates(user, count: int, prefix: str = "C") -> None:
    """``count`` courses, the user enrolled in each with a certificate issued a day apart."""
    keys = [CourseKey.from_string(f"course-v1:BULK+{prefix}{i:04d}+2026") for i in range(count)]
    Course.objects.bulk_create([Course(course_key=key, title=f"C{i}") for i, key in enumerate(keys)])
    courses = list(Course.objects.filter(course_key__in=keys).order_by("course_key"))
    Enrollment.objects.bulk_create([Enrollment(user=user, course=course) for course in courses])
    Certificate.objects.bulk_create(
        [
            Certificate(
                user=user,
                course_key=course.course_key,
                status="downloadable",
                name="Learner",
                course_title=course.title,
                issued_at=START + timedelta(days=i),
            )
            for i, course in enumerate(courses)
        ]
    )


def templates(course_key: str, count: int) -> None:
    key = CourseKey.from_string(course_key)
    CertificateTemplate.objects.bulk_create(
        [CertificateTemplate(course_key=key, name="custom", version=i + 1, html="<p>x</p>") for i in range(count)]
    )


def generation_jobs(course_key: str, count: int) -> None:
    key = CourseKey.from_string(course_key)
    Job.objects.bulk_create(
        [
            Job(kind="certificate_generation", course_key=key, status="done", input_hash=f"bulk-{i}")
            for i in range(count)
        ]
    )
