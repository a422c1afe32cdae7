"""Reports: the progress CSV (exact columns, the holder's first download), scope, history, downloads, retention."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.errors import Forbidden, NotFound
from llp_edx_plugin.reports import api as reports_api
from llp_edx_plugin.reports import columns
from tests.certificates.conftest import CERT_COURSE

pytestmark = pytest.mark.django_db

HEADER = [
    "Username",
    "Full name",
    "Email",
    "Company",
    "Enrolled at",
    "Progress percent",
    "Completed",
    "Grade",
    "Passed",
    "Certificate status",
    "Certificate issued date",
    "Certificate download date",
]


def actor(world, name):
    return accounts_api.get_actor(world.users[name])


def csv_of(actor_, report_id) -> tuple[bytes, list[list[str]]]:
    _, chunks = reports_api.report_file(actor_, report_id)
    raw = b"".join(chunks)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_progress_report_columns_and_rows(company_world, django_capture_on_commit_callbacks):
    instructor = actor(company_world, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(instructor, CERT_COURSE)
    raw, rows = csv_of(instructor, job.id)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert rows[0] == HEADER
    by_user = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert set(by_user) == {"employee", "erin", "otto", "other_employee"}
    certified = by_user["employee"]
    assert (certified["Company"], certified["Completed"], certified["Passed"]) == ("Acme Corp", "Yes", "Yes")
    assert certified["Certificate status"] == "downloadable"
    assert certified["Certificate issued date"].endswith("+00:00")
    assert certified["Certificate download date"] == ""  # never downloaded by its holder
    assert (by_user["erin"]["Progress percent"], by_user["erin"]["Completed"]) == ("50", "No")
    assert by_user["otto"]["Certificate status"] == ""
    report = reports_api.get_report(instructor, job.id)
    assert (report.status, report.rows, report.percent, report.downloadable) == ("done", 4, 100, True)


def test_the_download_column_is_the_holders_first_download(company_world, django_capture_on_commit_callbacks):
    staff = actor(company_world, "staff")
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    certificates_api.download_pdf(certificate.uuid, staff)  # a staff copy: not the holder's
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(staff, CERT_COURSE)
    rows = {row[0]: row for row in csv_of(staff, job.id)[1][1:]}
    assert rows["employee"][11] == ""
    certificates_api.download_pdf(certificate.uuid, actor(company_world, "company_admin"))  # the holder side
    first = certificates_api.get_certificate(certificate.uuid).first_downloaded_at
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(staff, CERT_COURSE)
    rows = {row[0]: row for row in csv_of(staff, job.id)[1][1:]}
    assert rows["employee"][11] == first.isoformat()


def test_a_company_admins_report_holds_their_people_only(company_world, django_capture_on_commit_callbacks):
    admin = actor(company_world, "company_admin")
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(admin, CERT_COURSE)
    usernames = [row[0] for row in csv_of(admin, job.id)[1][1:]]
    assert sorted(usernames) == ["employee", "erin", "otto"]


@pytest.mark.parametrize("who", ["learner", "employee", "other_instructor", "attendance_admin"])
def test_learners_and_outsiders_cannot_request(company_world, who):
    with pytest.raises(Forbidden):
        reports_api.request_progress_report(actor(company_world, who), CERT_COURSE)


def test_formula_cells_are_neutralised(company_world, django_capture_on_commit_callbacks):
    user = company_world.users["erin"]
    user.llp_profile.full_name = "=cmd|' /C calc'!A0"
    user.llp_profile.save()
    staff = actor(company_world, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(staff, CERT_COURSE)
    rows = {row[0]: row for row in csv_of(staff, job.id)[1][1:]}
    assert rows["erin"][1] == "'=cmd|' /C calc'!A0"


def test_history_visibility_and_downloads(company_world, django_capture_on_commit_callbacks):
    admin, other_admin, staff = (actor(company_world, n) for n in ("company_admin", "other_company_admin", "staff"))
    with django_capture_on_commit_callbacks(execute=True):
        mine = reports_api.request_progress_report(admin, CERT_COURSE)
        theirs = reports_api.request_company_report(other_admin)
    assert [r.id for r in reports_api.list_reports(admin)[1]] == [mine.id]
    assert [r.id for r in reports_api.list_reports(other_admin)[1]] == [theirs.id]
    assert {r.id for r in reports_api.list_reports(staff)[1]} == {mine.id, theirs.id}
    with pytest.raises(NotFound):
        reports_api.report_file(other_admin, mine.id)
    with pytest.raises(Forbidden):
        reports_api.list_reports(actor(company_world, "learner"))


def test_a_pending_report_is_listed_with_no_download(company_world):
    admin = actor(company_world, "company_admin")
    job = reports_api.request_progress_report(admin, CERT_COURSE)  # not committed: the job has not run
    report = reports_api.get_report(admin, job.id)
    assert (report.status, report.percent, report.downloadable) == ("pending", 0, False)
    with pytest.raises(NotFound):
        reports_api.report_file(admin, job.id)


def test_company_and_certificates_reports(company_world, django_capture_on_commit_callbacks):
    admin = actor(company_world, "company_admin")
    with django_capture_on_commit_callbacks(execute=True):
        company = reports_api.request_company_report(admin)
        certificates = reports_api.request_certificates_report(admin, company_id=None)
    rows = csv_of(admin, company.id)[1]
    assert rows[0] == list(columns.COMPANY_COLUMNS)
    assert sorted(row[3] for row in rows[1:]) == ["employee", "erin", "otto"]
    rows = csv_of(admin, certificates.id)[1]
    assert rows[0] == list(columns.CERTIFICATE_COLUMNS)
    assert [row[0] for row in rows[1:]] == ["employee"]
    assert rows[1][11].endswith(certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE).uuid)


def test_reports_are_deleted_after_the_keeping_time_with_an_audit_line(
    company_world, django_capture_on_commit_callbacks, caplog
):
    staff = actor(company_world, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(staff, CERT_COURSE)
    assert reports_api.purge_expired() == 0
    with caplog.at_level("INFO", logger="llp_edx_plugin.audit"):
        assert reports_api.purge_expired(timezone.now() + timedelta(days=31)) == 1
    assert f"report {job.id}" in caplog.text
    with pytest.raises(NotFound):
        reports_api.get_report(staff, job.id)


@pytest.mark.parametrize(("grade", "text"), [(None, ""), (0.0, "0%"), (0.92, "92%"), (1.0, "100%"), (0.475, "48%")])
def test_grade_percent(grade, text):
    assert columns.grade_percent(grade) == text


def test_a_live_events_progress_report_adds_attendance(world, settings, tmp_path, django_capture_on_commit_callbacks):
    from llp_edx_plugin.events import api as events_api
    from tests.events.conftest import EVENT, make_event

    settings.MEDIA_ROOT = tmp_path / "media"
    make_event(EVENT, starts_in=-timedelta(hours=1))
    for name in ("learner", "employee"):
        courses_api.enroll(EVENT, world.users[name].pk)
    staff = actor(world, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        events_api.mark_attendance(EVENT, "learner", True, actor=actor(world, "attendance_admin"))
    with django_capture_on_commit_callbacks(execute=True):
        job = reports_api.request_progress_report(staff, EVENT)
    rows = csv_of(staff, job.id)[1]
    assert rows[0] == [*HEADER, "Attendance", "Attendance marked at"]
    by_user = {row[0]: row for row in rows[1:]}
    assert by_user["learner"][6] == "Yes"  # Completed: present
    assert by_user["learner"][12] == "Present"
    assert by_user["learner"][13].endswith("+00:00")
    assert by_user["learner"][9] == "downloadable"
    assert by_user["employee"][12:] == ["Not marked", ""]
