"""Django admin of programs: read-only (the staff page edits them, checking members and loops)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import Program, ProgramMember


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class MemberInline(admin.TabularInline):
    model = ProgramMember
    fields = ("position", "training_key")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Program)
class ProgramAdmin(ReadOnly):
    list_display = ("slug", "kind", "course_key", "in_order", "edit_link", "modified")
    list_filter = ("kind", "in_order")
    search_fields = ("slug", "course_key", "description")
    readonly_fields = ("slug", "kind", "course_key", "description", "in_order", "created", "modified", "edit_link")
    inlines = [MemberInline]

    @admin.display(description="Edit")
    def edit_link(self, obj: Program) -> str:
        return format_html('<a href="{}">staff page</a>', reverse("llp_edx_plugin:program", args=[obj.slug]))


@admin.register(ProgramMember)
class ProgramMemberAdmin(ReadOnly):
    list_display = ("program", "position", "training_key")
    search_fields = ("program__slug", "training_key")
    list_select_related = ("program",)
    readonly_fields = ("program", "position", "training_key")
