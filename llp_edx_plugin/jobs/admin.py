"""Django admin of jobs: read-only, since a job's counters belong to the task running it."""

from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "course_key", "status", "progress", "requested_by", "created", "finished")
    list_filter = ("status", "kind")
    search_fields = ("kind", "course_key", "requested_by__username")
    list_select_related = ("requested_by",)
    date_hierarchy = "created"

    @admin.display(description="Done / failed / total")
    def progress(self, obj: Job) -> str:
        return f"{obj.done} / {obj.failed} / {obj.total}"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
