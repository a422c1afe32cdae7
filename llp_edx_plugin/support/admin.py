"""Django admin of support requests: read-only; answering happens on the staff page, which e-mails the answer."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import SupportRequest


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "created", "status", "name", "email", "user", "course_key", "training", "answered_by")
    list_filter = ("status",)
    search_fields = ("name", "email", "user__username", "course_key", "training", "message")
    list_select_related = ("user", "answered_by")
    date_hierarchy = "created"
    readonly_fields = (
        "answer_link",
        "name",
        "email",
        "user",
        "course_key",
        "training",
        "message",
        "diagnosis",
        "status",
        "answer",
        "answered_by",
        "answered_at",
        "created",
    )

    @admin.display(description="Answer")
    def answer_link(self, obj: SupportRequest) -> str:
        url = reverse("llp_edx_plugin:support-request-detail", args=[obj.pk])
        return format_html('<a href="{}">Answer or close on the support page</a>', url)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
