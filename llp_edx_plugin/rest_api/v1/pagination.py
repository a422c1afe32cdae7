"""The one pagination of every list endpoint: a plain JSON array, with ``X-Total-Count`` and ``Link`` headers.

CONTRACT.md keeps lists as JSON arrays, so the paging facts travel in headers (as GitHub's API does):
``?page=`` (from 1) and ``?page_size=`` (default 50; above 500 is clamped to 500, not refused), ``X-Total-Count``
(all the items that match), and ``Link`` with ``rel="next"``, ``"prev"``, ``"first"`` and ``"last"`` (absolute
URLs keeping the other query parameters). A page or page size that is not a whole number >= 1 is a 400 with field
errors; a page past the last answers an empty array (with ``X-Total-Count``), not a 404.

Two ways to use it: ``paginate_queryset(items, request)`` slices a sequence the domain already returned (short,
bounded lists), or ``window(request)`` gives the offset and limit to pass down to a domain read that pages in
SQL; either way ``get_paginated_response(data)`` (after ``total`` is known) answers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Window:
    """The requested page as the domain reads it."""

    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def limit(self) -> int:
        return self.page_size


class PageQuerySerializer(serializers.Serializer):
    """``?page=&page_size=``: whole numbers from 1; ``page_size`` above the maximum is clamped."""

    page = serializers.IntegerField(min_value=1, max_value=1_000_000, default=1)
    page_size = serializers.IntegerField(min_value=1, default=DEFAULT_PAGE_SIZE)

    def validate_page_size(self, value: int) -> int:
        return min(value, MAX_PAGE_SIZE)


def link_header(url: str, page: int, page_size: int, total: int) -> str:
    """The ``Link`` header value for ``page`` of ``total`` items at ``url`` (the request's absolute URL)."""
    last = max(1, -(-total // page_size))

    def at(number: int, rel: str) -> str:
        return f'<{replace_query_param(url, "page", number)}>; rel="{rel}"'

    links = []
    if page < last:
        links.append(at(page + 1, "next"))
    if page > 1:
        links.append(at(min(page - 1, last), "prev"))
    links += [at(1, "first"), at(last, "last")]
    return ", ".join(links)


class ArrayPagination(BasePagination):
    """Page any list endpoint without changing its body: see the module docstring."""

    def window(self, request: Request) -> Window:
        """Parse ``page`` and ``page_size`` (400 with field errors when bad) and remember the request."""
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.request = request
        self.current = Window(page=query.validated_data["page"], page_size=query.validated_data["page_size"])
        self.total = 0
        return self.current

    def paginate_queryset(self, queryset: Sequence, request: Request, view: Any = None) -> list:
        """The page of a sequence the domain already read in full (short, bounded lists)."""
        window = self.window(request)
        self.total = len(queryset)
        return list(queryset[window.offset : window.offset + window.limit])

    def respond(self, data: Any, *, total: int) -> Response:
        """The answer for a page the domain read itself (after ``window``), ``total`` items in all."""
        self.total = total
        return self.get_paginated_response(data)

    def get_paginated_response(self, data: Any) -> Response:
        window = self.current
        headers = {
            "X-Total-Count": str(self.total),
            "Link": link_header(self.request.build_absolute_uri(), window.page, window.page_size, self.total),
        }
        return Response(data, headers=headers)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return schema  # the body stays the plain array

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Items per page (default {DEFAULT_PAGE_SIZE}; above {MAX_PAGE_SIZE} is clamped).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
