"""The company's lists at scale (DESIGN.md §8 P6): the same queries whatever the number of employees, the
summary counted in SQL, and a ZIP that reads certificates and PDFs only as the stream reaches them."""

import io
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey
from rest_framework.test import APIClient

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.company import api as company_api
from llp_edx_plugin.company import archive
from llp_edx_plugin.models import Certificate, Course, CourseProgress, Enrollment, Profile
from tests.certificates.conftest import CERT_COURSE

pytestmark = pytest.mark.django_db
LOCAL_HEADER = b"PK\x03\x04"


def crowd(world, count: int, start: int = 0) -> list:
    """``count`` more Acme employees enrolled in CERT_COURSE, each with a downloadable certificate and its PDF
    (rows in bulk, as tests/rest/lists.py: the issuing pipeline is not what these tests are about)."""
    User = get_user_model()
    acme = world.companies["acme"]
    names = [f"crowd{n:04d}" for n in range(start, start + count)]
    User.objects.bulk_create([User(username=name, email=f"{name}@example.com") for name in names])
    users = list(User.objects.filter(username__in=names).order_by("username"))
    Profile.objects.bulk_create(
        [Profile(user=u, full_name=u.username.title(), account_type="employee", company_id=acme.id) for u in users]
    )
    key = CourseKey.from_string(CERT_COURSE)
    Enrollment.objects.bulk_create([Enrollment(user=u, course=Course.objects.get(course_key=key)) for u in users])
    folder = settings.MEDIA_ROOT / "certificates" / "crowd"
    folder.mkdir(parents=True, exist_ok=True)
    for user in users:
        (folder / f"{user.username}.pdf").write_bytes(b"%PDF-1.4 " + user.username.encode() + b" %%EOF")
    Certificate.objects.bulk_create(
        [
            Certificate(
                user=u,
                course_key=key,
                status="downloadable",
                name=u.username.title(),
                course_title="Feedback Skills",
                issued_at=timezone.now(),
                pdf=f"certificates/crowd/{u.username}.pdf",
            )
            for u in users
        ]
    )
    return users


def admin(world):
    return accounts_api.get_actor(world.users["company_admin"])


def queries(call) -> list[str]:
    call()  # warm: the first call of a test fills per-process caches (content types, ...)
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured if not q["sql"].upper().startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))]


def test_the_company_page_makes_the_same_queries_at_3_and_30_more_employees(company_world):
    browser = Client()
    browser.force_login(company_world.users["company_admin"])
    crowd(company_world, 3)
    few = queries(lambda: browser.get("/company"))
    crowd(company_world, 27, start=3)
    many = queries(lambda: browser.get("/company"))
    assert len(many) == len(few)
    html = browser.get("/company?search=crowd0029").content.decode()
    assert 'value="crowd0029"' in html  # the assign form lists the employees the page shows


def test_the_employee_api_makes_the_same_queries_at_3_and_30_more_employees(company_world):
    api = APIClient()
    api.force_authenticate(company_world.users["company_admin"])
    crowd(company_world, 3)
    few = queries(lambda: api.get("/api/v1/company/employees"))
    crowd(company_world, 27, start=3)
    many = queries(lambda: api.get("/api/v1/company/employees"))
    assert len(many) == len(few)
    assert api.get("/api/v1/company/employees")["X-Total-Count"] == "33"


def _summary_by_hand(world):
    """The summary as the employee list shows it, one training at a time (the reference for the SQL counts)."""
    page = company_api.list_employees(admin(world), page_size=500)
    trainings = [t for e in page.employees if e.is_active for t in e.trainings]
    issued = [t for t in trainings if t.certificate_status == "downloadable"]
    return (
        sum(1 for e in page.employees if e.is_active),
        sum(1 for t in trainings if not t.completed),
        len(issued),
        sum(1 for t in issued if not t.first_downloaded),
    )


def test_the_summary_counts_in_sql_what_the_list_shows(company_world):
    users = crowd(company_world, 12)
    key = CourseKey.from_string(CERT_COURSE)
    Certificate.objects.filter(user__in=users[:3]).update(first_downloaded_at=timezone.now())  # collected
    Certificate.objects.filter(user__in=users[3:5]).update(status="notpassing")
    Enrollment.objects.filter(user__in=users[5:7]).update(is_active=False)  # their certificates do not count
    get_user_model().objects.filter(pk__in=[u.pk for u in users[7:9]]).update(is_active=False)
    CourseProgress.objects.bulk_create([CourseProgress(user=u, course_key=key, completed=True) for u in users[:10]])
    before = queries(lambda: company_api.summary(admin(company_world)))
    summary = company_api.summary(admin(company_world))
    got = (
        summary.employees,
        summary.trainings_in_progress,
        summary.certificates_issued,
        summary.certificates_to_collect,
    )
    assert got == _summary_by_hand(company_world)
    assert got == (3 + 10, 2 + 2, 1 + 6, 1 + 3)  # world: employee, erin, otto; crowd: 12 minus 2 deactivated
    acme = accounts_api.get_company(company_world.companies["acme"].id)
    _, in_zip, _ = archive.certificate_archive(admin(company_world), acme)
    assert summary.certificates_in_zip == in_zip == 1 + 8  # inactive enrollments' certificates are in the ZIP
    crowd(company_world, 20, start=12)
    assert len(queries(lambda: company_api.summary(admin(company_world)))) == len(before)


def test_certificate_pages_read_one_page_at_a_time_in_the_list_order(company_world):
    crowd(company_world, 30)
    employees = accounts_api.company_employee_ids(company_world.companies["acme"].id, active=True)
    everyone = certificates_api.certificates_for_users(
        [p.user_id for p in accounts_api.company_employees(company_world.companies["acme"].id, limit=None)[1]]
    )
    pages = certificates_api.certificate_pages_for_users(employees, page_size=7)
    seen, sizes = [], []
    while True:
        with CaptureQueriesContext(connection) as captured:
            page = next(pages, None)
        if page is None:
            break
        assert len(captured) == 1  # one query per page, when that page is asked for
        sizes.append(len(page))
        seen.extend(page)
    assert sizes == [7, 7, 7, 7, 3]  # 30 and the world's certified employee, Globex's apart
    assert [c.uuid for c in seen] == [c.uuid for c in everyone]
    assert certificates_api.count_certificates_for_users(employees) == len(everyone)


def test_the_zip_reads_each_pdf_and_each_page_of_rows_only_when_the_stream_reaches_it(company_world, monkeypatch):
    monkeypatch.setattr(archive, "PAGE_SIZE", 7)
    crowd(company_world, 30)
    with CaptureQueriesContext(connection) as captured:
        _, chunks = company_api.certificates_zip(admin(company_world))
        assert not [q for q in captured if "LIMIT 7" in q["sql"]]  # no row read before streaming
        assert Certificate.objects.filter(download_count__gt=0).count() == 0  # nor any PDF
        received = b""
        for chunk in chunks:
            received += chunk
            entries = received.count(LOCAL_HEADER)
            pages = sum(1 for q in captured if "LIMIT 7" in q["sql"])
            assert pages <= entries // 7 + 1  # never a page of rows ahead of the stream
            counted = Certificate.objects.filter(download_count__gt=0).count()
            assert counted <= entries  # never a PDF ahead of the stream
    zipped = zipfile.ZipFile(io.BytesIO(received))
    assert len(zipped.namelist()) == 31  # the world's certified employee and the crowd
    assert Certificate.objects.filter(download_count=1).count() == 31
    assert zipped.read("Crowd0007/Feedback-Skills.pdf") == b"%PDF-1.4 crowd0007 %%EOF"
