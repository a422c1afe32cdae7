"""Every test here starts with empty sign-in throttle counters (they live in Django's cache)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


from tests.certificates.conftest import complete  # noqa: E402, F401 - the fixture, for the download tests
