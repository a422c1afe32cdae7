"""REST API v1: accounts endpoints."""

urlpatterns: list = []
