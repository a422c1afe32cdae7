"""``POST /api/v1/auth/token``: trade a username and password for an API token."""

from rest_framework.authtoken.views import ObtainAuthToken

from ...api_errors import api_exception_handler
from ...json_input import strict_parsers


class TokenView(ObtainAuthToken):
    """200 ``{"token": ...}``; bad credentials give 400 with field errors."""

    parser_classes = strict_parsers()
    authentication_classes: list = []
    permission_classes: list = []

    def get_exception_handler(self):
        return api_exception_handler
