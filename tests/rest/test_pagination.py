"""Every list endpoint pages its plain JSON array: ``?page=&page_size=``, ``X-Total-Count`` and ``Link`` headers."""

import re

import pytest

from llp_edx_plugin.rest_api.v1.pagination import MAX_PAGE_SIZE, link_header
from tests.people import COURSE
from tests.rest import lists

pytestmark = pytest.mark.django_db

BASE = f"/api/v1/courses/{COURSE}/certificates"


def links(response) -> dict[str, str]:
    """``{rel: url}`` of the ``Link`` header."""
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers.get("Link", ""))}


def _course_certificates(world) -> str:
    lists.certificates(COURSE, lists.learners(7))
    return BASE


def _my_certificates(world) -> str:
    lists.my_certificates(world.users["instructor"], 7)
    return "/api/v1/me/certificates"


def _templates(world) -> str:
    lists.templates(COURSE, 7)
    return f"{BASE}/templates"


def _history(world) -> str:
    lists.generation_jobs(COURSE, 7)
    return f"{BASE}/history"


def _exceptions(world) -> str:
    lists.exceptions(COURSE, lists.learners(7))
    return f"{BASE}/exceptions"


def _invalidations(world) -> str:
    lists.invalidations(COURSE, lists.learners(7))
    return f"{BASE}/invalidations"


# Every list endpoint of the API, each with 7 items for the course's instructor.
LISTS = {
    "course certificates": _course_certificates,
    "my certificates": _my_certificates,
    "certificate templates": _templates,
    "generation history": _history,
    "exceptions": _exceptions,
    "invalidations": _invalidations,
}


@pytest.fixture(params=sorted(LISTS))
def endpoint(request, world) -> str:
    return LISTS[request.param](world)


def test_the_first_page_is_the_array_with_the_total_and_the_next_link(endpoint, client_for):
    response = client_for("instructor").get(endpoint, {"page_size": 3})

    assert response.status_code == 200, response.content
    assert isinstance(response.json(), list)
    assert len(response.json()) == 3
    assert response.headers["X-Total-Count"] == "7"
    rel = links(response)
    assert set(rel) == {"next", "first", "last"}  # no prev on the first page
    assert "page=2" in rel["next"]
    assert "page_size=3" in rel["next"]
    assert "page=3" in rel["last"]


def test_the_pages_follow_each_other_without_gaps_or_repeats(endpoint, client_for):
    client = client_for("instructor")
    whole = client.get(endpoint).json()
    pages, url = [], f"{endpoint}?page_size=3"
    while url:
        response = client.get(url)
        pages.append(response.json())
        url = links(response).get("next")

    assert [len(page) for page in pages] == [3, 3, 1]
    assert [item for page in pages for item in page] == whole
    second = client.get(endpoint, {"page": 2, "page_size": 3})
    assert second.json() == pages[1]
    assert "page=1" in links(second)["prev"]
    assert "page=3" in links(second)["next"]


def test_the_default_page_size_is_50_and_a_bigger_one_is_clamped_to_500(world, client_for):
    lists.certificates(COURSE, lists.learners(501))
    staff = client_for("staff")

    default = staff.get(BASE)
    huge = staff.get(BASE, {"page_size": 10_000})

    assert len(default.json()) == 50
    assert len(huge.json()) == MAX_PAGE_SIZE == 500
    assert huge.headers["X-Total-Count"] == "501"
    assert len(staff.get(links(huge)["next"]).json()) == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": "many"}, "page_size"),
        ({"page": "1.5"}, "page"),
    ],
)
def test_a_bad_page_or_page_size_is_a_400_on_its_field(endpoint, client_for, query, field):
    response = client_for("instructor").get(endpoint, query)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_a_page_past_the_last_is_an_empty_array_with_the_total(endpoint, client_for):
    response = client_for("instructor").get(endpoint, {"page": 9, "page_size": 3})

    assert response.status_code == 200
    assert response.json() == []
    assert response.headers["X-Total-Count"] == "7"
    assert "page=3" in links(response)["prev"]  # back to the last page that has items
    assert "next" not in links(response)


def test_an_empty_list_has_a_zero_total_and_no_next(world, client_for):
    response = client_for("instructor").get(BASE)

    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"
    assert set(links(response)) == {"first", "last"}


def test_links_keep_the_filters(world, client_for):
    lists.certificates(COURSE, lists.learners(4))
    response = client_for("instructor").get(BASE, {"status": "downloadable", "page_size": 2})

    assert "status=downloadable" in links(response)["next"]


@pytest.mark.parametrize(
    ("page", "size", "total", "rels"),
    [
        (1, 10, 0, {"first": 1, "last": 1}),
        (1, 10, 10, {"first": 1, "last": 1}),
        (1, 10, 11, {"next": 2, "first": 1, "last": 2}),
        (2, 10, 11, {"prev": 1, "first": 1, "last": 2}),
        (2, 10, 30, {"next": 3, "prev": 1, "first": 1, "last": 3}),
        (7, 10, 30, {"prev": 3, "first": 1, "last": 3}),
    ],
)
def test_link_header_table(page, size, total, rels):
    header = link_header("http://testserver/api/v1/x?page_size=10&status=a", page, size, total)
    pairs = re.findall(r'<([^>]+)>; rel="(\w+)"', header)
    found = {rel: int(re.search(r"[?&]page=(\d+)", url).group(1)) for url, rel in pairs}
    assert found == rels
    assert header.count("status=a") == len(rels)
