"""Every test here starts with empty sign-in throttle counters (they live in Django's cache)."""

import pytest
from django.core.cache import cache

from tests.certificates.conftest import complete  # noqa: F401 - the fixture, for the download tests


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()
