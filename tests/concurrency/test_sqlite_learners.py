"""The embedded default under load: 20 learners complete a reading at once on a SQLite FILE database.

No HTTP 500 ("database is locked"), every completion saved, every learner's progress refreshed and every
certificate issued (self-paced, activated course). A subprocess owns the file database, so this runs whatever
database the rest of the suite uses; the PostgreSQL twin is tests/integration/test_learners_at_once.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LEARNERS = 20


def test_20_learners_complete_a_reading_at_once_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'llp.sqlite3'}",
        "LLP_VAR_DIR": str(tmp_path / "var"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.concurrency.learners_at_once", str(LEARNERS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["errors"] == []
    assert summary["statuses"] == [200] * LEARNERS
    assert summary["completed_blocks"] == LEARNERS
    assert summary["completed_progress"] == LEARNERS
    assert summary["certificates"] == {"downloadable": LEARNERS}
