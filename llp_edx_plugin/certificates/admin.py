"""Django admin of certificates: read-only records with their full history (changes go through the api)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Certificate,
    CertificateDownload,
    CertificateException,
    CertificateInvalidation,
    CertificateTemplate,
)


class ReadOnlyMixin:
    """Certificates are issued, invalidated and deleted through the product, which keeps the audit trail."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = (
        "user",
        "course_key",
        "status",
        "grade",
        "issued_at",
        "download_count",
        "copy_count",
        "first_downloaded_at",
    )
    list_filter = ("status", "template", "language")
    search_fields = ("user__username", "user__email", "course_key", "verify_uuid", "name")
    list_select_related = ("user",)
    date_hierarchy = "issued_at"


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "version", "course_key", "language", "created_by", "created")
    list_filter = ("language",)
    search_fields = ("name", "course_key")


@admin.register(CertificateException)
class CertificateExceptionAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("user", "course_key", "notes", "created_by", "created")
    search_fields = ("user__username", "user__email", "course_key")
    list_select_related = ("user", "created_by")


@admin.register(CertificateInvalidation)
class CertificateInvalidationAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("certificate", "active", "notes", "invalidated_by", "created", "revalidated_at")
    list_filter = ("active",)
    search_fields = ("certificate__user__username", "certificate__course_key", "notes")
    list_select_related = ("certificate__user", "invalidated_by")


@admin.register(CertificateDownload)
class CertificateDownloadAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Every download of a PDF: the holder's, and the copies of the course team and staff."""

    list_display = ("certificate", "user", "kind", "created")
    list_filter = ("kind",)
    search_fields = ("certificate__user__username", "user__username", "certificate__course_key")
    list_select_related = ("certificate__user", "user")
