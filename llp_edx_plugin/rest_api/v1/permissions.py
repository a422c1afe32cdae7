"""DRF glue: the request's Actor, computed once per request."""

from rest_framework.request import Request

from ...accounts import api as accounts_api
from ...accounts.data import Actor


def actor_of(request: Request) -> Actor:
    """The permission Actor of the request's user (cached on the request)."""
    actor = getattr(request, "_llp_actor", None)
    if actor is None:
        actor = accounts_api.get_actor(request.user)
        request._llp_actor = actor
    return actor
