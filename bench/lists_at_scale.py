"""P6 benchmark (DESIGN.md §8): lists at 100,000 certificates in a course, and the company ZIP of 10,000 PDFs.

    .venv/bin/python bench/lists_at_scale.py [--certificates 100000] [--employees 10000] [--requests 15]

Seeds a course whose every learner holds a certificate (rows written with bulk_create: seeding is not
measured), ``--employees`` of them employees of one company with a stored PDF each. Then, signed in with the
Django test client, prints the median time and the queries of: the Instructor Dashboard (Certificates tab), a
page of 50 of the course's certificate list API, the Company Admin's page and ``GET /api/v1/company/employees``
(target: median <= 200 ms each, queries independent of the counts). Last, in a fresh process, streams the
company ZIP and prints its peak RSS (target <= 200 MB).

The database is a throw-away SQLite file, or PostgreSQL when DATABASE_URL says so (a database named
``llp_bench_p6`` is created and dropped on that server).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COURSE = "course-v1:BENCH+P6+2026"
TARGET_MS = 200
TARGET_RSS_MB = 200


def _configure(tmp: str) -> None:
    """Settings for the run (called in both processes, before ``django.setup``)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base = url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0]
        os.environ["DATABASE_URL"] = f"{base}/llp_bench_p6"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
    import django
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.MEDIA_ROOT = Path(tmp) / "media"
    django.setup()


def _recreate_postgres(drop_only: bool = False) -> None:
    import psycopg

    url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def _pdf_bytes(index: int) -> bytes:
    """A small valid PDF, different for each certificate (about 3 KB)."""
    body = f"BT /F1 12 Tf 72 720 Td (Certificate {index}) Tj ET".encode() + b" " * 3000
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj "
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def seed(certificates: int, employees: int) -> None:
    """The course, its learners and their certificates, one company of ``employees`` of them with PDFs."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.accounts import api as accounts_api
    from llp_edx_plugin.courses import api as courses_api
    from llp_edx_plugin.models import Certificate, Course, Enrollment, Profile
    from tests.people import make_user

    call_command("migrate", verbosity=0)
    courses_api.create_course(course_key=COURSE, title="Bench course", self_paced=True)
    courses_api.set_certificates_active(COURSE, True)
    company = accounts_api.create_company(name="Bench Co")
    make_user("bench_instructor")
    accounts_api.set_course_role(COURSE, "bench_instructor", "instructor")
    make_user("bench_admin", "company_admin", company.id)
    course = Course.objects.get(course_key=CourseKey.from_string(COURSE))
    key = course.course_key
    password = make_password("x-bench-pass-1")
    now = timezone.now()
    pdf_dir = Path(settings.MEDIA_ROOT) / "certificates" / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    batch = 5000
    for start in range(0, certificates, batch):
        numbers = range(start, min(start + batch, certificates))
        user_model = get_user_model()
        users = user_model.objects.bulk_create(
            [user_model(username=f"learner{n:06d}", email=f"l{n}@example.com", password=password) for n in numbers]
        )
        if users[0].pk is None:  # SQLite before 3.35 gives no ids back
            users = list(get_user_model().objects.filter(username__in=[u.username for u in users]).order_by("pk"))
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    full_name=f"Learner {n:06d}",
                    account_type="employee" if n < employees else "individual",
                    company_id=company.id if n < employees else None,
                )
                for n, user in zip(numbers, users, strict=True)
            ]
        )
        Enrollment.objects.bulk_create([Enrollment(user=user, course=course) for user in users])
        rows = []
        for n, user in zip(numbers, users, strict=True):
            pdf = ""
            if n < employees:
                pdf = f"certificates/pdf/bench-{n:06d}.pdf"
                (Path(settings.MEDIA_ROOT) / pdf).write_bytes(_pdf_bytes(n))
            rows.append(
                Certificate(
                    user=user,
                    course_key=key,
                    status="downloadable",
                    grade="0.9",
                    name=f"Learner {n:06d}",
                    course_title="Bench course",
                    template="built-in",
                    issued_at=now,
                    pdf=pdf,
                    company_name="Bench Co" if n < employees else "",
                )
            )
        Certificate.objects.bulk_create(rows)
    from django.db import connection

    if connection.vendor == "postgresql":  # as autovacuum would after a bulk load: the planner needs statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _measure(client, url: str, repeat: int) -> tuple[float, float, int, int]:
    """``(median ms, median CPU ms, queries of one request, status)``. The CPU time (SQLite runs in this
    process) says what the request costs when other work shares the machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = sum(1 for q in captured if q["sql"].split()[0].upper() not in {"BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"})
    return statistics.median(times), statistics.median(cpu), queries, response.status_code


