"""The course's certificate list: a constant number of queries, and its django-filter filters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.certificates import listing
from tests.people import COURSE
from tests.rest import lists

pytestmark = pytest.mark.django_db

URL = f"/api/v1/courses/{COURSE}/certificates"


def _queries(client, url: str, params: dict) -> tuple[int, list]:
    client.get(url, params)  # warm: the test client keeps one user object, whose permission cache then fills
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries), response.json()


def test_the_course_list_makes_the_same_queries_at_10_and_1000_certificates(world, client_for):
    """Was 6 + N (a profile per row for ``download_url``); now count + page + owners' profiles."""
    client = client_for("instructor")
    lists.certificates(COURSE, lists.learners(10, "few"))
    few, page = _queries(client, URL, {"page_size": 500})
    assert len(page) == 10

    lists.certificates(COURSE, lists.learners(990, "many"))
    many, page = _queries(client, URL, {"page_size": 500})

    assert len(page) == 500
    assert many == few
    assert few <= 6  # the actor (2), the course, the count, the page, the owners' profiles
    also_filtered, _ = _queries(client, URL, {"page_size": 500, "status": "downloadable", "search": "many"})
    assert also_filtered == few


def test_my_certificates_makes_the_same_queries_at_3_and_300_certificates(world, client_for):
    learner = world.users["learner"]
    lists.my_certificates(learner, 3)
    few, page = _queries(client_for("learner"), "/api/v1/me/certificates", {})
    assert len(page) == 3
    lists.my_certificates(learner, 297, prefix="MORE")
    many, page = _queries(client_for("learner"), "/api/v1/me/certificates", {"page_size": 500})

    assert len(page) == 300
    assert many == few


@pytest.fixture
def issued(world):
    """Five learners issued a day apart from ``lists.START``, and one not passing."""
    lists.certificates(COURSE, lists.learners(5, "ann"))
    lists.certificates(COURSE, lists.learners(1, "bob"), status="notpassing")
    return world


def _usernames(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [c["username"] for c in response.json()]


def test_filters_status_username_search_and_issue_dates(issued, client_for):
    staff = client_for("staff")
    day = lists.START.date()

    assert _usernames(staff, status="notpassing") == ["bob0000"]
    assert len(_usernames(staff, status="downloadable")) == 5
    assert _usernames(staff, username="ANN0003") == ["ann0003"]  # any case, exact
    assert _usernames(staff, username="ann") == []
    assert _usernames(staff, search="nn000") == [f"ann000{i}" for i in range(5)]
    assert _usernames(staff, search="Bob") == ["bob0000"]  # the printed name too
    after = (lists.START + timedelta(days=3)).isoformat()
    assert _usernames(staff, issued_after=after) == ["ann0003", "ann0004"]  # at or after
    assert _usernames(staff, issued_before=after) == ["ann0000", "ann0001", "ann0002", "bob0000"]  # strictly before
    assert _usernames(staff, issued_after=str(day + timedelta(days=1)), issued_before=str(day + timedelta(days=3))) == [
        "ann0001",
        "ann0002",
    ]
    response = staff.get(URL, {"status": "downloadable", "page_size": 2})
    assert response.headers["X-Total-Count"] == "5"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "bogus"}, "status"),
        ({"issued_after": "yesterday"}, "issued_after"),
        ({"issued_before": "2026-13-45"}, "issued_before"),
        ({"username": "x" * 151}, "username"),
    ],
)
def test_a_bad_filter_value_is_a_400_on_its_field(issued, client_for, params, field):
    response = client_for("staff").get(URL, params)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_unknown_query_parameters_are_ignored(issued, client_for):
    assert len(_usernames(client_for("staff"), colour="blue")) == 6


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 7},
        {"page_size": 7, "page": 3},
        {"page_size": 50, "page": 2},
        {"page_size": 7, "status": "notpassing"},
        {"page_size": 7, "search": "b0"},
        {"page_size": 7, "page": 9},  # past the last page
    ],
)
def test_a_large_list_walks_the_users_in_username_order_with_the_same_answer(world, client_for, monkeypatch, params):
    """Above ``SORT_IN_PLACE_MAX`` matches a page comes from the users' username index (no sort of every row):
    the same rows, the same order and the same queries as cutting the sorted list."""
    client = client_for("instructor")
    lists.certificates(COURSE, lists.learners(30, "b"))
    lists.certificates(COURSE, lists.learners(10, "a"), status="notpassing")
    sorted_queries, sorted_page = _queries(client, URL, params)
    sorted_total = client.get(URL, params)["X-Total-Count"]
    monkeypatch.setattr(listing, "SORT_IN_PLACE_MAX", 5)
    walked_queries, walked_page = _queries(client, URL, params)
    assert walked_page == sorted_page
    assert walked_queries == sorted_queries
    assert client.get(URL, params)["X-Total-Count"] == sorted_total
    assert int(sorted_total) > 5  # the walk was taken
