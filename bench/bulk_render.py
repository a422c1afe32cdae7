"""P2 (bulk part, end to end): rendering issued certificates with 2 worker processes vs naive WeasyPrint.

    .venv/bin/python bench/bulk_render.py [--certificates 1000] [--batch 20]

bench/render.py measures the renderer alone (``Pool(2)`` x ``render_batch``). This one measures what the
generation job's render batches really do, on PostgreSQL: two processes each call
``certificates.api.render_many`` in a loop (rows taken with SKIP LOCKED, rendered as one batch, PDFs
saved to storage with their sha256, rows and history updated) until no certificate is left, against the
naive one-process ``weasyprint.HTML(string=...).write_pdf()`` rate of bench/render.py (measured before and
after, averaged). Target >= 80 certificates/s (DESIGN.md §8 P2), also given from the workers' process CPU
time (what two idle cores would do; less sensitive to other work on a shared machine). Uses its own
database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/llp_bench_render), created and dropped here.
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llp_bench_render")

from bench import bulk_issue  # noqa: E402  (database helpers; reads DATABASE_URL)
from bench.render import content, naive_html, naive_rate  # noqa: E402  (sets Django up)


def _use_media(media_root: str) -> None:
    from django.conf import settings

    settings.MEDIA_ROOT = media_root


def _warm_worker(media_root: str) -> None:
    from llp_edx_plugin.certificates.rendering import render_batch

    _use_media(media_root)
    render_batch([content(0), content(1)])  # imports, fonts and parsed CSS ready before the clock starts


def _drain(batch: int) -> tuple[int, float]:
    """Render this course's waiting certificates until none is left; (how many, CPU seconds)."""
    from llp_edx_plugin.certificates import api as certificates_api

    cpu_start, rendered = time.process_time(), 0
    while True:
        outcome = certificates_api.render_many(bulk_issue.COURSE, limit=batch)
        rendered += outcome.rendered + outcome.errors
        if not (outcome.rendered or outcome.errors) and certificates_api.pending_count(bulk_issue.COURSE) == 0:
            return rendered, time.process_time() - cpu_start
        if not (outcome.rendered or outcome.errors):
            time.sleep(0.05)  # the other process holds the last rows


def _ready(_: int) -> int:
    return os.getpid()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 1,000: 50 batches shared by the 2 workers (with 200, a 6 + 4 split timed the slower worker, not the rate).
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()

    bulk_issue.recreate_database(bulk_issue.DATABASE_URL)
    media = tempfile.TemporaryDirectory(prefix="llp-bench-media-")
    try:
        from django.conf import settings
        from django.core.management import call_command

        settings.MIGRATION_MODULES = bulk_issue._NoMigrations()
        call_command("migrate", run_syncdb=True, verbosity=0)
        _use_media(media.name)
        from llp_edx_plugin.certificates import api as certificates_api

        user_ids = bulk_issue.build(args.certificates * 2)  # half of them pass
        certificates_api.issue_many(bulk_issue.COURSE, user_ids)
        waiting = certificates_api.pending_count(bulk_issue.COURSE)
        from django.db import connections

        connections.close_all()  # the children open their own

        naive_htmls = [naive_html(content(index)) for index in range(max(10, args.certificates // 5))]
        naive_before = naive_rate(naive_htmls)
        spawn = multiprocessing.get_context("spawn")
        with spawn.Pool(2, initializer=_warm_worker, initargs=(media.name,)) as pool:
            pool.map(_ready, [0, 1], chunksize=1)
            start = time.perf_counter()
            results = pool.map(_drain, [args.batch, args.batch], chunksize=1)
            elapsed = time.perf_counter() - start
        naive_after = naive_rate(naive_htmls)

        rendered = sum(count for count, _ in results)
        bulk_rate = rendered / elapsed
        one_process = (naive_before[0] + naive_after[0]) / 2
        naive_cpu = (naive_before[1] + naive_after[1]) / 2
        bulk_cpu = sum(cpu for _, cpu in results) / max(rendered, 1)
        done = certificates_api.status_counts(bulk_issue.COURSE)
        rows = [
            ("certificates waiting", str(waiting), ""),
            ("rendered (per process)", " + ".join(str(count) for count, _ in results), ""),
            ("statuses after", ", ".join(f"{k} {v}" for k, v in sorted(done.items())), ""),
            ("naive rate, 1 process", f"{one_process:.1f} cert/s", ""),
            (
                f"render_many x 2 processes (batch {args.batch})",
                f"{bulk_rate:.1f} cert/s",
                ">= 80/s " + ("OK" if bulk_rate >= 80 else "MISSED"),
            ),
            ("  ratio bulk / naive", f"{bulk_rate / one_process:.2f}x", ""),
            ("  CPU per certificate in render_many (process time)", f"{bulk_cpu * 1000:.1f} ms", ""),
            (
                "  rate on 2 idle cores, from CPU time",
                f"{2 / bulk_cpu:.1f} cert/s",
                ">= 80/s " + ("OK" if 2 / bulk_cpu >= 80 else "MISSED"),
            ),
            ("  same ratio from CPU time (2 idle cores)", f"{(2 / bulk_cpu) / (1 / naive_cpu):.2f}x", ""),
        ]
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"P2 bulk rendering end to end on PostgreSQL (load average {load})")
        for name, value, target in rows:
            print(f"  {name:<52} {value:>22}  {target}")
    finally:
        from django.db import connections

        connections.close_all()
        bulk_issue.drop_database(bulk_issue.DATABASE_URL)
        media.cleanup()


if __name__ == "__main__":
    main()
