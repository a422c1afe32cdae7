"""The Instructor Dashboard's issued-certificates table pages and filters on the server (50 rows a page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.instructor import views
from tests import people
from tests.learning.builders import page_client
from tests.rest import lists

from .conftest import URL
from .test_dashboard_page import texts, tree

pytestmark = pytest.mark.django_db


def usernames(page) -> list[str]:
    return [row.get("data-username") for row in page.xpath('//table[@id="certificates-table"]/tbody/tr')]


def pager(page) -> dict[str, str]:
    return {a.get("rel"): a.get("href") for a in page.xpath('//ul[@id="certificates-pager"]//a')}


def open_page(world, query: str = ""):
    return tree(page_client(world.users["instructor"]).get(URL + query))


@pytest.fixture
def many(world):
    """120 issued certificates (``bulk0000``...) and 3 not passing (``np000x``)."""
    lists.certificates(people.COURSE, lists.learners(120))
    lists.certificates(people.COURSE, lists.learners(3, "np"), status="notpassing")
    return world


def test_the_first_page_shows_50_rows_the_total_and_a_next_link(many):
    page = open_page(many)

    assert usernames(page) == [f"bulk{i:04d}" for i in range(50)]
    assert texts(page, '//*[@id="certificates-count"]') == ["123 certificates · page 1 of 3."]
    assert pager(page) == {"next": "?page=2#certificates"}


def test_the_pages_follow_each_other_and_keep_the_filters(many):
    second = open_page(many, "?page=2")
    filtered = open_page(many, "?status=downloadable&q=bulk00&page=2")

    assert usernames(second) == [f"bulk{i:04d}" for i in range(50, 100)]
    assert pager(second) == {"prev": "?#certificates", "next": "?page=3#certificates"}
    assert usernames(filtered) == [f"bulk{i:04d}" for i in range(50, 100)]
    assert texts(filtered, '//*[@id="certificates-count"]') == ["100 certificates match the filters · page 2 of 2."]
    assert pager(filtered) == {"prev": "?q=bulk00&status=downloadable#certificates"}


@pytest.mark.parametrize(("query", "shown"), [("?page=99", 3), ("?page=0", 1), ("?page=abc", 1), ("?page=-2", 1)])
def test_a_page_out_of_range_shows_the_nearest_page(many, query, shown):
    page = open_page(many, query)

    assert texts(page, '//*[@id="certificates-count"]') == [f"123 certificates · page {shown} of 3."]


def test_a_single_page_has_no_pager(world):
    lists.certificates(people.COURSE, lists.learners(3))
    page = open_page(world)

    assert page.xpath('//ul[@id="certificates-pager"]') == []
    assert texts(page, '//*[@id="certificates-count"]') == ["3 certificates."]


def test_each_row_carries_its_api_urls_for_the_page_script(world):
    lists.certificates(people.COURSE, lists.learners(1))
    row = open_page(world).xpath('//table[@id="certificates-table"]/tbody/tr')[0]
    uuid = row.get("data-uuid")

    assert row.get("data-url") == f"/api/v1/certificates/{uuid}"
    assert row.get("data-regenerate-url") == f"/api/v1/certificates/{uuid}/regenerate"


def test_the_page_makes_the_same_queries_at_60_and_600_certificates(world):
    client = page_client(world.users["instructor"])
    lists.certificates(people.COURSE, lists.learners(60, "few"))
    client.get(URL)  # warm the per-process caches

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    few = count()
    lists.certificates(people.COURSE, lists.learners(540, "many"))

    assert count() == few


def test_issued_certificates_reads_one_page_in_sql(world):
    lists.certificates(people.COURSE, lists.learners(70))

    table = views.issued_certificates(people.COURSE, status="", search="", page=2)

    assert (table.total, table.page, table.pages, len(table.rows)) == (70, 2, 2, 20)
    assert table.next_query is None
