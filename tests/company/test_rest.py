"""REST: the Company Admin's endpoints, for every role of the permission matrix (who may and who may not)."""

import io
import zipfile

import pytest

from tests.certificates.conftest import CERT_COURSE
from tests.people import ROLES

pytestmark = pytest.mark.django_db

EMPLOYEES = "/api/v1/company/employees"
CERTIFICATES = "/api/v1/company/certificates"
ZIP = "/api/v1/company/certificates.zip"
ASSIGNMENTS = "/api/v1/company/assignments"

# Who gets what from the list endpoints: Company Admins their own company, staff must choose one.
EXPECTED = {
    "anonymous": 401,
    "learner": 403,
    "employee": 403,
    "company_admin": 200,
    "other_company_admin": 200,
    "instructor": 403,
    "other_instructor": 403,
    "staff": 400,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", [EMPLOYEES, CERTIFICATES, ZIP])
def test_list_permissions(company_world, client_for, role, url):
    response = client_for(None if role == "anonymous" else role).get(url)
    assert response.status_code == EXPECTED[role]


def test_employees_shape_and_scope(company_world, client_for):
    response = client_for("company_admin").get(EMPLOYEES)
    assert response.status_code == 200
    assert response["X-Total-Count"] == "3"
    rows = {row["username"]: row for row in response.json()}
    assert set(rows) == {"employee", "erin", "otto"}
    training = rows["employee"]["trainings"][0]
    assert training["course_key"] == CERT_COURSE
    assert training["completed"] is True
    assert training["certificate"]["status"] == "downloadable"
    assert training["certificate"]["download_url"] == f"/certificates/{training['certificate']['uuid']}/download"
    assert rows["erin"]["trainings"][0]["certificate"] == {"status": None, "uuid": None, "download_url": None}
    other = client_for("other_company_admin").get(EMPLOYEES).json()
    assert [row["username"] for row in other] == ["other_employee"]


def test_employees_pages_with_link_headers(company_world, client_for):
    response = client_for("company_admin").get(EMPLOYEES, {"page_size": 2})
    assert len(response.json()) == 2
    assert 'rel="next"' in response["Link"]
    assert "prev" not in response["Link"]
    second = client_for("company_admin").get(EMPLOYEES, {"page_size": 2, "page": 2})
    assert len(second.json()) == 1
    assert 'rel="prev"' in second["Link"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"status": "lost"}, "status"), ({"page_size": 0}, "page_size"), ({"company": "x"}, "company")],
)
def test_bad_query_is_400(company_world, client_for, query, field):
    response = client_for("company_admin").get(EMPLOYEES, query)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_staff_choose_the_company(company_world, client_for):
    globex = company_world.companies["globex"].id
    response = client_for("staff").get(EMPLOYEES, {"company": globex})
    assert [row["username"] for row in response.json()] == ["other_employee"]
    assert client_for("company_admin").get(EMPLOYEES, {"company": globex}).status_code == 403


def test_certificates_list(company_world, client_for):
    response = client_for("company_admin").get(CERTIFICATES)
    assert [c["username"] for c in response.json()] == ["employee"]
    assert response["X-Total-Count"] == "1"
    assert client_for("company_admin").get(CERTIFICATES, {"page": 2}).json() == []
    assert response.json()[0]["download_url"]


def test_zip_contents(company_world, client_for):
    response = client_for("company_admin").get(ZIP)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["Employee/Feedback-Skills-Ete.pdf"]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF")


def test_employee_detail_of_another_company_is_404(company_world, client_for):
    assert client_for("company_admin").get(f"{EMPLOYEES}/employee").status_code == 200
    assert client_for("other_company_admin").get(f"{EMPLOYEES}/employee").status_code == 404
    assert client_for("other_company_admin").get(f"{EMPLOYEES}/nobody").status_code == 404
    assert client_for("learner").get(f"{EMPLOYEES}/employee").status_code == 403


def test_deactivate_and_restore(company_world, client_for):
    admin = client_for("company_admin")
    response = admin.patch(f"{EMPLOYEES}/employee", {"is_active": False}, format="json")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert response.json()["trainings"][0]["certificate"]["download_url"] is None
    assert admin.patch(f"{EMPLOYEES}/employee", {"is_active": "maybe"}, format="json").status_code == 400
    assert (
        client_for("other_company_admin").patch(f"{EMPLOYEES}/employee", {"is_active": True}, format="json").status_code
        == 404
    )
    assert admin.patch(f"{EMPLOYEES}/employee", {"is_active": True}, format="json").json()["is_active"] is True


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("learner", 403),
        ("employee", 403),
        ("company_admin", 201),
        ("other_company_admin", 201),
        ("instructor", 403),
        ("staff", 400),
    ],
)
def test_assignments_permissions(company_world, client_for, role, status):
    response = client_for(None if role == "anonymous" else role).post(
        ASSIGNMENTS, {"usernames": ["otto"], "course_key": company_world.other_course_key}, format="json"
    )
    assert response.status_code == status


def test_assignments_results(company_world, client_for):
    response = client_for("company_admin").post(
        ASSIGNMENTS,
        {"usernames": ["otto", "other_employee"], "course_key": company_world.other_course_key},
        format="json",
    )
    assert response.status_code == 201
    assert [(r["username"], r["status"]) for r in response.json()] == [
        ("otto", "assigned"),
        ("other_employee", "error"),
    ]
    other = client_for("other_company_admin").post(
        ASSIGNMENTS, {"usernames": ["otto"], "course_key": company_world.other_course_key}, format="json"
    )
    assert other.json()[0]["status"] == "error"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"usernames": [], "course_key": CERT_COURSE}, "usernames"),
        ({"usernames": "otto", "course_key": CERT_COURSE}, "usernames"),
        ({"usernames": ["otto"]}, "course_key"),
        ({"usernames": ["otto"], "course_key": "course-v1:No+Such+Thing"}, "course_key"),
    ],
)
def test_assignments_bad_input(company_world, client_for, body, field):
    response = client_for("company_admin").post(ASSIGNMENTS, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
