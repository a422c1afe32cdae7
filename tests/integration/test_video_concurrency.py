"""Concurrent handler calls for one learner and block on PostgreSQL: no watched interval, no attempt lost."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from rest_framework.test import APIClient

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import state
from llp_edx_plugin.learning.models import BlockState
from tests.learning.runtime.conftest import build_course, url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
THREADS = 20


@pytest.fixture
def generous_clock(monkeypatch):
    """Every reading of the clock is 1000 s later: the rate limit never binds, so only races could lose time."""
    lock = threading.Lock()
    current = [datetime(2026, 1, 5, 9, 0, tzinfo=UTC)]

    def now():
        with lock:
            current[0] += timedelta(seconds=1000)
            return current[0]

    monkeypatch.setattr(state, "now", now)


@pytest.fixture
def course(postgres, world):
    blocks = build_course(world.course_key)
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    return blocks


def post_all(world, usage_key: str, handler: str, bodies: list) -> list[int]:
    def send(body) -> int:
        try:
            client = APIClient()
            client.force_authenticate(world.users["learner"])
            return client.post(url(world.course_key, usage_key, handler), body, format="json").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(send, bodies))


def test_overlapping_progress_reports_lose_no_watched_interval(world, course, generous_clock):
    # given a learner whose clock has started on the 600 s video
    assert post_all(world, course["intro"], "progress", [{"watched": []}]) == [200]
    # when 20 reports arrive at once, each with its own piece (and overlapping the one before it)
    pieces = [[[i * 30, i * 30 + 10], [max(0, i * 30 - 5), i * 30 + 5]] for i in range(THREADS)]
    statuses = post_all(world, course["intro"], "progress", [{"watched": p, "position": 0} for p in pieces])
    # then every piece is in the stored union
    assert statuses == [200] * THREADS
    row = BlockState.objects.get(user=world.users["learner"], usage_key=course["intro"])
    expected = [[0.0, 10.0]] + [[i * 30 - 5.0, i * 30 + 10.0] for i in range(1, THREADS)]
    assert row.state["watched"] == expected
    assert row.state["watched_seconds"] == 10.0 + 15.0 * (THREADS - 1)


def test_concurrent_first_submissions_use_each_attempt_once(world, course, generous_clock):
    # given no state row yet and a quiz allowing 2 attempts
    statuses = post_all(world, course["check"], "submit", [{"answers": {"q1": "a"}}] * THREADS)
    # then exactly two submissions counted, the others were refused
    assert sorted(statuses) == [200, 200] + [403] * (THREADS - 2)
    row = BlockState.objects.get(user=world.users["learner"], usage_key=course["check"])
    assert row.state["attempts"] == 2


def test_five_videos_reported_in_parallel_share_one_clock(world, postgres, monkeypatch):
    """Five 20 s videos started together and claimed in full 11 s later, all at once: one completes at most."""
    from tests.learning.builders import Lesson, Seq, build_structure, video

    names = [f"Clip {n}" for n in range(5)]
    keys = build_structure(world.course_key, [Lesson("Lesson", [Seq("Clips", [video(n, 20) for n in names])])])
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(state, "now", lambda: start)
    for name in names:
        assert post_all(world, keys[name], "progress", [{"watched": []}]) == [200]
    monkeypatch.setattr(state, "now", lambda: start + timedelta(seconds=11))

    def send(name: str) -> int:
        try:
            client = APIClient()
            client.force_authenticate(world.users["learner"])
            return client.post(url(world.course_key, keys[name], "progress"), {"watched": [[0, 20]]}, format="json")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        answers = list(pool.map(send, names))
    assert [a.status_code for a in answers] == [200] * len(names)
    assert [a.json()["complete"] for a in answers].count(True) <= 1
    rows = BlockState.objects.filter(user=world.users["learner"], block_type="llp_video")
    assert sum(row.state.get("watched_seconds", 0.0) for row in rows) <= 22.0
