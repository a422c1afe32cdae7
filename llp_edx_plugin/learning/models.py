"""Per-learner state of blocks and the persisted course progress (completion + grade)."""

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField, UsageKeyField


class BlockState(models.Model):
    """The XBlock user-state fields and the completion/score of one block for one learner."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = CourseKeyField(max_length=255)
    usage_key = UsageKeyField(max_length=255)
    block_type = models.CharField(max_length=50)
    state = models.JSONField(default=dict, blank=True)
    complete = models.BooleanField(default=False)
    # Score as a fraction 0..1: the best (llp_quiz), the latest (CAPA problems); None: not scored yet.
    score = models.FloatField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "usage_key"], name="llp_one_state_per_user_block")]
        indexes = [models.Index(fields=["user", "course_key"], name="llp_state_user_course")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.usage_key}"


class CourseProgress(models.Model):
    """A learner's stored completion and grade in a course, updated when a block publishes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = CourseKeyField(max_length=255, db_index=True)
    complete_count = models.PositiveIntegerField(default=0)
    total_count = models.PositiveIntegerField(default=0)
    grade_percent = models.FloatField(default=0.0)  # 0..1, as Open edX
    letter = models.CharField(max_length=20, blank=True)
    passed = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course_key"], name="llp_one_progress_per_user_course")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.course_key}: {self.grade_percent:.2f}"
