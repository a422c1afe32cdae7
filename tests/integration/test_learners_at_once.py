"""20 learners complete a reading at once on PostgreSQL: no 500, every action saved, every certificate issued.

The twin of tests/concurrency/test_sqlite_learners.py (the embedded default on a SQLite file).
"""

import pytest

from tests.concurrency import learners_at_once

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
LEARNERS = 20


def test_20_learners_complete_a_reading_at_once_on_postgresql(postgres, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # certificates render eagerly, in each learner's request
    summary = learners_at_once.run(LEARNERS)
    assert summary["errors"] == []
    assert summary["statuses"] == [200] * LEARNERS
    assert summary["completed_blocks"] == LEARNERS
    assert summary["completed_progress"] == LEARNERS
    assert summary["certificates"] == {"downloadable": LEARNERS}
