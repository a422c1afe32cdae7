"""The base view of every API endpoint: token then session auth, authenticated, contract error shapes."""

from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from ...api_errors import api_exception_handler
from ...json_input import check_url_parameters, strict_parsers


class LLPAPIView(APIView):
    """Token auth first so an anonymous call gets 401 (with ``WWW-Authenticate``), not 403.

    The strict parsers are set here too, not only in the settings: inside Open edX the platform's DRF defaults
    apply, and hostile bodies must still be a 400 there (docs/decisions/0025-input-limits.md).
    """

    parser_classes = strict_parsers()
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)  # authenticated first: anonymous callers get their 401
        check_url_parameters(kwargs, request.query_params)


class PublicAPIView(LLPAPIView):
    """An endpoint anyone may call (verification)."""

    permission_classes: list = []
