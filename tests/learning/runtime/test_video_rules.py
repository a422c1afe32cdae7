"""The pure video rules: union of intervals, new time limited by wall time, completion ratio."""

from datetime import UTC, datetime, timedelta

import pytest

from llp_edx_plugin.learning.video_rules import (
    ReportError,
    VideoProgress,
    VideoRules,
    apply_report,
    credit_allowance,
    limit_new_time,
    merge_intervals,
    parse_duration,
    parse_report,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("intervals", "merged"),
    [
        ([], ()),
        ([(5, 10), (0, 3)], ((0, 3), (5, 10))),
        ([(0, 5), (5, 10)], ((0, 10),)),
        ([(0, 8), (2, 4), (7, 12)], ((0, 12),)),
        ([(3, 3), (4, 6)], ((4, 6),)),
    ],
)
def test_merge_intervals(intervals, merged):
    assert merge_intervals(intervals) == merged


@pytest.mark.parametrize(
    ("watched", "reported", "allowance", "result"),
    [
        ((), ((0, 600),), 20, ((0, 20),)),
        (((0, 20),), ((0, 40),), 20, ((0, 40),)),
        (((0, 20),), ((0, 20),), 0, ((0, 20),)),  # nothing new: nothing needed
        (((0, 10),), ((0, 10), (50, 60), (100, 130)), 25, ((0, 10), (50, 60), (100, 115))),  # earliest first
        (((10, 20),), ((0, 30),), 15, ((0, 25),)),  # fills the gap before, then after
        ((), ((0, 10),), -5, ()),
    ],
)
def test_new_time_is_limited_by_the_allowance(watched, reported, allowance, result):
    assert limit_new_time(watched, reported, allowance) == result


@pytest.mark.parametrize(
    ("elapsed", "rate", "ratio", "complete"),
    [
        (None, 2.0, 0.0, False),  # the first report starts the clock
        (10, 2.0, 0.2, False),
        (47.5, 2.0, 0.95, True),
        (95, 1.0, 0.95, True),
        (94, 1.0, 0.94, False),
        (1000, 2.0, 1.0, True),
    ],
)
def test_apply_report(elapsed, rate, ratio, complete):
    previous = VideoProgress(last_report_at=None if elapsed is None else T0)
    now = T0 + timedelta(seconds=elapsed or 0)
    after = apply_report(previous, ((0, 100),), 50, duration=100, now=now, rules=VideoRules(0.95, rate))
    assert (after.watched_ratio, after.complete, after.position, after.last_report_at) == (ratio, complete, 50, now)


def test_completion_is_never_lost_and_the_clock_going_back_adds_nothing():
    previous = VideoProgress(watched=((0, 96),), last_report_at=T0, watched_ratio=0.96, complete=True)
    after = apply_report(previous, ((96, 100),), None, duration=100, now=T0 - timedelta(seconds=30), rules=VideoRules())
    assert (after.watched, after.complete, after.position) == (((0, 96),), True, 0.0)


@pytest.mark.parametrize(
    ("data", "result"),
    [
        ({"watched": [[0, 10], [5, 20]], "position": 20}, (((0, 20),), 20.0)),
        ({"watched": [[0, 100.6]]}, (((0, 100.0),), None)),  # a player's overshoot is clamped
        ({}, ((), None)),
        ({"watched": [], "position": None}, ((), None)),
    ],
)
def test_parse_report(data, result):
    assert parse_report(data, 100) == result


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"watched": [[0, 102]]}, "watched[0] ends after the video (100 s)."),
        ({"watched": [[0, float("nan")]]}, "watched[0] must hold two numbers."),
        ({"watched": [[0, 10]], "position": 500}, "position must be a number of seconds between 0 and 100."),
        ({"watched": [None]}, "watched[0] must be a [start, end] pair."),
    ],
)
def test_parse_report_errors(data, message):
    with pytest.raises(ReportError) as raised:
        parse_report(data, 100)
    assert str(raised.value) == message


@pytest.mark.parametrize(("value", "seconds"), [(600, 600.0), ("250", 250.0), (12.5, 12.5)])
def test_parse_duration(value, seconds):
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", [0, -1, "abc", None, True, 10**9])
def test_parse_duration_refuses(value):
    with pytest.raises(ReportError):
        parse_duration(value)


@pytest.mark.parametrize(
    ("video_last", "learner_last", "allowance"),
    [
        (None, None, 0.0),  # this video's first report only starts its clock
        (None, 5, 0.0),
        (0, None, 20.0),  # 10 s since this video's report, at 2x
        (0, 0, 20.0),
        (0, 4, 12.0),  # the learner reported another video 4 s in: only the 6 s since count
        (0, 10, 0.0),  # ... or just now: nothing new may count
        (4, 0, 12.0),  # the video's own report is the later one
        (0, 12, 0.0),  # a clock going back credits nothing
    ],
)
def test_one_clock_per_learner(video_last, learner_last, allowance):
    at = lambda s: None if s is None else T0 + timedelta(seconds=s)  # noqa: E731
    rules = VideoRules(max_playback_rate=2.0)
    assert credit_allowance(at(video_last), at(learner_last), T0 + timedelta(seconds=10), rules) == allowance
