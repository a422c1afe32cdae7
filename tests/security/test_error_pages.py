"""Errors: JSON 404 for any unknown /api/ path; the product's own 404, 403 and 500 pages; no technical page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/courses/x/y/z", "/api/v2/companies", "/api/"])
def test_an_unknown_api_path_is_a_json_404(method, path):
    response = getattr(Client(), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_an_unknown_api_path_is_a_json_404_for_a_signed_in_user_too(world):
    client = Client()
    client.force_login(world.users["learner"])
    response = client.post("/api/v1/nope", {"a": 1})
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_an_unknown_page_shows_the_products_404_in_the_site_layout(world):
    client = Client()
    client.force_login(world.users["learner"])
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "site_base.html"]
    html = response.content.decode()
    assert "We can't find that page" in html
    assert 'href="/dashboard"' in html
    assert "Page not found (404)" not in html  # Django's technical page


def test_a_forbidden_page_shows_the_products_403(world):
    client = Client()
    client.force_login(world.users["learner"])
    response = client.get(f"/courses/{world.course_key}/instructor")
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    assert "You don't have access to this page" in response.content.decode()


def test_a_failing_page_shows_the_products_500_and_nothing_technical(settings):
    settings.ROOT_URLCONF = "tests.security.urls_boom"
    client = Client()
    client.raise_request_exception = False
    response = client.get("/boom")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="/dashboard"' in html
    for leak in ("DATABASE_URL", "Traceback", "RuntimeError"):
        assert leak not in html


def _dev_debug(**env) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "DEBUG"} | env
    code = "import settings.dev as s; print(s.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_demo_settings_run_with_debug_off_unless_asked():
    assert _dev_debug() == "False"
    assert _dev_debug(DEBUG="1") == "True"
