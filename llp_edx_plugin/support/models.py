"""A support request sent from the contact form or the API, with the diagnosis the learner saw."""

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField

NAME_MAX = 200
TRAINING_MAX = 200
MESSAGE_MAX = 5000


class SupportStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


class SupportRequest(models.Model):
    """Who asked (a user, or a visitor by name and e-mail), about which training, and the staff's answer."""

    name = models.CharField(max_length=NAME_MAX)
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="llp_support_requests"
    )
    course_key = CourseKeyField(max_length=255, null=True, blank=True)
    training = models.CharField(max_length=TRAINING_MAX, blank=True)  # a visitor's free text
    message = models.TextField(max_length=MESSAGE_MAX)
    # The findings exactly as shown when the request was sent ([{code, message, link_url?, link_label?}]).
    diagnosis = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=SupportStatus.choices, default=SupportStatus.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["status", "created"], name="llp_support_status_created"),
            models.Index(fields=["user", "created"], name="llp_support_user_created"),
        ]

    def __str__(self) -> str:
        return f"Support request #{self.pk} ({self.status})"
