"""The support throttle rates are checked at start-up (a bad rate would make every POST a 500)."""

import pytest

from llp_edx_plugin.checks import check_llp_settings


@pytest.mark.parametrize(
    ("rate", "ok"),
    [
        ("10/hour", True),
        ("1/s", True),
        ("30/day", True),
        ("0/hour", False),
        ("ten/hour", False),
        ("10", False),
        (10, False),
        ("10/week", False),
    ],
)
def test_support_throttle_rates_are_checked(settings, rate, ok):
    settings.LLP_CERTIFICATES = {"SUPPORT_THROTTLE_ANON": rate}

    ids = [error.id for error in check_llp_settings(None)]

    assert ("llp.E030" not in ids) is ok
