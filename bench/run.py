"""Run every benchmark of DESIGN.md §8 in turn and print its figures (``make bench``).

Each benchmark is its own script (run one alone with ``.venv/bin/python bench/<name>.py --help``).
PostgreSQL benchmarks use 127.0.0.1:5432 (user postgres) and create and drop their own databases.
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = [
    ("P1 bulk issuing (PostgreSQL)", "bulk_issue.py"),
    ("P2 certificate PDFs", "render.py"),
    ("P2 bulk rendering with 2 workers", "bulk_render.py"),
    ("P3 Progress page", "progress_page.py"),
    ("P4 video progress handler (gunicorn + wrk)", "video_handler.py"),
    ("P5 progress report CSV, 100,000 learners (PostgreSQL)", "report_progress.py"),
    ("P6 lists at 100,000 certificates, company ZIP of 10,000 PDFs", "lists_at_scale.py"),
]


def main() -> int:
    failures = 0
    for title, script in SCRIPTS:
        path = BENCH / script
        print(f"\n== {title}: bench/{script}", flush=True)
        if not path.exists():
            print("   (not written yet)")
            continue
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(path)], cwd=BENCH.parent, check=False)
        failures += result.returncode != 0
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
