"""The learner dashboard: one card per enrolled course."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..courses import api as courses_api


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Course cards of the learner's active enrollments."""
    enrollments = courses_api.user_enrollments(request.user.pk)
    courses = {c.course_key: c for c in courses_api.list_courses([e.course_key for e in enrollments])}
    cards = [{"course": courses[e.course_key], "enrollment": e} for e in enrollments if e.course_key in courses]
    return render(request, "llp_edx_plugin/pages/dashboard.html", {"cards": cards})
