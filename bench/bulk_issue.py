"""P1 benchmark (DESIGN.md §8): bulk issuing for 100,000 enrolled learners on PostgreSQL.

    .venv/bin/python bench/bulk_issue.py [--learners 100000] [--chunk 1000] [--scale 10]
    BENCH_SCALE=10 make bench      # the same, and the linearity check (--scale 10: 1,000,000 learners)

Creates (and drops afterwards) its own database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/llp_bench; tables straight from the models), enrolls the learners with
stored progress (half passing and complete), then times, in chunks of the job's size and in turn:
- a bare bulk insert of the same Certificate rows (``bulk_create``, no reads, no history) into a twin of the
  certificate table (same columns, constraints, indexes and foreign key), and
- the bulk issuing of the generation job (``issue_many``: stored progress, exceptions, invalidations,
  existing certificates and profiles read per chunk, eligibility decided, rows and history rows written),
without PDF rendering, walking the course in keyset pages as the job does. Taking turns chunk by chunk, both
run under the same machine load and on tables of the same size, which one after the other they did not
(the bare insert alone varied from 23 to 29 s between runs on a shared machine). Both tables start empty,
their size unknown to the planner (TRUNCATE, as on a fresh installation), and the course unknown to its
statistics (a first generation). Targets: issuing <= 60 s, and <= 1.5x the bare insert.

With ``--scale N`` (or ``BENCH_SCALE=N``), N-1 times as many learners are then added to the course and the
whole course issued again from scratch: target, N times the learners in <= N times the time (linear: no
query or memory that grows with the course). Too slow for a routine run at N=10.
"""

import argparse
import os
import statistics
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


