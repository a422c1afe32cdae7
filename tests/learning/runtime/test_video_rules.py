"""The pure video rules: union of intervals, new time limited by wall time, completion ratio."""

from datetime import UTC, datetime, timedelta

import pytest

from llp_edx_plugin.learning.video_rules import (
    ReportError,
    VideoProgress,
    VideoRules,
    apply_report,
    credit_allowance,
    current_rules,
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
        ((), ((0, 10),), 1, ((0, 1),)),  # the last second of allowance counts
        ((), ((0, 10),), 0.5, ((0, 0.5),)),
        (((50, 60),), ((0, 10),), 100, ((0, 10), (50, 60))),  # watched time after the report is not new time
        (((0, 5), (20, 30)), ((10, 40),), 15, ((0, 5), (10, 35))),  # new time skips what was watched in between
        (((0, 5), (8, 12)), ((5, 40),), 100, ((0, 40),)),
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


def test_learner_clock_limits_the_credit():
    """Another video reported 8 s after this one's last report leaves 2 s of wall time: 4 s at 2x."""
    previous = VideoProgress(last_report_at=T0)
    after = apply_report(
        previous,
        ((0, 100),),
        None,
        duration=100,
        now=T0 + timedelta(seconds=10),
        rules=VideoRules(0.95, 2.0),
        learner_last_report_at=T0 + timedelta(seconds=8),
    )
    assert (after.watched, after.watched_seconds) == (((0, 4),), 4.0)


@pytest.mark.parametrize(
    ("watched", "reported", "duration", "seconds", "ratio", "complete"),
    [
        (((10, 20), (50, 60)), (), 100, 20.0, 0.2, False),  # seconds are lengths, not positions
        ((), ((0, 12.5),), 100, 12.5, 0.125, False),
        ((), ((0, 10.12345),), 100, 10.123, 0.1012, False),  # seconds to the millisecond
        ((), ((0, 1),), 3, 1.0, 0.3333, False),  # the ratio to four decimals
        (((0, 120),), (), 100, 120.0, 1.0, True),  # more than the duration is still 100%
        ((), ((0, 0.5),), 0.5, 0.5, 1.0, True),  # a video shorter than a second
        (((0, 10),), (), 0, 10.0, 0.0, False),  # no duration: no ratio, never complete
    ],
)
def test_apply_report_seconds_and_ratio(watched, reported, duration, seconds, ratio, complete):
    previous = VideoProgress(watched=watched, last_report_at=T0)
    now = T0 + timedelta(seconds=1000)
    after = apply_report(previous, reported, None, duration=duration, now=now, rules=VideoRules(0.95, 2.0))
    assert (after.watched_seconds, after.watched_ratio, after.complete) == (seconds, ratio, complete)


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
        ({"watched": [[5, 5]], "position": 0}, ((), 0.0)),  # an empty interval and position 0 are valid
        ({"watched": [[0, 101]], "position": 101}, (((0, 100.0),), 100.0)),  # the tolerance's edge is in
        ({"position": 0.5}, ((), 0.5)),
        ({"watched": [[0, 1]] * 1000}, (((0, 1),), None)),  # at most 1000 intervals
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
        ([[0, 10]], "The body must be a JSON object."),
        ({"watched": {"0": 10}}, "watched must be a list of [start, end] pairs."),
        ({"watched": [[0, 0.5]] * 1001}, "watched has more than 1000 intervals."),
        ({"watched": [[0, 1], [-1, 5]]}, "watched[1] starts before 0."),
        ({"watched": [[10, 5]]}, "watched[0] ends before it starts."),
        ({"position": -1}, "position must be a number of seconds between 0 and 100."),
        ({"position": "10"}, "position must be a number of seconds between 0 and 100."),
    ],
)
def test_parse_report_errors(data, message):
    with pytest.raises(ReportError) as raised:
        parse_report(data, 100)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "seconds"), [(600, 600.0), ("250", 250.0), (12.5, 12.5), (0.5, 0.5), (1, 1.0), (86400, 86400.0)]
)
def test_parse_duration(value, seconds):
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", [0, -1, "abc", None, True, 10**9])
def test_parse_duration_refuses(value):
    with pytest.raises(ReportError) as raised:
        parse_duration(value)
    assert str(raised.value) == "duration must be a positive number of seconds."


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


@pytest.mark.parametrize(
    ("progress", "state"),
    [
        (
            VideoProgress(),
            {"watched": [], "watched_seconds": 0.0, "watched_ratio": 0.0, "last_report_at": None, "position": 0.0},
        ),
        (
            VideoProgress(((0, 10), (20, 25)), T0, 24.0, 15.0, 0.25, False),
            {
                "watched": [[0, 10], [20, 25]],
                "watched_seconds": 15.0,
                "watched_ratio": 0.25,
                "last_report_at": "2026-01-05T09:00:00+00:00",
                "position": 24.0,
            },
        ),
    ],
)
def test_as_state(progress, state):
    assert progress.as_state() == state


def test_current_rules_read_the_settings_at_call_time(settings):
    assert current_rules() == VideoRules(complete_ratio=0.95, max_playback_rate=2.0)
    settings.LLP_CERTIFICATES = {"VIDEO_COMPLETE_RATIO": "0.9", "VIDEO_MAX_PLAYBACK_RATE": 1}
    assert current_rules() == VideoRules(complete_ratio=0.9, max_playback_rate=1.0)
