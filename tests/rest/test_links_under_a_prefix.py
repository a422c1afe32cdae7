"""Mounted under a prefix (as inside Open edX), every link the plugin gives follows it: nothing is a typed path."""

import json

import pytest
from lxml import html as lxml_html

from tests import people
from tests.learning.builders import page_client
from tests.rest import lists

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.rest.prefixed_urls")]

SHELL = ("/login", "/logout", "/admin/", "/static/")  # the host site's own routes, not the plugin's


def own_links(response) -> list[str]:
    """Every site-relative href/action of a page that is not the host site's."""
    page = lxml_html.fromstring(response.content.decode())
    found = [*page.xpath("//a/@href"), *page.xpath("//form/@action")]
    return [link for link in found if link.startswith("/") and not link.startswith(SHELL)]


def test_the_api_answers_links_under_the_prefix(world, client_for):
    lists.my_certificates(world.users["learner"], 3)

    response = client_for("learner").get("/llp/api/v1/me/certificates", {"page_size": 2})

    assert response.status_code == 200
    uuid = response.json()[0]["uuid"]
    assert response.json()[0]["download_url"] == f"/llp/certificates/{uuid}/download"
    assert '<http://testserver/llp/api/v1/me/certificates?page=2&page_size=2>; rel="next"' in response["Link"]


def test_the_instructor_dashboard_links_and_script_urls_are_under_the_prefix(world):
    lists.certificates(people.COURSE, lists.learners(3))

    response = page_client(world.users["instructor"]).get(f"/llp/courses/{people.COURSE}/instructor")

    assert response.status_code == 200
    links = own_links(response)
    assert links
    assert [link for link in links if not link.startswith("/llp/")] == []
    page = lxml_html.fromstring(response.content.decode())
    config = json.loads(page.xpath('//script[@id="llp-instructor-config"]')[0].text)
    urls = [config["api"], config["jobUrl"], *config["urls"].values()]
    assert [url for url in urls if not url.startswith("/llp/api/v1/")] == []
    rows = page.xpath('//table[@id="certificates-table"]/tbody/tr')
    assert all(row.get("data-url").startswith("/llp/api/v1/certificates/") for row in rows)
    assert all(row.get("data-regenerate-url").startswith("/llp/api/v1/certificates/") for row in rows)


@pytest.mark.parametrize("path", ["/llp/dashboard", "/llp/learning-records", "/llp/profile/settings"])
def test_learner_pages_link_under_the_prefix(world, path):
    lists.my_certificates(world.users["learner"], 2)

    response = page_client(world.users["learner"]).get(path)

    assert response.status_code == 200
    assert [link for link in own_links(response) if not link.startswith("/llp/")] == []
