"""A course that issues certificates cannot start before they are activated (DESIGN.md §4)."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from tests.learning.runtime.conftest import url

pytestmark = pytest.mark.django_db

MESSAGE = courses_api.COURSEWARE_BLOCKED_MESSAGE


@pytest.fixture
def inactive(world, blocks):
    courses_api.set_certificates_active(world.course_key, False)
    return blocks


def test_learners_get_no_courseware_with_a_clear_message(world, inactive, learner, client):
    client.force_login(learner)
    page = client.get(f"/courses/{world.course_key}/").content.decode()
    assert MESSAGE in page
    assert "Intro" not in page  # no block is rendered


def test_handlers_refuse_learners_with_the_same_message(world, inactive, learner, client_for):
    response = client_for("learner").post(
        url(world.course_key, inactive["intro"], "progress"), {"watched": [], "position": 0}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": MESSAGE}


def test_the_course_team_still_previews(world, inactive, client):
    client.force_login(world.users["instructor"])
    page = client.get(f"/courses/{world.course_key}/").content.decode()
    assert MESSAGE not in page


def test_a_course_without_certificates_starts_without_activation(world, inactive, learner, client):
    from llp_edx_plugin.courses.models import Course

    Course.objects.filter(title="Leading Teams").update(issues_certificates=False)
    client.force_login(learner)
    assert MESSAGE not in client.get(f"/courses/{world.course_key}/").content.decode()


def test_activating_opens_the_course(world, inactive, learner, client):
    courses_api.set_certificates_active(world.course_key, True)
    client.force_login(learner)
    assert MESSAGE not in client.get(f"/courses/{world.course_key}/").content.decode()
