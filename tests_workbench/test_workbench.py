"""The llp_* XBlocks in the xblock-sdk workbench: its scenario loader (XBlock's OLX parser), its runtime with
its database key-value store, its pages and its handler URLs, driven with Django's test client.

Run by ``tox -e workbench`` (xblock-sdk is not a dependency of the main environment).
"""

import html
import json
import logging
import re

import pytest
from workbench import scenarios

pytestmark = pytest.mark.django_db
OURS = ("llp_video.0", "llp_video.1", "llp_reading.0", "llp_quiz.0")


@pytest.fixture(autouse=True)
def loaded():
    """Parse every installed block's scenarios into this test's database (as the workbench does at start)."""
    scenarios.init_scenarios()
    return scenarios.SCENARIOS


def page(client, name: str, view: str = "", student: str = "student_1") -> str:
    url = f"/scenario/{name}/{view + '/' if view else ''}?student={student}"
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def handler_url(body: str) -> str:
    """The handler URL the block's own page gives its JavaScript."""
    return html.unescape(re.search(r'data-handler-url="([^"]+)"', body).group(1))


def post(client, url: str, data, student: str = "student_1") -> tuple[int, dict]:
    joiner = "&" if "?" in url else "?"
    response = client.post(f"{url}{joiner}student={student}", json.dumps(data), content_type="application/json")
    return response.status_code, json.loads(response.content)


def published(caplog) -> list[str]:
    """The event types the workbench runtime logged as published (``XBlock event <type> for ...``)."""
    return [r.args[0] for r in caplog.records if isinstance(r.msg, str) and r.msg.startswith("XBlock event")]


def studio_url(loaded, name: str) -> str:
    return f"/handler/{loaded[name].usage_id}/submit_studio_edits/"


def test_the_workbench_lists_the_scenarios_of_every_block(client, loaded):
    assert set(OURS) <= set(loaded)
    index = client.get("/").content.decode()
    for title in ("LLP video", "LLP reading", "LLP quiz"):
        assert title in index


def test_student_views_render(client):
    assert "Welcome video" in page(client, "llp_video.0")
    reading = page(client, "llp_reading.0")
    assert "<h3>The GROW model</h3>" in reading  # the OLX body, parsed by XBlock's parser, shown as authored
    assert "Mark as read" in reading
    quiz = page(client, "llp_quiz.0")
    assert "2 + 2?" in quiz
    assert "3 attempts left" in quiz


@pytest.mark.parametrize("name", OURS)
def test_studio_views_render_the_editable_fields(client, name):
    body = page(client, name, "studio_view")
    assert 'data-field-name="display_name"' in body
    assert "StudioEditableXBlockMixin" in body


def test_a_quiz_is_answered_through_its_handler_url_and_the_state_is_kept(client, caplog):
    url = handler_url(page(client, "llp_quiz.0"))
    with caplog.at_level(logging.INFO, logger="workbench.runtime"):
        status, answer = post(client, url, {"answers": {"q1": "b", "q2": ["a", "c"]}})
    assert (status, answer) == (200, {"score": 2, "max_score": 2, "passed": True, "attempts_left": 2})
    assert published(caplog) == ["grade", "completion"]
    assert "2 attempts left" in page(client, "llp_quiz.0")  # read back from the workbench's database
    assert "3 attempts left" in page(client, "llp_quiz.0", student="student_2")  # another learner's state


def test_a_bad_answer_is_a_400_in_the_workbench(client):
    url = handler_url(page(client, "llp_quiz.0"))
    assert post(client, url, {"answers": {"q9": "a"}}) == (400, {"error": "Unknown question id(s): q9."})


def test_a_reading_is_marked_as_read(client, caplog):
    url = handler_url(page(client, "llp_reading.0"))
    with caplog.at_level(logging.INFO, logger="workbench.runtime"):
        assert post(client, url, {}) == (200, {"complete": True})
    assert published(caplog) == ["completion"]


def test_a_video_reports_progress_and_one_without_duration_refuses(client):
    assert post(client, handler_url(page(client, "llp_video.0")), {"watched": [], "position": 0}) == (
        200,
        {"watched_ratio": 0.0, "complete": False},
    )
    status, answer = post(client, handler_url(page(client, "llp_video.1")), {"watched": [[0, 5]]})
    assert status == 409
    assert answer["error"].startswith("This video's duration is not set yet")


def test_studio_saves_and_the_learner_view_shows_it(client, loaded):
    status, answer = post(
        client, studio_url(loaded, "llp_quiz.0"), {"values": {"display_name": "Final check", "max_attempts": 5}}
    )
    assert (status, answer) == (200, {"result": "success"})
    body = page(client, "llp_quiz.0")
    assert "Final check" in body
    assert "5 attempts left" in body


def test_bad_studio_input_is_a_clear_400_and_nothing_changes(client, loaded):
    status, answer = post(client, studio_url(loaded, "llp_quiz.0"), {"values": {"pass_score": 2, "max_attempts": 5}})
    assert status == 400
    assert answer["error"]["messages"] == [{"type": "error", "text": "Pass score: must be a number from 0 to 1."}]
    assert "3 attempts left" in page(client, "llp_quiz.0")
