"""Fixtures of the accounts tests."""

import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, removed with the test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
