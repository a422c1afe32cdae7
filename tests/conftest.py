"""Shared fixtures: the people of the permission matrix, courses, and access to real services.

Integration tests ask for ``postgres`` / ``redis_url``; without the service they skip with the reason
shown in the summary, and with ``LLP_REQUIRE_SERVICES=1`` (CI) they fail instead.
"""

import os
import socket

import pytest
from django.db import connection
from django.utils import translation
from rest_framework.test import APIClient

from tests import people

REQUIRE_SERVICES = os.environ.get("LLP_REQUIRE_SERVICES") == "1"


def missing_service(reason: str) -> None:
    """Skip with a visible reason, or fail when services are required (CI)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"LLP_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language.

    A request with ``Accept-Language`` activates that language for the thread (LocaleMiddleware), and the test
    client runs requests in the test's own thread: without this, a Spanish page test left the next test on
    the same worker in Spanish (26 failures when tests/test_i18n.py ran before tests/learning/test_requirements.py).
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def postgres(db):
    """The test database, which must be PostgreSQL (run with DATABASE_URL=postgres://...)."""
    if connection.vendor != "postgresql":
        missing_service(
            "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/llp (make test does)"
        )
    return connection


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A reachable Redis (LLP_TEST_REDIS_URL, default redis://127.0.0.1:6379/15)."""
    url = os.environ.get("LLP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    host, _, port = host_port.rpartition(":")
    if not _reachable(host or "127.0.0.1", int(port or 6379)):
        missing_service(f"needs Redis at {url} (start it: see README 'Services')")
    return url


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def world(db) -> "people.World":
    """One of every kind of user, two companies and two courses (see tests/people.py)."""
    return people.build_world()


@pytest.fixture
def client_for(world):
    """``client_for("learner")``: an APIClient authenticated as one of the world's people (None = anonymous)."""

    def make(name: str | None) -> APIClient:
        client = APIClient()
        if name is not None:
            client.force_authenticate(user=world.users[name])
        return client

    return make