def build(learners: int, first: int = 0) -> list[int]:
    """Enrolled learners with stored progress: half passing and complete, a quarter failed, the rest unfinished.

    ``first``: the index of the first learner (to add learners to a course already built).
    """
    from django.contrib.auth import get_user_model
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.accounts.models import Profile
    from llp_edx_plugin.courses import api as courses_api
    from llp_edx_plugin.courses.models import Course, Enrollment
    from llp_edx_plugin.learning.models import CourseProgress

    if not first:
        courses_api.create_course(course_key=COURSE, title="Leading at Scale")
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True)
    course = Course.objects.get(course_key=CourseKey.from_string(COURSE))
    key = course.course_key
    user_model = get_user_model()
    batch = 5000
    for start in range(first, first + learners, batch):
        users = user_model.objects.bulk_create(
            [user_model(username=f"u{i:07d}", email=f"u{i:07d}@example.com") for i in range(start, start + batch)][
                : first + learners - start
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

    settle()
    return sorted(courses_api.enrolled_user_ids(COURSE))


def clear_certificates() -> None:
    from django.db import connection

    from llp_edx_plugin.certificates.models import Certificate

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Certificate._meta.db_table}, {Certificate.history.model._meta.db_table} CASCADE")
        # Not analysed again: TRUNCATE leaves the tables' size unknown to the planner, as on a fresh installation
        # (analysed while empty, the planner would take them for empty whatever they hold).
        cursor.execute("CHECKPOINT")


def settle() -> None:
    """Statistics fresh and a checkpoint taken before the timed runs: they do not pay for the set-up's writes."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")


BARE_SCHEMA = "p1_bare"


def create_bare_table() -> None:
    """A twin of the certificate table (same columns, defaults, constraints, indexes and foreign key), empty.

    The bare insert writes there, chunk by chunk in turn with the bulk issuing: both run under the same
    machine load and as the same tables grow, so the ratio does not depend on which ran while the machine
    was busier.
    """
    from django.db import connection

    from llp_edx_plugin.certificates.models import Certificate

    table = connection.ops.quote_name(Certificate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {BARE_SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {BARE_SCHEMA}")
        cursor.execute(f"CREATE TABLE {BARE_SCHEMA}.{table} (LIKE public.{table} INCLUDING ALL)")
        cursor.execute(
            f"ALTER TABLE {BARE_SCHEMA}.{table} ADD FOREIGN KEY (user_id) REFERENCES public.auth_user (id)"
            " DEFERRABLE INITIALLY DEFERRED"
        )
        cursor.execute("CHECKPOINT")


def bare_chunk(user_ids: list[int]) -> float:
    """The chunk's rows (status, snapshot fields, grade) with a plain bulk_create: no reads, no history.

    Written to the twin table (``search_path`` for this transaction only). Returns wall seconds.
    """
    from django.db import connection, transaction
    from django.utils import timezone
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.certificates.models import Certificate

    start = time.perf_counter()
    key = CourseKey.from_string(COURSE)
    now = timezone.now()
    rows = []
    for user_id in user_ids:
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
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL search_path TO {BARE_SCHEMA}, public")
        Certificate.objects.bulk_create(rows, batch_size=1000)
    return time.perf_counter() - start


def issue_chunk(after: int, chunk: int) -> tuple[list[int], dict]:
    """What the generation job does per chunk, minus rendering: the next page of enrolled ids, ``issue_many``."""
    from django.db import transaction

    from llp_edx_plugin.certificates import api as certificates_api

    with transaction.atomic():
        ids = _next_ids(after, chunk)
        if not ids:
            return [], {}
        return ids, certificates_api.issue_many(COURSE, ids, reason="bench").as_dict()


def bulk_issue(
    chunk: int, *, with_bare: bool = False, chunk_walls: list | None = None
) -> tuple[float, float, float, dict]:
    """Bulk issuing of the whole course, chunk by chunk; with ``with_bare``, each chunk's bare insert in turn.

    The two take turns going first. Returns issuing's wall and CPU seconds, the bare inserts' wall seconds,
    and the counts; with ``chunk_walls`` (a list), each chunk's issuing wall seconds are appended to it.
    """
    totals = {"issued": 0, "notpassing": 0, "skipped": 0, "errors": 0}
    issuing = issuing_cpu = bare = 0.0
    after, turn = 0, 0
    while True:
        if with_bare and turn % 2:  # the bare insert goes first on odd turns (its ids read untimed)
            ids = _next_ids(after, chunk)
            if not ids:
                break
            bare += bare_chunk(ids)
        start, cpu_start = time.perf_counter(), time.process_time()
        ids, counts = issue_chunk(after, chunk)
        wall = time.perf_counter() - start
        issuing += wall
        issuing_cpu += time.process_time() - cpu_start
        if not ids:
            break
        if chunk_walls is not None:
            chunk_walls.append(wall)
        if with_bare and not turn % 2:
            bare += bare_chunk(ids)
        after, turn = ids[-1], turn + 1
        for name, value in counts.items():
            totals[name] += value
    return issuing, issuing_cpu, bare, totals


def _next_ids(after: int, chunk: int) -> list[int]:
    """The next page of the course's enrolled ids, as the generation job reads it."""
    from llp_edx_plugin.courses import api as courses_api

    return courses_api.enrolled_user_ids_after(COURSE, after, chunk)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=None, help="learners per chunk (default: the generation job's)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument(
        "--scale",
        type=int,
        default=int(os.environ.get("BENCH_SCALE", "1")),
        help="also issue to SCALE times the learners, to check the time grows linearly (env BENCH_SCALE)",
    )
    args = parser.parse_args()

    recreate_database(DATABASE_URL)
    try:
        setup_django()
        if args.chunk is None:
            from llp_edx_plugin.instructor.tasks import CHUNK_SIZE

            args.chunk = CHUNK_SIZE
        setup_start = time.perf_counter()
        user_ids = build(args.learners)
        print(f"setup: {len(user_ids)} enrolled learners in {time.perf_counter() - setup_start:.1f} s")

        create_bare_table()
        clear_certificates()  # both tables empty, their size unknown to the planner
        issuing, issuing_cpu, bare, totals = bulk_issue(args.chunk, with_bare=True)

        from llp_edx_plugin.certificates.models import Certificate

        history = Certificate.history.count()
        ratio = issuing / bare
        rows = [
            ("bare bulk insert of the same rows (chunk by chunk, in turn)", f"{bare:.1f} s", ""),
            (
                f"bulk issuing ({args.learners} learners, chunks of {args.chunk})",
                f"{issuing:.1f} s",
                "<= 60 s " + ("OK" if issuing <= 60 else "MISSED"),
            ),
            ("  ratio issuing / bare insert", f"{ratio:.2f}x", "<= 1.5x " + ("OK" if ratio <= 1.5 else "MISSED")),
            ("  rate", f"{args.learners / issuing:.0f} learners/s", ""),
            ("  CPU time of this process (the database's is apart)", f"{issuing_cpu:.1f} s", ""),
            ("  counts", ", ".join(f"{k} {v}" for k, v in totals.items()), ""),
            ("  history rows written", str(history), ""),
        ]
        print(f"P1 bulk issuing on PostgreSQL (load average {_load()})")
        for name, value, target in rows:
            print(f"  {name:<58} {value:>24}  {target}", flush=True)
        if args.scale > 1:
            # Like against like: the issuing of the first learners alone, as the larger course's will be (taking
            # turns with the bare insert made each chunk about 10% cheaper in CPU on this machine).
            clear_certificates()
            issuing, issuing_cpu, _, _ = bulk_issue(args.chunk)
            print(f"  (adding {args.learners * (args.scale - 1)} learners for the linearity check)", flush=True)
            build(args.learners * (args.scale - 1), first=args.learners)
            clear_certificates()
            walls: list[float] = []
            scaled, scaled_cpu, _, scaled_totals = bulk_issue(args.chunk, chunk_walls=walls)
            growth = scaled / issuing
            tenth = max(1, len(walls) // 10)
            first_ms, last_ms = (statistics.median(part) * 1000 for part in (walls[:tenth], walls[-tenth:]))
            rows = [
                (f"bulk issuing ({args.learners} learners, alone)", f"{issuing:.1f} s", ""),
                (f"bulk issuing ({args.learners * args.scale} learners)", f"{scaled:.1f} s", ""),
                (
                    f"  time / time for {args.learners}",
                    f"{growth:.2f}x",
                    f"<= {args.scale}x " + ("OK" if growth <= args.scale else "MISSED"),
                ),
                ("  CPU time of this process", f"{scaled_cpu:.1f} s ({scaled_cpu / issuing_cpu:.2f}x)", ""),
                (
                    "  median chunk, first tenth / last tenth of the course",
                    f"{first_ms:.0f} / {last_ms:.0f} ms",
                    "",
                ),
                ("  counts", ", ".join(f"{k} {v}" for k, v in scaled_totals.items()), ""),
            ]
            print(f"P1 linearity (load average {_load()})")
            for name, value, target in rows:
                print(f"  {name:<58} {value:>24}  {target}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(DATABASE_URL)


if __name__ == "__main__":
    main()
