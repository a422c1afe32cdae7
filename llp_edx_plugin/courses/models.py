"""Course (a training), its block structure as imported from OLX, and enrollments."""

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField, UsageKeyField

from .data import BUILT_IN_CERTIFICATE_TEMPLATE


class CourseKind(models.TextChoices):
    ONLINE = "online", "Online course"
    LIVE_EVENT = "live_event", "Live event"
    # A program's own row (programs/): its certificate, template and language reuse the one pipeline.
    PATHWAY = "pathway", "Pathway"
    LEARNING_PROGRAM = "learning_program", "Learning program"


class DisplayBehavior(models.TextChoices):
    END = "end", "At course end"
    EARLY_NO_INFO = "early_no_info", "Immediately upon passing (no info before)"
    EARLY_WITH_INFO = "early_with_info", "Immediately upon passing (with info)"
    END_WITH_DATE = "end_with_date", "On the certificate available date"


def default_grading_policy() -> dict:
    """Open edX's default for a new course: no graded content, pass at 50%."""
    return {"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}}


class Course(models.Model):
    """A training: an online course of XBlock lessons, or a live event. Holds its Advanced Settings."""

    course_key = CourseKeyField(max_length=255, unique=True)
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=CourseKind.choices, default=CourseKind.ONLINE)
    self_paced = models.BooleanField(default=False)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    issues_certificates = models.BooleanField(default=True)
    certificates_display_behavior = models.CharField(
        max_length=20, choices=DisplayBehavior.choices, default=DisplayBehavior.EARLY_NO_INFO
    )
    certificate_available_date = models.DateTimeField(null=True, blank=True)
    learner_generated_certificates = models.BooleanField(default=False)
    certificate_template = models.CharField(max_length=100, default=BUILT_IN_CERTIFICATE_TEMPLATE)
    certificate_language = models.CharField(max_length=10, default="en")
    certificates_active = models.BooleanField(default=False)
    time_zone = models.CharField(max_length=64, default="UTC")
    # Live events only: where the session happens (a place, and/or an online link for registered learners).
    location = models.CharField(max_length=255, blank=True, default="")
    join_url = models.URLField(max_length=500, blank=True, default="")
    capacity = models.PositiveIntegerField(null=True, blank=True)
    grading_policy = models.JSONField(default=default_grading_policy)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.course_key})"


class CourseBlock(models.Model):
    """One node of the course tree (course → chapter → sequential → vertical → leaf), in course order."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="blocks")
    usage_key = UsageKeyField(max_length=255, unique=True)
    block_type = models.CharField(max_length=50)
    block_id = models.CharField(max_length=255)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    # Preorder index of the block in the whole course: sorting by it gives course order.
    order = models.PositiveIntegerField(default=0)
    display_name = models.CharField(max_length=255, blank=True)
    graded = models.BooleanField(default=False)
    assignment_type = models.CharField(max_length=100, blank=True)
    supported = models.BooleanField(default=True)
    # Block settings from OLX attributes (src, duration, pass_score, ...) and the block's inner content.
    fields = models.JSONField(default=dict, blank=True)
    content = models.TextField(blank=True)
    # Videos (seconds): measured from the course's own media file at import; set by the course team (kept
    # across re-imports, which update blocks in place). See courses/videos.py for which one counts.
    measured_duration = models.FloatField(null=True, blank=True)
    team_duration = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["course", "order"]
        indexes = [models.Index(fields=["course", "order"], name="llp_block_course_order")]

    def __str__(self) -> str:
        return str(self.usage_key)


class Enrollment(models.Model):
    """A learner's enrollment; ``assigned_by`` is the Company Admin who assigned the training, if any."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llp_enrollments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    is_active = models.BooleanField(default=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="llp_one_enrollment_per_user_course")]
        # Bulk generation walks a course's learners by user id in keyset pages (courses_api.enrolled_user_ids_after).
        indexes = [models.Index(fields=["course", "user"], name="llp_enrollment_course_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.course.course_key}"
