"""REST API v1: learning endpoints."""

urlpatterns: list = []
