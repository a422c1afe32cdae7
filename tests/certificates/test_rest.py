"""REST endpoints of certificates: who may and who may not, shapes of CONTRACT.md, the site-wide switch."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from tests.people import ROLES

pytestmark = pytest.mark.django_db

CERT_KEYS = {
    "uuid",
    "username",
    "course_key",
    "status",
    "grade",
    "issued_at",
    "first_downloaded_at",
    "download_count",
    "template_version",
    "download_url",
    "verify_url",
}


def test_request_certificate_answers_201_then_200(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course(self_paced=False, learner_generated_certificates=True)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    url = f"/api/v1/courses/{CERT_COURSE}/certificates/request"

    not_yet = client_for("learner").post(url)
    assert not_yet.status_code == 400
    assert [r["code"] for r in not_yet.json()["unmet_requirements"]] == ["block_incomplete", "block_incomplete"]

    complete_blocks(learner, CERT_COURSE, readings)  # on-commit work (automatic issuing) does not run here
    first = client_for("learner").post(url)
    again = client_for("learner").post(url)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["uuid"] == again.json()["uuid"]
    assert set(first.json()) == {"uuid", "status"}


@pytest.mark.parametrize(("who", "code"), [(None, 401), ("employee", 404), ("staff", 404)])
def test_request_certificate_refuses_anonymous_and_the_not_enrolled(world, client_for, who, code, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_reading_course()
    assert client_for(who).post(f"/api/v1/courses/{CERT_COURSE}/certificates/request").status_code == code


def test_my_certificates_has_no_download_url_for_employees(issued, client_for):
    mine = client_for("learner").get("/api/v1/me/certificates").json()
    theirs = client_for("employee").get("/api/v1/me/certificates").json()
    assert [set(c) for c in mine] == [CERT_KEYS]
    assert mine[0]["download_url"] == f"/certificates/{issued['learner'].uuid}/download"
    assert theirs[0]["download_url"] is None
    assert client_for(None).get("/api/v1/me/certificates").status_code == 401


@pytest.mark.parametrize(
    ("who", "learner_cert", "employee_cert"),
    [
        (None, 401, 401),
        ("learner", 200, 403),
        ("employee", 403, 200),
        ("company_admin", 403, 200),
        ("other_company_admin", 403, 403),
        ("instructor", 200, 200),
        ("other_instructor", 403, 403),
        ("staff", 200, 200),
    ],
)
def test_certificate_detail_permissions(issued, client_for, who, learner_cert, employee_cert):
    assert set(ROLES) >= {who or "anonymous"}
    client = client_for(who)
    assert client.get(f"/api/v1/certificates/{issued['learner'].uuid}").status_code == learner_cert
    assert client.get(f"/api/v1/certificates/{issued['employee'].uuid}").status_code == employee_cert


def test_certificate_detail_of_an_unknown_uuid_is_404(issued, client_for):
    assert client_for("staff").get("/api/v1/certificates/0b7c52f4-0000-4000-8000-000000000000").status_code == 404
    assert client_for("staff").get("/api/v1/certificates/nonsense").status_code == 404


@pytest.mark.parametrize(
    ("who", "code"),
    [
        (None, 401),
        ("learner", 403),
        ("employee", 403),
        ("company_admin", 403),
        ("other_company_admin", 403),
        ("instructor", 200),
        ("other_instructor", 403),
        ("staff", 200),
    ],
)
def test_course_certificate_list_is_for_the_course_team(issued, client_for, who, code):
    response = client_for(who).get(f"/api/v1/courses/{CERT_COURSE}/certificates")
    assert response.status_code == code
    if code == 200:
        assert sorted(c["username"] for c in response.json()) == ["employee", "learner"]


def test_course_certificate_list_filters_by_status_and_refuses_unknown_ones(issued, client_for):
    staff = client_for("staff")
    assert len(staff.get(f"/api/v1/courses/{CERT_COURSE}/certificates?status=downloadable").json()) == 2
    assert staff.get(f"/api/v1/courses/{CERT_COURSE}/certificates?status=notpassing").json() == []
    bad = staff.get(f"/api/v1/courses/{CERT_COURSE}/certificates?status=bogus")
    assert bad.status_code == 400
    assert "status" in bad.json()["errors"]


def test_site_wide_switch_off_hides_every_certificate_action(issued, client_for, client, settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "ENABLED": False}
    uuid = issued["learner"].uuid
    assert client_for("learner").get("/api/v1/me/certificates").status_code == 404
    assert client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request").status_code == 404
    assert client_for("staff").get(f"/api/v1/certificates/{uuid}").status_code == 404
    assert client.get(f"/api/v1/verify/{uuid}").status_code == 404
    assert client.get(f"/verify/{uuid}").status_code == 404
