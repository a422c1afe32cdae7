"""How often one sender may send support requests, whichever path they take (API or contact page)."""

from rest_framework.throttling import SimpleRateThrottle

from ..conf import llp_setting


class SendingThrottle(SimpleRateThrottle):
    """Sending support requests: per signed-in user, or per client address for visitors; reading is free.

    A DRF throttle, used as such by the REST view and called by the contact page, so both paths share one
    allowance (the same cache keys).
    """

    scope = "support_request"

    def __init__(self) -> None:
        """No rate yet: it depends on who asks (``allow_request``), read from the settings at call time."""

    def allow_request(self, request, view) -> bool:
        if request.method != "POST":
            return True
        authenticated = bool(request.user and request.user.is_authenticated)
        self.rate = llp_setting("SUPPORT_THROTTLE_USER" if authenticated else "SUPPORT_THROTTLE_ANON")
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


def allow_sending(request) -> tuple[bool, int | None]:
    """Whether this (Django or DRF) POST may send a request now, and if not, in how many seconds it may."""
    throttle = SendingThrottle()
    if throttle.allow_request(request, None):
        return True, None
    wait = throttle.wait()
    return False, int(wait) + 1 if wait is not None else None
