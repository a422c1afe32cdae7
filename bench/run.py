"""Run every benchmark of DESIGN.md §8 in turn and print its figures (``make bench``).

Each benchmark is its own script (run one alone with ``.venv/bin/python bench/<name>.py --help``).
PostgreSQL benchmarks use 127.0.0.1:5432 (user postgres) and create and drop their own databases.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# A target's outcome: OK or MISSED as a word of its own, at the end of the line or before more figures
# ("... (target >= 300) MISSED; mean latency ...").
OUTCOME = re.compile(r"\s(OK|MISSED)(?=$|[;:,])")
SCRIPTS = [
    ("P1 bulk issuing (PostgreSQL)", "bulk_issue.py"),
    ("P2 certificate PDFs", "render.py"),
    ("P2 bulk rendering with 2 workers", "bulk_render.py"),
    ("P3 Progress page", "progress_page.py"),
    ("P4 video progress handler (gunicorn + wrk)", "video_handler.py"),
    ("P5 progress report CSV, 100,000 learners (PostgreSQL)", "report_progress.py"),
    ("CAPA: hostile and worst-case learner expressions", "capa_expressions.py"),
    ("P6 lists at 100,000 certificates, company ZIP of 10,000 PDFs", "lists_at_scale.py"),
]


def _run(path: Path) -> tuple[int, list[tuple[str, str]]]:
    """Run one benchmark script, echoing its output; (exit code, (outcome, line) for each target's line)."""
    outcomes = []
    with subprocess.Popen(
        [sys.executable, str(path)], cwd=BENCH.parent, stdout=subprocess.PIPE, text=True, bufsize=1
    ) as process:
        for line in process.stdout:
            print(line, end="", flush=True)
            outcome = OUTCOME.search(line)
            if outcome:
                outcomes.append((outcome.group(1), line.rstrip()))
    return process.returncode, outcomes


def main() -> int:
    failures = 0
    outcomes: list[tuple[str, str, str]] = []
    for title, script in SCRIPTS:
        path = BENCH / script
        print(f"\n== {title}: bench/{script}", flush=True)
        if not path.exists():
            print("   (not written yet)")
            continue
        started = time.monotonic()
        returncode, lines = _run(path)
        failures += returncode != 0
        outcomes += [(script, outcome, line) for outcome, line in lines]
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    met = sum(outcome == "OK" for _, outcome, _ in outcomes)
    missed = len(outcomes) - met
    print(f"\n== Totals: {met} of {len(outcomes)} targets met, {missed} missed, {failures} script(s) failed")
    print(f"   load average {' '.join(f'{value:.2f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs")
    for script, outcome, line in outcomes:
        if outcome == "MISSED":
            print(f"   MISSED in bench/{script}: {' '.join(line.split())}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
