"""Reports over REST and on the Reports → History page, for every role."""

import csv
import io

import pytest
from django.test import Client

from tests.certificates.conftest import CERT_COURSE
from tests.people import ROLES

pytestmark = pytest.mark.django_db

PROGRESS = f"/api/v1/courses/{CERT_COURSE}/reports/progress"

# Who may ask for a training's progress report: the course team (staff here), and Company Admins (their people).
MAY_REQUEST = {"company_admin", "other_company_admin", "staff"}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_request_a_progress_report(company_world, client_for, role, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None if role == "anonymous" else role).post(PROGRESS)
    expected = 401 if role == "anonymous" else 202 if role in MAY_REQUEST else 403
    assert response.status_code == expected
    if expected == 202:
        assert set(response.json()) == {"report_id"}


def test_history_list_and_download(company_world, client_for, django_capture_on_commit_callbacks):
    admin = client_for("company_admin")
    with django_capture_on_commit_callbacks(execute=True):
        report_id = admin.post(PROGRESS).json()["report_id"]
    listing = admin.get("/api/v1/reports")
    assert listing.status_code == 200
    assert listing["X-Total-Count"] == "1"
    (report,) = listing.json()
    assert {k: report[k] for k in ("id", "course_key", "kind", "status")} == {
        "id": report_id,
        "course_key": CERT_COURSE,
        "kind": "progress",
        "status": "done",
    }
    assert report["download_url"] == f"/api/v1/reports/{report_id}/download"
    download = admin.get(report["download_url"])
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Username"
    assert client_for("other_company_admin").get(report["download_url"]).status_code == 404
    assert client_for("other_company_admin").get("/api/v1/reports").json() == []
    assert client_for("learner").get("/api/v1/reports").status_code == 403
    assert client_for(None).get("/api/v1/reports").status_code == 401


def test_history_pages_with_headers(company_world, client_for, django_capture_on_commit_callbacks):
    staff = client_for("staff")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(PROGRESS)
        staff.post(f"/api/v1/courses/{CERT_COURSE}/reports/certificates")
    first = staff.get("/api/v1/reports", {"page_size": 1})
    assert first["X-Total-Count"] == "2"
    assert 'rel="next"' in first["Link"]
    assert len(first.json()) == 1
    assert staff.get("/api/v1/reports", {"page_size": 0}).status_code == 400


def test_company_report_over_rest(company_world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("company_admin").post("/api/v1/company/reports", {"kind": "company"}, format="json")
    assert response.status_code == 202
    assert client_for("employee").post("/api/v1/company/reports", {}, format="json").status_code == 403
    assert client_for("staff").post("/api/v1/company/reports", {}, format="json").status_code == 400
    bad = client_for("company_admin").post("/api/v1/company/reports", {"kind": "nope"}, format="json")
    assert bad.status_code == 400


def test_the_history_page(company_world, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(company_world.users["company_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/request", {"kind": "progress", "course_key": CERT_COURSE})
    assert response["Location"] == "/reports"
    html = client.get("/reports").content.decode()
    assert "Your report is being prepared" in html
    assert 'data-testid="download"' in html
    pending = Client()
    pending.force_login(company_world.users["staff"])
    pending.post("/reports/request", {"kind": "progress", "course_key": CERT_COURSE})  # no commit: stays pending
    html = pending.get("/reports").content.decode()
    assert 'role="progressbar"' in html
    learner = Client()
    learner.force_login(company_world.users["learner"])
    assert learner.get("/reports").status_code == 403
