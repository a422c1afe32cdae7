"""P1 benchmark (DESIGN.md §8): bulk issuing for 100,000 enrolled learners on PostgreSQL.

    .venv/bin/python bench/bulk_issue.py [--learners 100000] [--chunk 500]

Creates (and drops afterwards) its own database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/llp_bench; tables straight from the models), enrolls the learners with
stored progress (half passing and complete), then times, in chunks of the job's size:
- a bare bulk insert of the same Certificate rows (``bulk_create``, no reads, no history), and
- the bulk issuing of the generation job (``issue_many``: stored progress, exceptions, invalidations,
  existing certificates and profiles read per chunk, eligibility decided, rows and history rows written),
without PDF rendering. Targets: issuing <= 60 s, and <= 3x the bare insert.
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llp_bench")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

import psycopg  # noqa: E402


def _admin_url(url: str) -> tuple[str, str]:
    parts = urlparse(url)
    return urlunparse(parts._replace(path="/postgres")), parts.path.lstrip("/")


def recreate_database(url: str) -> None:
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _NoMigrations(dict):
    """Create tables straight from the models (as ``pytest --no-migrations``)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def setup_django() -> None:
    import django
    from django.conf import settings

    settings.MIGRATION_MODULES = _NoMigrations()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


COURSE = "course-v1:LLP+P1BENCH+2026"


def build(learners: int) -> list[int]:
    """Enrolled learners with stored progress: half passing and complete, a quarter failed, the rest unfinished."""
    from django.contrib.auth import get_user_model
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.accounts.models import Profile
    from llp_edx_plugin.courses import api as courses_api
    from llp_edx_plugin.courses.models import Course, Enrollment
    from llp_edx_plugin.learning.models import CourseProgress

    courses_api.create_course(course_key=COURSE, title="Leading at Scale")
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True)
    course = Course.objects.get(course_key=CourseKey.from_string(COURSE))
    key = course.course_key
    user_model = get_user_model()
    batch = 5000
    for start in range(0, learners, batch):
        users = user_model.objects.bulk_create(
            [user_model(username=f"u{i:07d}", email=f"u{i:07d}@example.com") for i in range(start, start + batch)][
                : learners - start
            ]
        )
        Profile.objects.bulk_create([Profile(user=u, full_name=f"Learner {u.pk}") for u in users])
        Enrollment.objects.bulk_create([Enrollment(user=u, course=course) for u in users])
        CourseProgress.objects.bulk_create(
            [
                CourseProgress(
                    user=u,
                    course_key=key,
                    complete_count=10 if u.pk % 4 != 3 else 5,
                    total_count=10,
                    grade_percent=0.85 if u.pk % 4 < 2 else 0.3,
                    passed=u.pk % 4 < 2,
                    completed=u.pk % 4 != 3,
                )
                for u in users
            ]
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return sorted(courses_api.enrolled_user_ids(COURSE))


def clear_certificates() -> None:
    from django.db import connection

    from llp_edx_plugin.certificates.models import Certificate

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Certificate._meta.db_table}, {Certificate.history.model._meta.db_table} CASCADE")
        cursor.execute("VACUUM ANALYZE")


def bare_insert(user_ids: list[int], chunk: int) -> float:
    """The same rows (status, snapshot fields, grade) with a plain bulk_create per chunk: no reads, no history."""
    from django.db import transaction
    from django.utils import timezone
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.certificates.models import Certificate

    key = CourseKey.from_string(COURSE)
    start = time.perf_counter()
    for offset in range(0, len(user_ids), chunk):
        now = timezone.now()
        rows = []
        for user_id in user_ids[offset : offset + chunk]:
            passing = user_id % 4 < 2
            rows.append(
                Certificate(
                    user_id=user_id,
                    course_key=key,
                    verify_uuid=uuid.uuid4(),
                    status="generating" if passing else "notpassing",
                    grade="0.85" if passing else "0.30",
                    name=f"Learner {user_id}",
                    course_title="Leading at Scale",
                    template="classic" if passing else "",
                    language="en",
                    issued_at=now if passing else None,
                    modified=now,
                )
            )
        with transaction.atomic():
            Certificate.objects.bulk_create(rows, batch_size=1000)
    return time.perf_counter() - start


def bulk_issue(user_ids: list[int], chunk: int) -> tuple[float, dict]:
    """What the generation job does per chunk, minus rendering: enrolled ids, then ``issue_many`` per chunk."""
    from django.db import transaction

    from llp_edx_plugin.certificates import api as certificates_api
    from llp_edx_plugin.courses import api as courses_api

    totals = {"issued": 0, "notpassing": 0, "skipped": 0, "errors": 0}
    start = time.perf_counter()
    ids = sorted(courses_api.enrolled_user_ids(COURSE))
    for offset in range(0, len(ids), chunk):
        with transaction.atomic():
            counts = certificates_api.issue_many(COURSE, ids[offset : offset + chunk], reason="bench")
        for name, value in counts.as_dict().items():
            totals[name] += value
    return time.perf_counter() - start, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    recreate_database(DATABASE_URL)
    try:
        setup_django()
        setup_start = time.perf_counter()
        user_ids = build(args.learners)
        print(f"setup: {len(user_ids)} enrolled learners in {time.perf_counter() - setup_start:.1f} s")

        bare = bare_insert(user_ids, args.chunk)
        clear_certificates()
        issuing, totals = bulk_issue(user_ids, args.chunk)

        from llp_edx_plugin.certificates.models import Certificate

        history = Certificate.history.count()
        ratio = issuing / bare
        rows = [
            ("bare bulk insert of the same rows", f"{bare:.1f} s", ""),
            (
                f"bulk issuing ({args.learners} learners, chunks of {args.chunk})",
                f"{issuing:.1f} s",
                "<= 60 s " + ("OK" if issuing <= 60 else "MISSED"),
            ),
            ("  ratio issuing / bare insert", f"{ratio:.2f}x", "<= 3x " + ("OK" if ratio <= 3 else "MISSED")),
            ("  rate", f"{args.learners / issuing:.0f} learners/s", ""),
            ("  counts", ", ".join(f"{k} {v}" for k, v in totals.items()), ""),
            ("  history rows written", str(history), ""),
        ]
        print(f"P1 bulk issuing on PostgreSQL (load average {os.getloadavg()[0]:.1f})")
        for name, value, target in rows:
            print(f"  {name:<58} {value:>24}  {target}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(DATABASE_URL)


if __name__ == "__main__":
    main()
