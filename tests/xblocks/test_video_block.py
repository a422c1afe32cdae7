"""The video block on the XBlock test runtime: watched intervals against wall time, completion, bad input."""

import pytest

from tests.xblocks.conftest import call
from xblocks.llp_video.block import LlpVideoBlock, VideoBlock

TEN_MINUTES = 600


def watch_at(block, clock, rate: float, until: float, every: float = 10.0) -> dict:
    """Play from 0 at ``rate``, reporting everything played every ``every`` seconds of wall time."""
    status, answer = call(block, "progress", {"watched": [], "position": 0})
    assert status == 200
    played = 0.0
    while played < until:
        clock.advance(every)
        played = min(until, played + every * rate)
        status, answer = call(block, "progress", {"watched": [[0, played]], "position": played})
        assert status == 200
    return answer


def test_one_request_claiming_the_whole_video_does_not_complete_it(make_block, clock):
    # given a 10-minute video whose clock started 10 s ago
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    call(block, "progress", {"watched": []})
    clock.advance(10)
    # when one report claims 0-600 s
    status, answer = call(block, "progress", {"watched": [[0, 600]], "position": 600})
    # then only 10 s at 2x count
    assert status == 200
    assert answer == {"watched_ratio": round(20 / 600, 4), "complete": False}
    assert block.watched == [[0.0, 20.0]]
    assert block.runtime.events == []


def test_a_first_report_only_starts_the_clock(make_block):
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    status, answer = call(block, "progress", {"watched": [[0, 600]]})
    assert (status, answer) == (200, {"watched_ratio": 0.0, "complete": False})
    assert block.last_report_at is not None


@pytest.mark.parametrize("rate", [1.0, 1.5, 2.0])
def test_watching_in_full_at_up_to_twice_the_speed_completes_it_once(make_block, clock, rate):
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    answer = watch_at(block, clock, rate, until=TEN_MINUTES)
    assert answer == {"watched_ratio": 1.0, "complete": True}
    assert block.runtime.events == [("completion", {"completion": 1.0})]
    assert (block.watched, block.watched_seconds, block.position) == ([[0.0, 600.0]], 600.0, 600.0)


def test_watching_faster_than_twice_the_speed_counts_only_twice_the_wall_time(make_block, clock):
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    answer = watch_at(block, clock, rate=4.0, until=TEN_MINUTES)  # 150 s of wall time
    assert answer == {"watched_ratio": 0.5, "complete": False}


def test_skipping_a_middle_part_leaves_it_incomplete(make_block, clock):
    # given a learner who watched 0-200 and 300-600 (skipping 100 s) slowly enough for everything to count
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    call(block, "progress", {"watched": []})
    clock.advance(1000)
    status, answer = call(block, "progress", {"watched": [[0, 200], [300, 600]], "position": 600})
    assert status == 200
    assert answer == {"watched_ratio": round(500 / 600, 4), "complete": False}
    assert block.watched == [[0.0, 200.0], [300.0, 600.0]]


def test_ninety_five_percent_completes(make_block, clock):
    block = make_block(LlpVideoBlock, duration=100)
    call(block, "progress", {"watched": []})
    clock.advance(100)
    assert call(block, "progress", {"watched": [[0, 95]]}) == (200, {"watched_ratio": 0.95, "complete": True})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"watched": [[10, 5]]}, "watched[0] ends before it starts."),
        ({"watched": [[-1, 5]]}, "watched[0] starts before 0."),
        ({"watched": [[0, 700]]}, "watched[0] ends after the video (600 s)."),
        ({"watched": [[0, "9"]]}, "watched[0] must hold two numbers."),
        ({"watched": [[0, True]]}, "watched[0] must hold two numbers."),
        ({"watched": [[0, 1, 2]]}, "watched[0] must be a [start, end] pair."),
        ({"watched": "0-600"}, "watched must be a list of [start, end] pairs."),
        ({"watched": [], "position": -3}, "position must be a number of seconds between 0 and 600."),
        ([[0, 600]], "The body must be a JSON object."),
    ],
)
def test_bad_reports_are_refused_and_change_nothing(make_block, clock, body, message):
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    call(block, "progress", {"watched": []})
    clock.advance(10)
    call(block, "progress", {"watched": [[0, 20]], "position": 20})
    before = (block.watched, block.watched_seconds, block.last_report_at, block.position)
    clock.advance(10)
    assert call(block, "progress", body) == (400, {"error": message})
    assert (block.watched, block.watched_seconds, block.last_report_at, block.position) == before


def test_invalid_json_is_a_400(make_block):
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    assert call(block, "progress", b"{not json") == (400, {"error": "Invalid JSON"})


def test_a_video_without_duration_refuses_reports_and_never_takes_the_players(make_block, clock):
    # given an imported video whose course gives no duration
    block = make_block(VideoBlock, html5_sources='["https://cdn.example.com/a.mp4"]')
    # when the player claims a duration of 0.01 s and then to have watched it all
    first = call(block, "progress", {"watched": [], "duration": 0.01})
    clock.advance(60)
    second = call(block, "progress", {"watched": [[0, 0.01]], "duration": 0.01})
    # then nothing counts: 409, nothing stored, no completion
    message = "This video's duration is not set yet, so watching it cannot count: the course team must set it first."
    assert first == second == (409, {"error": message})
    assert (block.watched, block.watched_ratio, block.last_report_at) == ([], 0.0, None)
    assert block.runtime.events == []


def test_a_reported_duration_is_ignored(make_block, clock):
    block = make_block(LlpVideoBlock, duration=TEN_MINUTES)
    call(block, "progress", {"watched": [], "duration": 0.01})
    clock.advance(10)
    # the course's 600 s count: 0.01 s watched of 600 s is not complete
    assert call(block, "progress", {"watched": [[0, 0.01]], "duration": 0.01}) == (
        200,
        {"watched_ratio": round(0.01 / 600, 4), "complete": False},
    )


def test_student_view_says_when_the_duration_is_not_set(make_block):
    block = make_block(VideoBlock, src="https://cdn.example.com/a.mp4")
    learner_html = block.student_view().body_html()
    team_html = block.student_view({"course_team": True}).body_html()
    assert "Duration not set: watching this video cannot count" in learner_html
    assert "Learners cannot complete this video until the course team sets its duration" in team_html
    assert "Duration not set" not in make_block(LlpVideoBlock, duration=20).student_view().body_html()


@pytest.mark.parametrize(
    ("fields", "url"),
    [
        ({"src": "https://cdn.example.com/s.mp4"}, "https://cdn.example.com/s.mp4"),
        ({"html5_sources": '["https://cdn.example.com/h.mp4"]'}, "https://cdn.example.com/h.mp4"),
        ({"data": '<video><source src="https://cdn.example.com/c.mp4"/></video>'}, "https://cdn.example.com/c.mp4"),
        ({"html5_sources": "not json"}, ""),
    ],
)
def test_imported_video_source(make_block, fields, url):
    assert make_block(VideoBlock, **fields).video_url() == url


def test_student_view_shows_the_player_and_the_watched_share(make_block):
    block = make_block(
        LlpVideoBlock, display_name="Intro <1>", src="/media/intro.mp4", duration=250, watched_ratio=0.62
    )
    html = block.student_view().body_html()
    assert 'src="/media/intro.mp4"' in html
    assert "Intro &lt;1&gt;" in html
    assert "Watched 62%" in html
    assert 'data-handler-url="/handler/progress"' in html
