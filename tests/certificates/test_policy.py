"""The certificates' pure policy, by tables: who may issue now, what a certificate prints."""

from datetime import UTC, date, datetime

import pytest

from llp_edx_plugin.certificates import display
from llp_edx_plugin.certificates.issuers import (
    INSTRUCTOR_GENERATED,
    LIVE_EVENT_BY_ATTENDANCE,
    NO_CERTIFICATES,
    NOT_ACTIVE,
    ONLY_LIVE_EVENTS,
    PROGRAM_INCOMPLETE,
    IssueFacts,
    Issuer,
    clean_statuses,
    may_issue_now,
)
from llp_edx_plugin.certificates.snapshot import (
    Snapshot,
    certificate_language,
    completion_date,
    grade_percent,
    resolve_template,
    stored_grade,
    take_snapshot,
    time_zone_name,
)
from llp_edx_plugin.errors import FieldErrors


def facts(**changes) -> IssueFacts:
    base = dict(
        kind="online", issues_certificates=True, certificates_active=True, self_paced=True, learner_generated=False
    )
    return IssueFacts(**{**base, **changes})


@pytest.mark.parametrize(
    ("issuer", "changes", "expected"),
    [
        (Issuer.LEARNER_REQUEST, {}, None),
        (Issuer.LEARNER_REQUEST, {"self_paced": False}, INSTRUCTOR_GENERATED),
        (Issuer.LEARNER_REQUEST, {"self_paced": False, "learner_generated": True}, None),
        (Issuer.LEARNER_REQUEST, {"certificates_active": False}, NOT_ACTIVE),
        (Issuer.LEARNER_REQUEST, {"issues_certificates": False}, NO_CERTIFICATES),
        (Issuer.LEARNER_REQUEST, {"kind": "live_event", "self_paced": False}, None),
        (Issuer.AUTOMATIC, {}, None),
        (Issuer.AUTOMATIC, {"self_paced": False}, INSTRUCTOR_GENERATED),
        (Issuer.AUTOMATIC, {"certificates_active": False}, NOT_ACTIVE),
        (Issuer.BULK, {"self_paced": False}, None),
        (Issuer.BULK, {"certificates_active": False}, NOT_ACTIVE),
        (Issuer.BULK, {"kind": "live_event"}, LIVE_EVENT_BY_ATTENDANCE),
        (Issuer.ATTENDANCE, {"kind": "live_event"}, None),
        (Issuer.ATTENDANCE, {}, ONLY_LIVE_EVENTS),
        (Issuer.ATTENDANCE, {"kind": "live_event", "certificates_active": False}, NOT_ACTIVE),
        (Issuer.PROGRAM, {"program_complete": True}, None),
        (Issuer.PROGRAM, {}, PROGRAM_INCOMPLETE),
        (Issuer.REGENERATION, {"certificates_active": False}, None),
        (Issuer.REGENERATION, {"issues_certificates": False}, NO_CERTIFICATES),
    ],
)
def test_may_issue_now(issuer, changes, expected):
    assert may_issue_now(issuer, facts(**changes)) == expected


@pytest.mark.parametrize(
    ("grade", "printed"),
    [
        ("0.92", "92%"),
        ("1.00", "100%"),
        ("0.00", "0%"),
        ("0.925", "93%"),
        (0.5, "50%"),
        ("", ""),
        (None, ""),
        ("x", ""),
        ("NaN", ""),
        ("Infinity", ""),
        ("0.005", "1%"),
        ("0.0049", "0%"),
    ],
)
def test_grades_print_as_percents(grade, printed):
    assert grade_percent(grade) == printed


@pytest.mark.parametrize(
    ("configured", "latest", "expected"),
    [
        ("classic", None, ("classic", 1)),
        ("", None, ("classic", 1)),
        ("fancy", 3, ("fancy", 3)),
        ("gone", None, ("classic", 1)),
    ],
)
def test_template_resolution(configured, latest, expected):
    assert resolve_template(configured, latest) == expected


@pytest.mark.parametrize(("language", "expected"), [("es", "es"), ("fr", "fr"), ("en", "en"), ("de", "en"), ("", "en")])
def test_certificate_language(language, expected):
    assert certificate_language(language) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Europe/Paris", "Europe/Paris"), ("", "UTC"), (None, "UTC"), ("Mars/Olympus", "UTC"), ("UTC", "UTC")],
)
def test_time_zone_name(name, expected):
    assert time_zone_name(name) == expected


@pytest.mark.parametrize(
    ("moment", "zone", "printed"),
    [
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), "UTC", date(2026, 3, 1)),
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), "Europe/Paris", date(2026, 3, 2)),
        (datetime(2026, 3, 1, 2, 0, tzinfo=UTC), "America/New_York", date(2026, 2, 28)),
        (datetime(2026, 3, 1, 2, 0, tzinfo=UTC), "", date(2026, 3, 1)),
    ],
)
def test_completion_date_is_in_the_time_zone(moment, zone, printed):
    assert completion_date(moment, zone) == printed


@pytest.mark.parametrize(("percent", "kept"), [(None, ""), (0.0, "0.00"), (0.925, "0.93"), (1.0, "1.00")])
def test_stored_grade(percent, kept):
    assert stored_grade(percent) == kept


def test_take_snapshot():
    assert take_snapshot(
        learner_name="Zoë",
        course_title="Feedback",
        configured_template="gala",
        latest_version=2,
        language="fr",
        time_zone="Europe/Paris",
        company_name="Acme",
        company_logo="certificates/logos/a.png",
    ) == Snapshot("Zoë", "Feedback", "gala", 2, "fr", "Europe/Paris", "Acme", "certificates/logos/a.png")
    assert take_snapshot(
        learner_name="Al",
        course_title="C",
        configured_template=None,
        latest_version=None,
        language="xx",
        time_zone="nowhere",
    ) == Snapshot("Al", "C", "classic", 1, "en", "UTC", "", "")


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (None, None),
        ([], None),
        (["error", "downloadable"], ("downloadable", "error")),
        (("notpassing",), ("notpassing",)),
    ],
)
def test_clean_statuses(statuses, expected):
    assert clean_statuses(statuses) == expected


@pytest.mark.parametrize(
    ("statuses", "message"),
    [
        ("downloadable", "Give a list of statuses."),
        ([1], "Give a list of statuses."),
        (
            ["deleted", "generating"],
            "Cannot regenerate deleted, generating; choose from: downloadable, notpassing, error.",
        ),
    ],
)
def test_clean_statuses_refuses(statuses, message):
    with pytest.raises(FieldErrors) as exc:
        clean_statuses(statuses)
    assert exc.value.errors == {"statuses": [message]}


def test_the_end_boundary_itself_counts_as_ended():
    """``end``: at the very moment the course ends, the certificate message shows (>=, not >)."""
    moment = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
    course = display.DisplayCourse(
        kind="online",
        self_paced=False,
        learner_generated=False,
        display_behavior="end",
        end=moment,
        certificate_available_date=None,
    )
    learner = display.DisplayLearner(is_employee=False, qualified=False, certificate_status=None)
    assert display.decide_display(course, learner, moment) == display.Display(message=display.NOT_YET)
