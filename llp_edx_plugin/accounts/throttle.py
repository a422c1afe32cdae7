"""Sign-in throttling: too many failed sign-ins from one address (for one username, or at all) block it.

Failures are counted in Django's cache in fixed windows of ``LOGIN_FAILURE_WINDOW_SECONDS``: per
(address, username) up to ``LOGIN_MAX_FAILURES``, and per address up to ``LOGIN_MAX_FAILURES_PER_ADDRESS``
(one address trying many usernames). Keyed by address as well as username so that a stranger cannot lock a
user out from everywhere. Production shares the counters between processes with a shared cache (ADR 0021).
"""

import hashlib
import time

from django.core.cache import cache

from ..conf import llp_setting

_PREFIX = "llp:login-failures:"


def _address(request) -> str:
    return (getattr(request, "META", {}) or {}).get("REMOTE_ADDR", "") or "unknown"


def _keys(request, username: str | None) -> list[tuple[str, int]]:
    """Cache keys of the counters this attempt touches, with each one's limit."""
    window = int(time.time() // llp_setting("LOGIN_FAILURE_WINDOW_SECONDS"))
    address = _address(request)
    who = hashlib.sha256(f"{address}|{(username or '').strip().lower()}".encode()).hexdigest()
    return [
        (f"{_PREFIX}{window}:user:{who}", llp_setting("LOGIN_MAX_FAILURES")),
        (
            f"{_PREFIX}{window}:address:{hashlib.sha256(address.encode()).hexdigest()}",
            llp_setting("LOGIN_MAX_FAILURES_PER_ADDRESS"),
        ),
    ]


def login_retry_after(request, username: str | None) -> int | None:
    """Seconds until this address may try ``username`` again, or None when it may try now."""
    if any((cache.get(key) or 0) >= limit for key, limit in _keys(request, username)):
        window = llp_setting("LOGIN_FAILURE_WINDOW_SECONDS")
        return max(1, int(window - time.time() % window))
    return None


def record_login_failure(request, username: str | None) -> None:
    """Count one failed sign-in of ``username`` from the request's address."""
    timeout = llp_setting("LOGIN_FAILURE_WINDOW_SECONDS") + 1
    for key, _ in _keys(request, username):
        if not cache.add(key, 1, timeout):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout)


def clear_login_failures(request, username: str | None) -> None:
    """A successful sign-in forgets that username's failures from this address (not the address's total)."""
    cache.delete(_keys(request, username)[0][0])
