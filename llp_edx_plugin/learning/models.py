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


class LearnerDraw(models.Model):
    """What one learner was given, once and for good, by a per-learner branching block of a course.

    ``key``: ``library_content`` -> the block's usage key, ``chosen`` its drawn children's block ids (as
    Open edX keeps the selection); ``split_test`` -> ``partition:{user_partition_id}``, ``chosen`` the one
    group id (as Open edX keeps a learner's group per partition, for every split_test that uses it).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = CourseKeyField(max_length=255)
    key = models.CharField(max_length=300)
    chosen = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key", "key"], name="llp_one_draw_per_user_block")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.key}: {self.chosen}"


class AttemptReset(models.Model):
    """History of the course team's resets of a learner's attempts on a problem or quiz (who, when, what)."""

    course_key = CourseKeyField(max_length=255, db_index=True)
    usage_key = UsageKeyField(max_length=255)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts_before = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.learner_id} @ {self.usage_key} by {self.reset_by_id}"
