"""The only module that reaches for Open edX code, lazily, with a standalone fallback (DESIGN.md section 1).

Inside the LMS and Studio the platform's own API callers (its micro-frontends, other services) authenticate
with a JWT (``edx-drf-extensions``); the plugin's API accepts it too when that package is importable.
Standalone there is no such package and nothing is added.
"""

from importlib import import_module

JWT_AUTHENTICATION_MODULE = "edx_rest_framework_extensions.auth.jwt.authentication"


def platform_authentication_classes() -> tuple[type, ...]:
    """``(JwtAuthentication,)`` when edx-drf-extensions is installed, else ``()``."""
    try:
        module = import_module(JWT_AUTHENTICATION_MODULE)
    except ImportError:
        return ()
    return (module.JwtAuthentication,)
