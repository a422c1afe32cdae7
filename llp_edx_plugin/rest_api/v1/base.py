"""The base view of every API endpoint: token then session auth, authenticated, contract error shapes, pages."""

from collections.abc import Sequence
from typing import Any

from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from ...accounts import api as accounts_api
from ...api_errors import api_exception_handler
from ...json_input import check_url_parameters, strict_parsers
from .pagination import ArrayPagination


class LLPAPIView(APIView):
    """Token auth first so an anonymous call gets 401 (with ``WWW-Authenticate``), not 403.

    The strict parsers are set here too, not only in the settings: inside Open edX the platform's DRF defaults
    apply, and hostile bodies must still be a 400 there (docs/decisions/0025-input-limits.md).
    """

    parser_classes = strict_parsers()
    authentication_classes = list(accounts_api.API_AUTHENTICATION_CLASSES)
    permission_classes = [IsAuthenticated]
    pagination_class = ArrayPagination

    def get_exception_handler(self):
        return api_exception_handler

    def check_permissions(self, request) -> None:
        # Before any permission rule looks the parameters up: PostgreSQL fails on a NUL. Reading request.user
        # here would authenticate views that skip it (signing in ignores a stale token).
        check_url_parameters(self.kwargs, request.query_params)
        super().check_permissions(request)

    def paginator(self) -> ArrayPagination:
        return self.pagination_class()

    def list_response(self, items: Sequence, serializer_class: type[Serializer], **context: Any) -> Response:
        """A short list the domain returned whole, as one page (``ArrayPagination``) of ``serializer_class``."""
        paginator = self.paginator()
        page = paginator.paginate_queryset(items, self.request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True, context=context).data)


class PublicAPIView(LLPAPIView):
    """An endpoint anyone may call (verification)."""

    permission_classes: list = []
