"""How API callers authenticate: the one token class of the plugin, and the sign-in backend with throttling.

Used by the REST API, the XBlock handler endpoint and the certificate download (ADR 0021).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .. import compat
from .throttle import clear_login_failures, login_retry_after, record_login_failure
from .tokens import check_token


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``; a token past ``TOKEN_TTL_SECONDS`` gets 401 and is deleted."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not check_token(token):
            raise AuthenticationFailed("Token has expired; ask for a new one at /api/v1/auth/token.")
        return user, token


# Token first, so that an anonymous call gets 401 (with ``WWW-Authenticate``), not 403. Inside Open edX the
# platform's JWT authentication comes next (compat.py); standalone it is absent.
API_AUTHENTICATION_CLASSES = (
    ExpiringTokenAuthentication,
    *compat.platform_authentication_classes(),
    SessionAuthentication,
)


class ThrottledModelBackend(ModelBackend):
    """Django's username/password backend that counts failures and refuses a throttled address.

    Every sign-in path goes through it (``/login``, ``/admin/``, ``POST /api/v1/auth/token``), so the
    counting lives in one place; the views turn a throttled attempt into a 429.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is not None and login_retry_after(request, username) is not None:
            raise PermissionDenied("Too many failed sign-in attempts.")  # no backend is tried
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if request is not None and username is not None:
            if user is None:
                record_login_failure(request, username)
            else:
                clear_login_failures(request, username)
        return user
