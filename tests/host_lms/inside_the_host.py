"""Run inside the host (``tests/host_lms/settings.py``) by ``tests/test_plugin_in_host.py``, never by itself.

The plugin was loaded only through ``edx_django_utils.plugins``: its pages and API answer under ``/llp/``
without error, and the host's own ``/dashboard``, progress, instructor and XBlock handler routes stay the host's.
"""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from edx_django_utils.plugins import get_plugin_url_patterns
from rest_framework.test import APIClient

from llp_edx_plugin import links
from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from tests import people
from tests.learning.runtime.conftest import build_course

pytestmark = pytest.mark.django_db
COURSE = people.COURSE
HOST_ROUTES = {
    "/dashboard": "host:dashboard",
    f"/courses/{COURSE}/progress": "host:progress",
    f"/courses/{COURSE}/instructor": "host:instructor",
    f"/courses/{COURSE}/xblock/block-v1:LLP+LEAD101+2026+type@llp_reading+block@wrap/handler/complete": (
        "host:xblock_handler"
    ),
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_host_is_what_it_claims():
    """Guard: this really is the host, with the plugin only from its entry points and hooks."""
    assert settings.ROOT_URLCONF == "tests.host_lms.urls"
    assert "llp_edx_plugin.apps.LLPCertificatesConfig" in settings.INSTALLED_APPS
    assert not any(app.startswith("settings") for app in settings.INSTALLED_APPS)


def test_the_hooks_add_what_the_plugin_needs():
    for app in ("rest_framework.authtoken", "drf_spectacular", "django_filters", "simple_history"):
        assert app in settings.INSTALLED_APPS
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    assert "llp_edx_plugin.context_processors.llp" in processors
    assert "django.contrib.auth.context_processors.auth" in processors  # the host's kept
    assert settings.LLP_CERTIFICATES["BASE_URL"] == settings.LMS_ROOT_URL
    assert finders.find("llp_edx_plugin/base.css")
    assert settings.MIDDLEWARE[0] == "llp_edx_plugin.request_limits.RequestSizeLimitMiddleware"
    # The hooks ran twice (COMMON, then TEST), as in the platform: nothing is added twice.
    assert processors.count("llp_edx_plugin.context_processors.llp") == 1
    assert settings.MIDDLEWARE.count("llp_edx_plugin.request_limits.RequestSizeLimitMiddleware") == 1
    assert settings.INSTALLED_APPS.count("rest_framework.authtoken") == 1
    # The host's own DRF defaults are left alone; the plugin's views set their own.
    assert settings.REST_FRAMEWORK["PAGE_SIZE"] == 10


@pytest.mark.parametrize(("path", "answer"), HOST_ROUTES.items())
def test_the_hosts_routes_stay_the_hosts(world, path, answer):
    response = signed_in(world.users["staff"]).get(path)
    assert (response.status_code, response.content.decode()) == (200, answer)


@pytest.mark.parametrize("path", HOST_ROUTES)
def test_no_plugin_route_outside_its_prefix(path):
    """Whatever the order of the host's list: the plugin's patterns alone match nothing of the host's."""
    plugin_only = URLResolver(RegexPattern(r"^/"), get_plugin_url_patterns(settings.PROJECT))
    with pytest.raises(Resolver404):
        plugin_only.resolve(path)
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == links.NAMESPACE:
            assert [str(p.pattern) for p in pattern.url_patterns] == ["llp/"]


def test_every_link_is_under_the_prefix(world):
    assert links.url("pages:dashboard") == "/llp/dashboard"
    assert links.progress_page(COURSE) == f"/llp/courses/{COURSE}/progress"
    assert reverse("llp_edx_plugin:instructor-dashboard", kwargs={"course_key": COURSE}) == (
        f"/llp/courses/{COURSE}/instructor"
    )
    assert links.xblock_handler(COURSE, "block-v1:A+B+C+type@html+block@x", "h").startswith(f"/llp/courses/{COURSE}/")
    assert links.url("api_v1:auth-token") == "/llp/api/v1/auth/token"


def local_links(html: str) -> list[str]:
    """Every href/action/src of the page that is a path on this site."""
    found = re.findall(r'(?:href|action|src)="([^"#][^"]*)"', html)
    return [link for link in found if link.startswith("/")]


PAGES = {
    "learner": [
        "/llp/dashboard",
        f"/llp/courses/{COURSE}/progress",
        f"/llp/courses/{COURSE}/",
        "/llp/learning-records",
    ],
    "instructor": ["/llp/dashboard", f"/llp/courses/{COURSE}/", f"/llp/courses/{COURSE}/instructor"],
    "staff": ["/llp/dashboard", f"/llp/courses/{COURSE}/instructor"],
}


@pytest.mark.parametrize("person", PAGES)
def test_the_pages_answer_under_the_prefix(world, person):
    build_course(COURSE)
    courses_api.enroll(COURSE, world.users["learner"].pk)
    client = signed_in(world.users[person])
    for path in PAGES[person]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        assert "/static/llp_edx_plugin/base.css" in html  # the plugin's site template, by its context processor
        for link in local_links(html):
            assert link.startswith(("/llp/", "/static/", "/media/", "/login")), (path, link)


def test_the_xblock_handler_answers_under_the_prefix(world):
    blocks = build_course(COURSE)
    courses_api.enroll(COURSE, world.users["learner"].pk)
    client = APIClient()
    client.force_authenticate(world.users["instructor"])
    response = client.post(links.xblock_handler(COURSE, blocks["wrap"], "complete"), {}, format="json")
    assert (response.status_code, response.json()) == (200, {"complete": True})


def test_the_api_answers_under_the_prefix_with_its_tokens(world):
    client = APIClient()
    response = client.post("/llp/api/v1/auth/token", {"username": "staff", "password": people.PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    listed = client.get(f"/llp/api/v1/courses/{COURSE}/certificates")
    # The plugin's own paginated array (ADR 0017), not the host's DRF pagination defaults.
    assert (listed.status_code, listed.json()) == (200, [])
    mine = client.get("/llp/api/v1/me/certificates")
    assert (mine.status_code, mine.json()) == (200, [])
    schema = client.get("/llp/api/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = set(schema.json()["paths"])
    assert "/llp/api/v1/me/certificates" in paths
    assert all(path.startswith("/llp/") for path in paths), sorted(paths)[:5]
    missing = client.get("/llp/api/v1/no-such-endpoint")
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
    # Strict JSON (finite numbers only) although the host's DRF default parsers are DRF's own.
    bad = client.post("/llp/api/v1/companies", '{"name": 1e999}', content_type="application/json")
    assert bad.status_code == 400


def test_a_request_too_large_for_the_api_gets_json_under_the_prefix(world):
    limit = settings.LLP_CERTIFICATES["REQUEST_MAX_BYTES"]
    response = Client().generic(
        "POST", "/llp/api/v1/companies", b"{}", content_type="application/json", CONTENT_LENGTH=str(limit + 1)
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"


def test_a_signed_out_visitor_is_sent_to_the_hosts_sign_in(world):
    response = Client().get("/llp/dashboard")
    assert response.status_code == 302
    assert response["Location"].startswith("/login?next=/llp/dashboard")
    assert accounts_api  # the plugin's accounts are the host's users
