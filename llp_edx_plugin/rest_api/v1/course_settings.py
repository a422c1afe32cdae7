"""REST API v1: course_settings endpoints."""

urlpatterns: list = []
