"""compat.py: the platform's JWT authentication joins the API's when edx-drf-extensions is importable, not before.

"Present" is a tiny stand-in package of the same module path on ``sys.path``: the plugin only imports it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from llp_edx_plugin import compat

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "edx_rest_framework_extensions"
STUB = '''
from rest_framework.authentication import BaseAuthentication


class JwtAuthentication(BaseAuthentication):
    """Stand-in for edx-drf-extensions' class: "Authorization: JWT <username>" signs that user in."""

    def authenticate(self, request):
        parts = request.META.get("HTTP_AUTHORIZATION", "").split()
        if len(parts) != 2 or parts[0] != "JWT":
            return None
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=parts[1]), None

    def authenticate_header(self, request):
        return "JWT"
'''


@pytest.fixture
def stub_path(tmp_path) -> Path:
    module = tmp_path / PACKAGE / "auth" / "jwt"
    module.mkdir(parents=True)
    for folder in (tmp_path / PACKAGE, tmp_path / PACKAGE / "auth", module):
        (folder / "__init__.py").write_text("")
    (module / "authentication.py").write_text(STUB)
    return tmp_path


@pytest.fixture
def forget_stub(monkeypatch):
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        monkeypatch.delitem(sys.modules, name)


def test_absent_adds_nothing(monkeypatch, forget_stub):
    monkeypatch.setitem(sys.modules, PACKAGE, None)  # `import edx_rest_framework_extensions` raises ImportError
    assert compat.platform_authentication_classes() == ()


def test_present_adds_the_platforms_jwt_authentication(monkeypatch, stub_path, forget_stub):
    monkeypatch.syspath_prepend(str(stub_path))
    (found,) = compat.platform_authentication_classes()
    assert (found.__module__, found.__name__) == (compat.JWT_AUTHENTICATION_MODULE, "JwtAuthentication")


def test_the_standalone_api_has_no_jwt():
    from llp_edx_plugin.rest_api.v1.base import LLPAPIView

    names = [cls.__name__ for cls in LLPAPIView.authentication_classes]
    assert names == ["ExpiringTokenAuthentication", "SessionAuthentication"]


SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient
from llp_edx_plugin.rest_api.v1.base import LLPAPIView
from tests import people

call_command("migrate", verbosity=0)
people.make_user("jwt_user")
client = APIClient()
client.credentials(HTTP_AUTHORIZATION="JWT jwt_user")
mine = client.get("/api/v1/me/certificates")
schema = SchemaGenerator(urlconf="llp_edx_plugin.urls").get_schema(request=None, public=True)
print(json.dumps({
    "classes": [cls.__name__ for cls in LLPAPIView.authentication_classes],
    "status": mine.status_code,
    "schemes": sorted(schema["components"]["securitySchemes"]),
    "warnings": sorted(GENERATOR_STATS._warn_cache) + sorted(GENERATOR_STATS._error_cache),
}))
"""


def test_present_the_api_takes_a_platform_jwt_and_documents_it(stub_path):
    """In a fresh process (the API's classes are read at import): a request with a JWT is answered."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env |= {
        "PYTHONPATH": os.pathsep.join([str(stub_path), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["classes"] == ["ExpiringTokenAuthentication", "JwtAuthentication", "SessionAuthentication"]
    assert shown["status"] == 200
    assert "platformJwt" in shown["schemes"]
    assert shown["warnings"] == []
