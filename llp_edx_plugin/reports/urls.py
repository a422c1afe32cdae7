"""Page routes of the reports domain (CONTRACT.md "Pages": ``/reports``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("reports", views.history, name="reports-history"),
    path("reports/request", views.request_report, name="reports-request"),
]
