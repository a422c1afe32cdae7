"""REST API v1: courses endpoints."""

urlpatterns: list = []
