"""Page routes of support: the contact form and the requests."""

from django.urls import path

from . import views

urlpatterns = [
    path("support/contact", views.contact, name="support-contact"),
    path("support/requests", views.request_list, name="support-requests"),
    path("support/requests/<int:request_id>", views.request_detail, name="support-request-detail"),
]
