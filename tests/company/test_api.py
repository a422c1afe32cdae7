"""The company domain: scope (own company only), employee states, assignments, accounts, the ZIP."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.company import api as company_api
from llp_edx_plugin.errors import FieldErrors, Forbidden, NotFound
from llp_edx_plugin.jobs import api as jobs_api
from tests.accounts.logo_files import good_png
from tests.certificates.conftest import CERT_COURSE

pytestmark = pytest.mark.django_db


def actor(world, name):
    return accounts_api.get_actor(world.users[name])


def by_username(page):
    return {e.username: e for e in page.employees}


def test_company_admin_sees_own_employees_with_their_states(company_world):
    page = company_api.list_employees(actor(company_world, "company_admin"))
    employees = by_username(page)
    assert set(employees) == {"employee", "erin", "otto"}  # Globex's people never appear
    assert page.total == 3
    certified = employees["employee"].trainings[0]
    assert (certified.course_key, certified.completed, certified.certificate_status) == (
        CERT_COURSE,
        True,
        "downloadable",
    )
    assert (certified.downloadable, certified.assigned, certified.progress_percent) == (True, True, 100)
    halfway = employees["erin"].trainings[0]
    assert (halfway.completed, halfway.progress_percent, halfway.certificate_status) == (False, 50, None)
    assert not halfway.downloadable


@pytest.mark.parametrize("who", ["learner", "employee", "instructor", "attendance_admin"])
def test_people_who_are_not_company_admins_are_refused(company_world, who):
    with pytest.raises(Forbidden):
        company_api.list_employees(actor(company_world, who))


def test_a_company_admin_cannot_name_another_company(company_world):
    with pytest.raises(Forbidden):
        company_api.list_employees(
            actor(company_world, "company_admin"), company_id=company_world.companies["globex"].id
        )


def test_staff_choose_a_company(company_world):
    staff = actor(company_world, "staff")
    with pytest.raises(FieldErrors):
        company_api.list_employees(staff)
    page = company_api.list_employees(staff, company_id=company_world.companies["globex"].id)
    assert set(by_username(page)) == {"other_employee"}


def test_another_companys_employee_is_not_found_like_an_unknown_one(company_world):
    admin = actor(company_world, "company_admin")
    with pytest.raises(NotFound) as other:
        company_api.employee_detail(admin, "other_employee")
    with pytest.raises(NotFound) as unknown:
        company_api.employee_detail(admin, "nobody-at-all")
    assert str(other.value).replace("other_employee", "X") == str(unknown.value).replace("nobody-at-all", "X")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "downloadable"}, {"employee"}),
        ({"status": "none"}, {"erin", "otto"}),
        ({"search": "Ösel"}, {"erin"}),
        ({"search": "otto@"}, {"otto"}),
        ({"course_key": CERT_COURSE}, {"employee", "erin", "otto"}),
        ({"course_key": CERT_COURSE, "status": "invalidated"}, set()),
    ],
)
def test_filters(company_world, filters, expected):
    page = company_api.list_employees(actor(company_world, "company_admin"), **filters)
    assert set(by_username(page)) == expected
    assert page.total == len(expected)


def test_bad_filters_are_field_errors(company_world):
    admin = actor(company_world, "company_admin")
    with pytest.raises(FieldErrors) as error:
        company_api.list_employees(admin, status="lost", page=0)
    assert set(error.value.errors) == {"status", "page"}
    with pytest.raises(NotFound):
        company_api.list_employees(admin, course_key="course-v1:No+Such+Course")


def test_pages(company_world):
    admin = actor(company_world, "company_admin")
    first = company_api.list_employees(admin, page_size=2)
    second = company_api.list_employees(admin, page=2, page_size=2)
    assert first.total == second.total == 3
    assert (len(first.employees), len(second.employees)) == (2, 1)
    assert set(by_username(first)).isdisjoint(by_username(second))


def test_list_makes_the_same_number_of_queries_whatever_the_page(company_world, django_assert_max_num_queries):
    admin = actor(company_world, "company_admin")
    with django_assert_max_num_queries(8):
        company_api.list_employees(admin)


def test_summary(company_world):
    summary = company_api.summary(actor(company_world, "company_admin"))
    assert (summary.employees, summary.trainings_in_progress, summary.certificates_issued) == (3, 2, 1)
    assert summary.certificates_to_collect == 1
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    certificates_api.download_pdf(certificate.uuid, actor(company_world, "company_admin"))
    assert company_api.summary(actor(company_world, "company_admin")).certificates_to_collect == 0


def test_assign_enrolls_own_employees_only(company_world):
    admin = actor(company_world, "company_admin")
    results = company_api.assign_training(
        admin, ["employee", "other_employee", "ghost", "employee"], company_world.other_course_key
    )
    assert [(r.username, r.status) for r in results] == [
        ("employee", "assigned"),
        ("other_employee", "error"),
        ("ghost", "error"),
    ]
    again = company_api.assign_training(admin, ["employee"], company_world.other_course_key)
    assert again[0].status == "already_assigned"
    trainings = company_api.employee_detail(admin, "employee").trainings
    assert {t.course_key for t in trainings} == {CERT_COURSE, company_world.other_course_key}
    assert all(t.assigned for t in trainings)
    theirs = company_api.employee_detail(actor(company_world, "other_company_admin"), "other_employee")
    assert [t.course_key for t in theirs.trainings] == [CERT_COURSE]


@pytest.mark.parametrize(
    ("usernames", "course_key", "field"),
    [([], CERT_COURSE, "usernames"), ("employee", CERT_COURSE, "usernames"), (["employee"], "nope", "course_key")],
)
def test_assign_bad_input(company_world, usernames, course_key, field):
    with pytest.raises(FieldErrors) as error:
        company_api.assign_training(actor(company_world, "company_admin"), usernames, course_key)
    assert field in error.value.errors


def test_assignment_never_issues_a_certificate(company_world):
    company_api.assign_training(actor(company_world, "company_admin"), ["otto"], company_world.other_course_key)
    assert certificates_api.certificate_for(company_world.users["otto"].pk, company_world.other_course_key) is None


def test_create_employee_in_own_company(company_world):
    profile = company_api.create_employee(
        actor(company_world, "company_admin"),
        username="newbie",
        password="A-strong-pass-42",
        email="newbie@example.com",
        full_name="New Bie",
    )
    assert (profile.account_type, profile.company_id) == ("employee", company_world.companies["acme"].id)
    with pytest.raises(FieldErrors):
        company_api.create_employee(
            actor(company_world, "company_admin"), username="newbie", password="x", email="bad", full_name="X"
        )


def test_deactivating_hides_certificates_and_restoring_brings_them_back(company_world):
    admin = actor(company_world, "company_admin")
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    company_api.set_employee_active(admin, "employee", False)
    assert certificates_api.verify(certificate.uuid).status == "hidden"
    assert company_api.employee_detail(admin, "employee").trainings[0].downloadable is False
    with pytest.raises(NotFound):
        certificates_api.download_pdf(certificate.uuid, admin)
    company_api.set_employee_active(admin, "employee", True)
    assert certificates_api.verify(certificate.uuid).valid is True
    with pytest.raises(NotFound):
        company_api.set_employee_active(actor(company_world, "other_company_admin"), "employee", False)


def _zip(admin, **filters):
    name, chunks = company_api.certificates_zip(admin, **filters)
    return name, zipfile.ZipFile(io.BytesIO(b"".join(chunks)))


def test_zip_holds_the_companys_pdfs_only(company_world):
    admin = actor(company_world, "company_admin")
    name, archive = _zip(admin)
    assert name == "Acme-Corp-certificates.zip"
    assert archive.namelist() == ["Employee/Feedback-Skills-Ete.pdf"]
    pdf = archive.read("Employee/Feedback-Skills-Ete.pdf")
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    assert certificates_api.verify_pdf_bytes(pdf) == {"authentic": True, "uuid": certificate.uuid, "valid": True}
    assert "Employee" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    _, other = _zip(actor(company_world, "other_company_admin"))
    assert other.namelist() == ["Other-Employee/Feedback-Skills-Ete.pdf"]


def test_zip_is_lazy_and_filters(company_world):
    admin = actor(company_world, "company_admin")
    _, chunks = company_api.certificates_zip(admin)
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    assert certificates_api.get_certificate(certificate.uuid).download_count == 0  # nothing read before streaming
    b"".join(chunks)
    assert certificates_api.get_certificate(certificate.uuid).download_count == 1
    _, empty = _zip(admin, course_key=company_world.other_course_key)
    assert empty.namelist() == []


def test_regenerate_uses_the_new_logo(company_world, django_capture_on_commit_callbacks):
    admin = actor(company_world, "company_admin")
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    old_sha = certificates_api.get_certificate(certificate.uuid).pdf_sha256
    accounts_api.set_company_logo(company_world.companies["acme"].id, good_png())
    with django_capture_on_commit_callbacks(execute=True):
        job = company_api.regenerate_certificates(admin)
    finished = jobs_api.get_job(job.id)
    assert (finished.status, finished.total, finished.done) == ("done", 1, 1)
    fresh = certificates_api.get_certificate(certificate.uuid)
    assert fresh.status == "downloadable"
    assert fresh.pdf_sha256 != old_sha
    with pytest.raises(Forbidden):
        company_api.regenerate_certificates(actor(company_world, "employee"))
