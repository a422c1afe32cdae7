"""DESIGN.md §3 eligibility as a table."""

import pytest

from llp_edx_plugin.certificates.eligibility import EligibilityFacts, qualifies


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (EligibilityFacts("online", completed=True, passed=True), True),
        (EligibilityFacts("online", completed=True, passed=False), False),
        (EligibilityFacts("online", completed=False, passed=True), False),
        (EligibilityFacts("online", completed=True, passed=False, allowlisted=True), True),
        # an exception never covers incomplete training
        (EligibilityFacts("online", completed=False, passed=True, allowlisted=True), False),
        (EligibilityFacts("online", completed=True, passed=True, invalidated=True), False),
        (EligibilityFacts("online", completed=True, passed=True, allowlisted=True, invalidated=True), False),
        (EligibilityFacts("live_event", completed=False, passed=False, attendance_present=True), True),
        (EligibilityFacts("live_event", completed=True, passed=True, attendance_present=False), False),
        (
            EligibilityFacts("live_event", completed=False, passed=False, attendance_present=True, invalidated=True),
            False,
        ),
    ],
)
def test_qualifies(facts, expected):
    assert qualifies(facts) is expected
