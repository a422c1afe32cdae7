"""``settings.production``: ``check --deploy`` clean; HSTS, SSL redirect and the proxy header from the
environment; a weak SECRET_KEY refused."""

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from settings.base import DEV_SECRET_KEY, secret_key_problem

ROOT = Path(__file__).resolve().parents[2]
STRONG = secrets.token_urlsafe(50)

# Nothing may warn: drf-spectacular's W001/W002 (views it cannot describe) included (tests/rest/test_schema.py).
TOLERATED: set[str] = set()


def _run(code: list[str], **env) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests set it for their session; a deployment never has it.
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "DJANGO_SETTINGS")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ |= {"DJANGO_SETTINGS_MODULE": "settings.production", "ALLOWED_HOSTS": "x", "SECRET_KEY": STRONG}
    environ |= {"DATABASE_URL": "sqlite:///:memory:", **env}
    return subprocess.run([sys.executable, *code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300)


def _settings(**env) -> dict:
    """The HTTPS settings of settings.production under ``env``."""
    names = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE")
    code = f"import django; django.setup(); from django.conf import settings as s; print([s.{', s.'.join(names)}])"
    result = _run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return dict(zip(names, ast.literal_eval(result.stdout), strict=True))


def test_check_deploy_is_clean():
    result = _run(["manage.py", "check", "--deploy"])
    assert result.returncode == 0, result.stderr
    ids = set(re.findall(r"\(([\w.]+\.[A-Z]\d{3})\)", result.stdout + result.stderr))
    assert ids - TOLERATED == set()


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "missing"),
        (DEV_SECRET_KEY, "development key"),
        ("django-insecure-" + "x" * 60, "development key"),
        ("a" * 49, "fewer than 50"),
        ("abcd" * 20, "fewer than 5 different"),
        (STRONG, None),
    ],
    ids=["empty", "dev", "django-insecure", "short", "few-characters", "strong"],  # the same in every xdist worker
)
def test_secret_key_problem(key, problem):
    found = secret_key_problem(key)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize("key", ["short-key", DEV_SECRET_KEY])
def test_production_refuses_a_weak_secret_key(key):
    result = _run(["-c", "import django; django.setup()"], SECRET_KEY=key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "strong SECRET_KEY" in result.stderr


def test_https_defaults():
    assert _settings() == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": True,
    }


def test_https_settings_come_from_the_environment():
    env = {"SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "60", "SECURE_COOKIES": "0"}
    assert _settings(**env, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https") == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 60,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SESSION_COOKIE_SECURE": False,
    }


def test_a_malformed_proxy_header_is_refused():
    result = _run(["-c", "import django; django.setup()"], SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must be" in result.stderr
