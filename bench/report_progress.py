"""P5 benchmark (DESIGN.md §8): the progress report CSV of a training with 100,000 learners, on PostgreSQL.

    .venv/bin/python bench/report_progress.py [--learners 100000]

Creates (and drops afterwards) its own database, enrolls the learners with stored progress and a
certificate for half of them (a quarter downloaded by their holder), then runs the report as its job does
(rows read chunk by chunk through the domains' APIs and written to storage as they come) and prints the
wall time and the process's peak memory beside the targets: <= 30 s and peak RSS <= 200 MB.
"""

import argparse
import os
import resource
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llp_bench_p5")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")

from bulk_issue import COURSE, build, drop_database, recreate_database, setup_django  # noqa: E402

TARGET_SECONDS = 30.0
TARGET_RSS_MB = 200.0


def add_certificates(user_ids: list[int]) -> None:
    """Half of the learners hold a certificate; half of those were downloaded by their holder."""
    from django.utils import timezone
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.certificates.models import Certificate

    now, key = timezone.now(), CourseKey.from_string(COURSE)
    rows = [
        Certificate(
            user_id=user_id,
            course_key=key,
            verify_uuid=uuid.uuid4(),
            status="downloadable",
            grade="0.85",
            issued_at=now,
            first_downloaded_at=now if index % 4 == 0 else None,
        )
        for index, user_id in enumerate(user_ids)
        if index % 2 == 0
    ]
    Certificate.objects.bulk_create(rows, batch_size=5000)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=100_000)
    arguments = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    recreate_database(url)
    try:
        setup_django()
        user_ids = build(arguments.learners)
        add_certificates(user_ids)
        from llp_edx_plugin.reports import rows, storage

        before = peak_rss_mb()
        started = time.perf_counter()
        header, total, produced = rows.progress_report(COURSE)
        path, count = storage.save_csv(header, produced)
        seconds = time.perf_counter() - started
        peak = peak_rss_mb()
        assert count == total == arguments.learners, (count, total)
        from django.core.files.storage import default_storage

        size_mb = default_storage.size(path) / 1e6
        default_storage.delete(path)
        print(f"   learners: {arguments.learners:,}; CSV {size_mb:.1f} MB; memory before the report {before:.0f} MB")
        print(
            f"   P5 time:      {seconds:6.1f} s    target <= {TARGET_SECONDS:.0f} s    "
            f"{'OK' if seconds <= TARGET_SECONDS else 'MISSED'}"
        )
        print(
            f"   P5 peak RSS:  {peak:6.0f} MB   target <= {TARGET_RSS_MB:.0f} MB   "
            f"{'OK' if peak <= TARGET_RSS_MB else 'MISSED'}"
        )
        return 0 if seconds <= TARGET_SECONDS and peak <= TARGET_RSS_MB else 1
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(url)


if __name__ == "__main__":
    sys.exit(main())
