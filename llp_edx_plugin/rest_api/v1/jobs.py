"""REST API v1: jobs endpoints."""

urlpatterns: list = []
