"""``POST /api/v1/auth/token`` (sign in) and ``DELETE /api/v1/auth/token`` (sign out: revoke the token)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import Throttled
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from .base import LLPAPIView
from .schema import ErrorOut, errors

_TOKEN = inline_serializer("Token", {"token": serializers.CharField()})


class TokenView(LLPAPIView):
    """A token for a username and password; revoked by DELETE. Repeated failed sign-ins answer 429."""

    def get_permissions(self):
        return [] if self.request.method == "POST" else [IsAuthenticated()]

    def perform_authentication(self, request: Request) -> None:
        if request.method != "POST":  # signing in ignores any (maybe expired) token the client still sends
            super().perform_authentication(request)

    @extend_schema(
        auth=[],  # signing in ignores any token the client still sends
        request=AuthTokenSerializer,
        responses={
            200: _TOKEN,
            400: OpenApiResponse(ErrorOut, description="Bad credentials"),
            429: OpenApiResponse(ErrorOut, description="Too many failed sign-ins"),
        },
    )
    def post(self, request: Request) -> Response:
        username = request.data.get("username") if hasattr(request.data, "get") else None
        wait = accounts_api.login_retry_after(request, username if isinstance(username, str) else None)
        if wait is not None:
            raise Throttled(wait=wait, detail="Too many failed sign-in attempts.")
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        return Response({"token": accounts_api.issue_token(serializer.validated_data["user"].pk)})

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Signed out: the token is revoked."), **errors(401)},
    )
    def delete(self, request: Request) -> Response:
        accounts_api.revoke_tokens(request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
