"""The Job row behind every long-running piece of work (bulk generation, examples, reports)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from opaque_keys.edx.django.models import CourseKeyField


class JobStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """Progress counters a page polls to draw a progress bar; one running job per (kind, course, inputs)."""

    kind = models.CharField(max_length=50)
    course_key = CourseKeyField(max_length=255, blank=True, null=True, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    input_hash = models.CharField(max_length=64, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    # Where a later attempt resumes (kept after the job ends, so an attempt still running then finds it).
    checkpoint = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # When its task was last handed to the broker (or tried): the sweep re-sends a job pending long after it.
    last_sent_at = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["kind", "course_key", "status"], name="llp_job_kind_course_status"),
            models.Index(fields=["status", "last_sent_at"], name="llp_job_status_sent"),
        ]
        constraints = [
            # The database refuses a second active job for the same inputs (edx instructor_task style).
            models.UniqueConstraint(
                fields=["kind", "input_hash"],
                condition=models.Q(status__in=["pending", "running"]),
                name="llp_one_active_job_per_input",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
