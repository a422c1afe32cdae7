"""The events domain's pure decisions, by tables."""

from datetime import UTC, datetime, timedelta

import pytest

from llp_edx_plugin.csv_cells import neutralise
from llp_edx_plugin.events import rules

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "now", "allowed"),
    [
        (START, START - timedelta(seconds=1), False),
        (START, START, True),
        (START, START + timedelta(days=30), True),
        (None, START, False),
    ],
)
def test_attendance_may_be_marked_once_the_event_has_started(start, now, allowed):
    assert (rules.marking_refusal(start, "UTC", now) is None) is allowed


def test_the_refusal_names_the_start_in_the_event_time_zone_and_iso():
    message = rules.marking_refusal(START, "Europe/Madrid", START - timedelta(hours=1))
    assert "2026-12-01 09:00 Europe/Madrid" in message
    assert "2026-12-01T08:00:00+00:00" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("true", True),
        ("1", True),
        (" Yes ", True),
        ("PRESENT", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("absent", False),
        ("", None),
        ("maybe", None),
        (1, None),
        (None, None),
    ],
)
def test_present_values(value, expected):
    assert rules.parse_present(value) is expected


def test_csv_rows_skip_a_header_and_blank_lines_and_keep_line_numbers():
    text = "\ufeffusername,present\nalice,yes\n\nerik@example.com,absent\nbob,perhaps\ncarl\n"
    rows = rules.parse_attendance_csv(text)
    assert [(r.row, r.identifier, r.present) for r in rows] == [
        (2, "alice", True),
        (4, "erik@example.com", False),
        (5, "bob", None),
        (6, "carl", None),
    ]


def test_a_first_row_with_a_good_value_is_data_not_a_header():
    assert [r.identifier for r in rules.parse_attendance_csv("username,1\n")] == ["username"]


def test_too_many_rows_are_refused():
    with pytest.raises(rules.CsvTooLarge):
        rules.parse_attendance_csv("a,1\n" * (rules.MAX_CSV_ROWS + 1))


@pytest.mark.parametrize(
    ("start", "end", "now", "phase"),
    [
        (START, START + timedelta(hours=2), START - timedelta(minutes=1), "upcoming"),
        (START, START + timedelta(hours=2), START, "in_progress"),
        (START, START + timedelta(hours=2), START + timedelta(hours=2), "ended"),
        (START, None, START + timedelta(days=9), "in_progress"),
        (None, None, START, "upcoming"),
    ],
)
def test_phase(start, end, now, phase):
    assert rules.phase(start, end, now) == phase


def test_home_order_puts_what_needs_marking_first():
    events = [
        ("ended, all marked", "ended", 0, START - timedelta(days=3)),
        ("upcoming later", "upcoming", 4, START + timedelta(days=9)),
        ("ended, unmarked", "ended", 2, START - timedelta(days=5)),
        ("in progress", "in_progress", 3, START),
        ("upcoming soon", "upcoming", 4, START + timedelta(days=1)),
        ("ended recently, unmarked", "ended", 1, START - timedelta(days=1)),
    ]
    ordered = sorted(events, key=lambda e: rules.home_order_key(e[1], e[2], e[3]))
    assert [e[0] for e in ordered] == [
        "in progress",
        "ended recently, unmarked",
        "ended, unmarked",
        "upcoming soon",
        "upcoming later",
        "ended, all marked",
    ]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("alice", "alice"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_csv_cells_are_neutralised_against_formula_injection(cell, safe):
    assert neutralise(cell) == safe
