"""Attendance at live events: the current mark per (learner, event) and every change to it."""

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField


class Attendance(models.Model):
    """A learner's current attendance mark at a live event (one row per learner and event)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="llp_attendance")
    course_key = CourseKeyField(max_length=255, db_index=True)
    present = models.BooleanField()
    marked_at = models.DateTimeField()
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course_key"], name="llp_one_attendance_per_event")]

    def __str__(self) -> str:
        return f"{self.user} {'present' if self.present else 'absent'} at {self.course_key}"


class AttendanceHistory(models.Model):
    """One change of a mark: who changed it, when, from what (None: not marked) to what. Never edited."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = CourseKeyField(max_length=255)
    previous = models.BooleanField(null=True)
    present = models.BooleanField()
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["course_key", "user"], name="llp_attendance_hist_idx")]

    def __str__(self) -> str:
        return f"{self.user} at {self.course_key}: {self.previous} -> {self.present}"
