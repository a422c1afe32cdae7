"""The course settings know the course's own templates and warn about issued certificates."""

import pytest

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course

pytestmark = pytest.mark.django_db

SETTINGS = f"/api/v1/courses/{CERT_COURSE}/settings"


@pytest.fixture
def issued_course(world, settings, tmp_path, complete):
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete(learner, CERT_COURSE, readings)
    assert certificates_api.certificate_for(learner.pk, CERT_COURSE).status == "downloadable"


def test_changing_the_grade_range_warns_about_issued_certificates(issued_course, client_for):
    response = client_for("staff").patch(SETTINGS, {"grading_policy": {"grade_cutoffs": {"Pass": 0.7}}}, format="json")
    assert response.status_code == 200
    assert any(
        w.startswith("1 learner has an issued certificate: the new grade range") for w in response.json()["warnings"]
    )


def test_a_title_change_does_not_warn(issued_course, client_for):
    response = client_for("staff").patch(SETTINGS, {"title": "Renamed"}, format="json")
    assert not any("issued certificate" in w for w in response.json()["warnings"])


def test_custom_templates_are_valid_settings_values(issued_course, client_for):
    staff = client_for("staff")
    assert staff.patch(SETTINGS, {"certificate_template": "gala"}, format="json").status_code == 400
    certificates_api.upload_template(CERT_COURSE, name="gala", html="<p>{{ learner_name }}</p>")
    response = staff.patch(SETTINGS, {"certificate_template": "gala"}, format="json")
    assert response.status_code == 200
    assert any("certificate template" in w for w in response.json()["warnings"])
