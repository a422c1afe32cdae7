"""The base view of every API endpoint: token then session auth, authenticated, contract error shapes."""

from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from ...accounts import api as accounts_api
from ...api_errors import api_exception_handler


class LLPAPIView(APIView):
    """Token auth first so an anonymous call gets 401 (with ``WWW-Authenticate``), not 403."""

    authentication_classes = list(accounts_api.API_AUTHENTICATION_CLASSES)
    permission_classes = [IsAuthenticated]

    def get_exception_handler(self):
        return api_exception_handler


class PublicAPIView(LLPAPIView):
    """An endpoint anyone may call (verification)."""

    permission_classes: list = []
