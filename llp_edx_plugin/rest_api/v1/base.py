"""The base view of every API endpoint: token then session auth, authenticated, contract error shapes, pages."""

from collections.abc import Sequence
from typing import Any

from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from ...accounts import api as accounts_api
from ...api_errors import api_exception_handler
from .pagination import ArrayPagination


class LLPAPIView(APIView):
    """Token auth first so an anonymous call gets 401 (with ``WWW-Authenticate``), not 403."""

    authentication_classes = list(accounts_api.API_AUTHENTICATION_CLASSES)
    permission_classes = [IsAuthenticated]
    pagination_class = ArrayPagination

    def get_exception_handler(self):
        return api_exception_handler

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
