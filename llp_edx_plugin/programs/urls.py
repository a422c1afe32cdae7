"""Page routes of the programs domain (staff only): ``/programs`` and ``/programs/{slug}``."""

from django.urls import path

from . import views

urlpatterns = [
    path("programs", views.programs_page, name="programs"),
    path("programs/<str:slug>", views.program_page, name="program"),
]
