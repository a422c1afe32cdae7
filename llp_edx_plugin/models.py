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
from .learning.models import AttemptReset, BlockState, CourseProgress, LearnerDraw
from .programs.models import Program, ProgramMember
from .support.models import SupportRequest

__all__ = [
    "AttemptReset",
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
    "LearnerDraw",
    "Profile",
    "Program",
    "ProgramMember",
    "SupportRequest",
]
