"""Account models: Company, Profile (account type) and course team roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField


class AccountType(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    EMPLOYEE = "employee", "Employee"
    COMPANY_ADMIN = "company_admin", "Company Admin"


class CourseRole(models.TextChoices):
    INSTRUCTOR = "instructor", "Instructor"
    STAFF = "staff", "Staff"


def company_logo_path(instance: "Company", filename: str) -> str:
    """Store logos under a per-company folder; the name keeps only the extension of the upload."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"company_logos/{instance.pk or 'new'}/logo.{extension}"


class Company(models.Model):
    """A client organisation: its employees' certificates carry its logo."""

    name = models.CharField(max_length=200, unique=True)
    logo = models.ImageField(upload_to=company_logo_path, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What a user is on the portal: an individual, an employee or a Company Admin."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llp_profile")
    full_name = models.CharField(max_length=255, blank=True)
    account_type = models.CharField(max_length=20, choices=AccountType.choices, default=AccountType.INDIVIDUAL)
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.PROTECT, related_name="profiles")

    class Meta:
        permissions = [("mark_attendance", "Can mark live event attendance (Accelerated Leadership administrator)")]
        indexes = [models.Index(fields=["company", "account_type"], name="llp_profile_company_type")]

    def __str__(self) -> str:
        return f"{self.user} ({self.account_type})"

    def clean(self) -> None:
        needs_company = self.account_type in (AccountType.EMPLOYEE, AccountType.COMPANY_ADMIN)
        if needs_company and self.company_id is None:
            raise ValidationError({"company": "Employees and Company Admins belong to a company."})
        if not needs_company and self.company_id is not None:
            raise ValidationError({"company": "Individuals do not belong to a company."})


class CourseAccessRole(models.Model):
    """A course team role (instructor or staff) of one user in one course."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llp_course_roles")
    course_key = CourseKeyField(max_length=255, db_index=True)
    role = models.CharField(max_length=20, choices=CourseRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="llp_one_role_per_user_course"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.course_key}"