def lists(repeat: int) -> list[tuple[str, bool]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from llp_edx_plugin import links

    results = []
    team = Client()
    team.force_login(get_user_model().objects.get(username="bench_instructor"))
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="bench_admin"))
    checks = [
        ("Instructor Dashboard page", team, links.url("instructor-dashboard", course_key=COURSE)),
        (
            "course certificate list API (page of 50)",
            team,
            links.url("api_v1:course-certificates", course_key=COURSE) + "?page_size=50",
        ),
        ("Company Admin page (employee list)", admin, links.url("company-home")),
        ("GET /api/v1/company/employees", admin, links.url("api_v1:company-employees")),
    ]
    for title, client, url in checks:
        median, cpu, queries, status = _measure(client, url, repeat)
        ok = median <= TARGET_MS and status == 200
        results.append((title, ok))
        print(
            f"P6 {title}: median {median:.0f} ms (target <= {TARGET_MS} ms) {'OK' if ok else 'MISSED'}; "
            f"CPU {cpu:.0f} ms; {queries} queries (constant: asserted by the tests); HTTP {status}",
            flush=True,
        )
    return results


def zip_child(tmp: str) -> None:
    """In a fresh process: stream the company ZIP through the view, print entries, bytes and peak RSS."""
    _configure(tmp)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from llp_edx_plugin import links

    admin = Client()
    admin.force_login(get_user_model().objects.get(username="bench_admin"))
    start = time.perf_counter()
    response = admin.get(links.url("company-certificates-zip"))
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{response.status_code} {size} {elapsed:.1f} {peak:.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--keep", metavar="DIR", help="keep the SQLite database and PDFs in DIR; reuse them if there")
    parser.add_argument("--zip-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.zip_child:
        zip_child(args.zip_child)
        return 0
    with tempfile.TemporaryDirectory(prefix="llp-bench-p6-") as tmp:
        tmp = args.keep or tmp
        reuse = bool(args.keep) and (Path(tmp) / "bench.sqlite3").exists()
        _configure(tmp)
        postgres = os.environ["DATABASE_URL"].startswith("postgres")
        if postgres:
            _recreate_postgres()
        try:
            started = time.perf_counter()
            if not reuse:
                seed(args.certificates, args.employees)
            engine = "PostgreSQL" if postgres else "SQLite file"
            print(
                f"P6 {'reused' if reuse else 'seeded'} {args.certificates:,} certificates ({args.employees:,} "
                f"employees with PDFs) in {time.perf_counter() - started:.0f} s on {engine}; load average "
                + ", ".join(f"{x:.2f}" for x in os.getloadavg()),
                flush=True,
            )
            results = lists(args.requests)
            from django.db import connections

            connections.close_all()
            out = subprocess.run(
                [sys.executable, __file__, "--zip-child", tmp],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]},
            )
            if out.returncode != 0:
                print(out.stderr[-3000:])
                results.append(("ZIP", False))
            else:
                status, size, elapsed, peak = out.stdout.split()[-4:]
                ok = status == "200" and float(peak) <= TARGET_RSS_MB
                results.append(("ZIP", ok))
                print(
                    f"P6 company ZIP of {args.employees:,} PDFs: peak RSS {peak} MB (target <= {TARGET_RSS_MB} MB) "
                    f"{'OK' if ok else 'MISSED'}; {int(size) / 1e6:.1f} MB streamed in {elapsed} s; HTTP {status}"
                )
        finally:
            if postgres:
                from django.db import connections

                connections.close_all()
                _recreate_postgres(drop_only=True)
    print(f"P6 load average after the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
