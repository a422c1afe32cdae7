"""Every row of DESIGN.md §5, plus self-paced, learner-generated, employee, live event and invalidated."""

from datetime import UTC, datetime, timedelta

import pytest

from llp_edx_plugin.certificates import display as d

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PAST = NOW - timedelta(days=1)
FUTURE = NOW + timedelta(days=1)

# learner states of the instructor-paced table
NOT_GEN = None  # not generated, not failed
GEN = "downloadable"
FAILED = "notpassing"

DOWNLOAD = d.Display(button="download", card_link=True)
NOTHING = d.NOTHING
NOT_YET = d.Display(message=d.NOT_YET)
NOT_PASSED = d.Display(message=d.NOT_PASSED)


def course(behavior="early_no_info", end=PAST, available=None, **kw) -> d.DisplayCourse:
    base = {
        "kind": "online",
        "self_paced": False,
        "learner_generated": False,
        "display_behavior": behavior,
        "end": end,
        "certificate_available_date": available,
    }
    base.update(kw)
    return d.DisplayCourse(**base)


def learner(status=None, qualified=False, employee=False, attendance=False) -> d.DisplayLearner:
    return d.DisplayLearner(
        is_employee=employee, qualified=qualified, certificate_status=status, attendance_marked=attendance
    )


INSTRUCTOR_PACED_TABLE = [
    # behavior, ended, learner state, expected (Progress + card)
    ("end", False, NOT_GEN, NOTHING),
    ("end", False, GEN, NOTHING),
    ("end", False, FAILED, NOTHING),
    ("end", True, NOT_GEN, NOT_YET),
    ("end", True, GEN, DOWNLOAD),
    ("end", True, FAILED, NOT_PASSED),
    ("early_no_info", False, NOT_GEN, NOTHING),
    ("early_no_info", True, NOT_GEN, NOTHING),
    ("early_no_info", False, GEN, DOWNLOAD),
    ("early_no_info", True, GEN, DOWNLOAD),
    ("early_no_info", False, FAILED, NOTHING),
    ("early_no_info", True, FAILED, NOTHING),
    ("early_with_info", False, NOT_GEN, NOT_YET),
    ("early_with_info", True, NOT_GEN, NOT_YET),
    ("early_with_info", False, GEN, DOWNLOAD),
    ("early_with_info", True, GEN, DOWNLOAD),
    ("early_with_info", False, FAILED, NOT_PASSED),
    ("early_with_info", True, FAILED, NOT_PASSED),
]


@pytest.mark.parametrize(("behavior", "ended", "status", "expected"), INSTRUCTOR_PACED_TABLE)
def test_instructor_paced_table(behavior, ended, status, expected):
    shown = d.decide_display(course(behavior, end=PAST if ended else FUTURE), learner(status), NOW)
    assert shown == expected


@pytest.mark.parametrize(("behavior", "ended", "status", "expected"), INSTRUCTOR_PACED_TABLE[:6])
def test_end_with_date_uses_the_available_date_in_place_of_the_end(behavior, ended, status, expected):
    # The course end is irrelevant (here the opposite of the available date): only the date counts.
    given = course("end_with_date", end=FUTURE if ended else PAST, available=PAST if ended else FUTURE)
    assert d.decide_display(given, learner(status), NOW) == expected


def test_end_without_an_end_date_never_counts_as_ended():
    assert d.decide_display(course("end", end=None), learner(GEN), NOW) == NOTHING


@pytest.mark.parametrize(
    ("status", "qualified", "expected"),
    [
        (None, False, d.Display(show_requirements=True)),
        ("notpassing", False, d.Display(show_requirements=True)),
        (None, True, d.Display(message=d.QUALIFIED, button="request")),
        ("notpassing", True, d.Display(message=d.QUALIFIED, button="request")),
        ("error", True, d.Display(message=d.QUALIFIED, button="request")),
        ("generating", True, d.Display(message=d.GENERATING)),
        ("downloadable", True, d.Display(message=d.AVAILABLE, button="download", card_link=True)),
        ("invalidated", True, d.Display(message=d.INVALIDATED)),
    ],
)
@pytest.mark.parametrize(
    "kind_of_course",
    [
        {"self_paced": True},
        {"learner_generated": True},
        # self-paced ignores the display behavior, even one that would hide everything
        {"self_paced": True, "display_behavior": "end", "end": FUTURE},
    ],
)
def test_self_paced_and_learner_generated(status, qualified, expected, kind_of_course):
    assert d.decide_display(course(**kind_of_course), learner(status, qualified), NOW) == expected


EMPLOYEE_SEES = d.Display(message=d.EMPLOYEE_COMPLETED)


@pytest.mark.parametrize(
    "given",
    [
        course("early_no_info"),
        course("early_with_info"),
        course("end", end=PAST),
        course(self_paced=True),
        course(learner_generated=True),
        course(kind="live_event"),
    ],
)
def test_employees_never_get_a_download_button_or_card_link(given):
    assert d.decide_display(given, learner(GEN, qualified=True, employee=True, attendance=True), NOW) == EMPLOYEE_SEES


def test_employees_see_the_same_as_others_where_no_download_would_show():
    given = course("early_with_info")
    assert d.decide_display(given, learner(FAILED, employee=True), NOW) == NOT_PASSED


@pytest.mark.parametrize(
    ("status", "attendance", "expected"),
    [
        (None, False, d.Display(message=d.ATTENDANCE_PENDING)),
        (None, True, NOTHING),  # marked absent: no certificate, nothing more to wait for
        ("downloadable", True, d.Display(message=d.AVAILABLE, button="download", card_link=True)),
        ("invalidated", True, d.Display(message=d.INVALIDATED)),
    ],
)
def test_live_events(status, attendance, expected):
    given = course(kind="live_event", behavior="end", end=FUTURE)
    assert d.decide_display(given, learner(status, attendance=attendance), NOW) == expected


@pytest.mark.parametrize("behavior", ["end", "early_no_info", "early_with_info", "end_with_date"])
def test_invalidated_wins_over_every_behavior(behavior):
    given = course(behavior, end=PAST, available=PAST)
    assert d.decide_display(given, learner("invalidated", qualified=True), NOW) == d.Display(message=d.INVALIDATED)


def test_a_course_without_certificates_shows_nothing():
    given = course(self_paced=True, issues_certificates=False)
    assert d.decide_display(given, learner(None, qualified=True), NOW) == NOTHING


@pytest.mark.parametrize(("first_download", "label"), [(None, "Generate certificate"), (NOW, "Open certificate")])
def test_learning_records_label(first_download, label):
    assert d.records_link_label(first_download) == label


def test_exact_strings():
    assert d.NOT_YET == "The certificate is not yet available because it's an instructor-paced course"
    assert d.NOT_PASSED == "You haven't passed the course"
    assert (d.DOWNLOAD, d.CARD, d.REQUEST) == (
        "Download Your Certificate",
        "Download Certificate",
        "Request Certificate",
    )
    assert d.QUALIFIED == "You qualified for a certificate"
    assert d.AVAILABLE == "Your certificate is available"
