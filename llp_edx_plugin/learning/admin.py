"""Django admin of learner state: viewable, not editable by hand.

Completion and grades decide certificates, so they change only through the learning runtime; rows may be
deleted (with their user) but never edited here.
"""

from django.contrib import admin

from .models import BlockState, CourseProgress


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BlockState)
class BlockStateAdmin(_ReadOnly):
    list_display = ("user", "course_key", "usage_key", "block_type", "complete", "score", "modified")
    list_filter = ("block_type", "complete")
    search_fields = ("user__username", "course_key", "usage_key")
    list_select_related = ("user",)


@admin.register(CourseProgress)
class CourseProgressAdmin(_ReadOnly):
    list_display = (
        "user",
        "course_key",
        "complete_count",
        "total_count",
        "grade_percent",
        "letter",
        "passed",
        "completed",
        "modified",
    )
    list_filter = ("passed", "completed")
    search_fields = ("user__username", "course_key")
    list_select_related = ("user",)
