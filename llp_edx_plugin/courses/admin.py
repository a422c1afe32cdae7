"""Django admin of the courses domain: courses, their (imported, read-only) blocks and enrollments."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from .models import Course, CourseBlock, Enrollment


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "course_key",
        "kind",
        "self_paced",
        "start",
        "end",
        "issues_certificates",
        "certificates_active",
        "blocks",
    )
    list_filter = ("kind", "self_paced", "issues_certificates", "certificates_active", "certificates_display_behavior")
    search_fields = ("title", "course_key")
    readonly_fields = ("created", "modified")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(block_count=Count("blocks"))

    @admin.display(description="Blocks", ordering="block_count")
    def blocks(self, obj: Course) -> str:
        """The block count, linking to the course's blocks (a list, not an inline: courses can be big)."""
        url = reverse("admin:llp_edx_plugin_courseblock_changelist") + f"?course__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.block_count)


@admin.register(CourseBlock)
class CourseBlockAdmin(admin.ModelAdmin):
    """Blocks come from OLX import only: viewable, never added or edited here (deleted with their course)."""

    list_display = (
        "display_name",
        "block_type",
        "usage_key",
        "course",
        "order",
        "graded",
        "assignment_type",
        "supported",
    )
    list_filter = ("course", "block_type", "graded", "supported")
    search_fields = ("display_name", "usage_key", "block_id")
    list_select_related = ("course",)
    ordering = ("course", "order")
    list_per_page = 200

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "is_active", "assigned_by", "created")
    list_filter = ("is_active", "course")
    search_fields = ("user__username", "user__email", "course__course_key", "course__title")
    list_select_related = ("user", "course", "assigned_by")
    raw_id_fields = ("user", "assigned_by")
    readonly_fields = ("created",)
    date_hierarchy = "created"
