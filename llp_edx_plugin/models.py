"""Django loads models from here; each domain owns its own ``models.py``."""

from .accounts.models import Company, CourseAccessRole, Profile
from .certificates.models import (
    Certificate,
    CertificateDownload,
    CertificateException,
    CertificateInvalidation,
    CertificateTemplate,
    CredentialKey,
)
from .courses.models import Course, CourseBlock, Enrollment
from .events.models import Attendance, AttendanceHistory
from .jobs.models import Job
from .learning.models import BlockState, CourseProgress
from .support.models import SupportRequest

__all__ = [
    "Attendance",
    "AttendanceHistory",
    "BlockState",
    "Certificate",
    "CertificateDownload",
    "CertificateException",
    "CertificateInvalidation",
    "CertificateTemplate",
    "Company",
    "Course",
    "CourseAccessRole",
    "CourseBlock",
    "CourseProgress",
    "CredentialKey",
    "Enrollment",
    "Job",
    "Profile",
    "SupportRequest",
]
