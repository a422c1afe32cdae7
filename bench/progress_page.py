"""P3 benchmark (DESIGN.md §8): the Progress page of a 200-block course.

    .venv/bin/python bench/progress_page.py [--blocks 200] [--requests 50]

Builds the course in a throw-away SQLite database (tables created from the models), signs a learner in with
the Django test client, and prints the median and p90 time of GET /courses/{key}/progress (target: median
<= 50 ms at 200 blocks) with the number of SQL queries per request.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_TMP = tempfile.TemporaryDirectory(prefix="llp-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

import django  # noqa: E402
from django.conf import settings  # noqa: E402


class _NoMigrations(dict):
    """Create tables straight from the models (as ``pytest --no-migrations``)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


settings.MIGRATION_MODULES = _NoMigrations()
settings.ALLOWED_HOSTS = ["*"]
settings.DEBUG = False
django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from llp_edx_plugin.courses import api as courses_api  # noqa: E402
from llp_edx_plugin.learning import api as learning_api  # noqa: E402
from tests.learning.builders import build_large_structure, page_client, set_grading_policy, set_state  # noqa: E402
from tests.people import make_user  # noqa: E402

COURSE = "course-v1:LLP+BENCH+2026"


def build(blocks: int):
    """A learner enrolled in a ``blocks``-leaf course, with about a third of the blocks done."""
    call_command("migrate", run_syncdb=True, verbosity=0)
    learner = make_user("bench_learner")
    courses_api.create_course(course_key=COURSE, title="Benchmark course", self_paced=True)
    set_grading_policy(
        COURSE,
        [{"type": "Homework", "short_label": "HW", "weight": 1.0, "min_count": 0, "drop_count": 1}],
        {"Pass": 0.5},
    )
    keys = build_large_structure(COURSE, blocks)
    courses_api.enroll(COURSE, learner.pk)
    leaves = [name for name in keys if name.startswith("L") and " B" in name]
    for index, name in enumerate(leaves[: len(leaves) // 3]):
        set_state(learner, keys[name], complete=index % 4 != 0, score=0.8, watched_ratio=0.5, attempts=1)
    return learner


def _median_ms(call, repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=200)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    # Keep one connection across requests, as a server with CONN_MAX_AGE does (and so queries can be counted).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    learner = build(args.blocks)
    client = page_client(learner)
    url = f"/courses/{COURSE}/progress"
    for _ in range(3):  # warm up: templates, URL resolver, caches
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # now: the next request resets the connection's query log
    times = []
    for _ in range(args.requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    times.sort()
    median = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    verdict = "OK" if median <= 50 else "MISSED"
    structure_ms = _median_ms(lambda: courses_api.get_structure(COURSE), args.requests)
    progress_ms = _median_ms(lambda: learning_api.get_progress(learner.pk, COURSE), args.requests)
    print(
        f"P3 Progress page, {args.blocks} blocks, {args.requests} requests: median {median:.1f} ms, "
        f"p90 {p90:.1f} ms, min {times[0]:.1f} ms, {query_count} queries/request (target median <= 50 ms): {verdict}"
    )
    print(
        f"   of which learning_api.get_progress: median {progress_ms:.1f} ms, "
        f"including courses_api.get_structure: median {structure_ms:.1f} ms"
    )


if __name__ == "__main__":
    main()
