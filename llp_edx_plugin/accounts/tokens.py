"""API tokens: issued on sign-in, revoked on logout, expired after ``TOKEN_TTL_SECONDS`` (ADR 0021)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from ..conf import llp_setting


def token_expired(created: datetime, now: datetime, ttl_seconds: int) -> bool:
    """Whether a token created at ``created`` is past its lifetime at ``now`` (a pure rule)."""
    return now >= created + timedelta(seconds=ttl_seconds)


def issue_token(user_id: int) -> str:
    """The user's live token, or a new one when they have none or theirs has expired."""
    with transaction.atomic():
        token, created = Token.objects.select_for_update().get_or_create(user_id=user_id)
        if not created and token_expired(token.created, timezone.now(), llp_setting("TOKEN_TTL_SECONDS")):
            token.delete()
            token = Token.objects.create(user_id=user_id)
    return token.key


def revoke_tokens(user_id: int) -> int:
    """Delete the user's API token (logout); returns how many were deleted."""
    deleted, _ = Token.objects.filter(user_id=user_id).delete()
    return deleted


def check_token(token: Token) -> bool:
    """True for a live token; an expired one is deleted and False returned."""
    if token_expired(token.created, timezone.now(), llp_setting("TOKEN_TTL_SECONDS")):
        Token.objects.filter(pk=token.pk).delete()
        return False
    return True
