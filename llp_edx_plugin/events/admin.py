"""Django admin of attendance: viewable, not editable by hand.

A mark issues or invalidates a certificate and is kept in the history, so it changes only through
``events.api`` (the attendance page, the API or the CSV upload), never by editing a row here.
"""

from django.contrib import admin

from .models import Attendance, AttendanceHistory


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attendance)
class AttendanceAdmin(_ReadOnly):
    list_display = ("user", "course_key", "present", "marked_at", "marked_by")
    list_filter = ("present",)
    search_fields = ("user__username", "user__email", "course_key")
    list_select_related = ("user", "marked_by")


@admin.register(AttendanceHistory)
class AttendanceHistoryAdmin(_ReadOnly):
    list_display = ("user", "course_key", "previous", "present", "changed_at", "changed_by")
    search_fields = ("user__username", "course_key")
    list_select_related = ("user", "changed_by")
