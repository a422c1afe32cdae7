"""REST API v1: olx endpoints."""

urlpatterns: list = []
