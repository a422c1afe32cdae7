"""A chunk of bulk issuing reads its own learners' certificates, never the course's, whatever the statistics say.

A course's first generation runs on statistics taken before it had certificates (autovacuum analyses the
table only some time after): planned from the course (``course_key = … AND user_id IN …``), the reads of
each chunk scanned every certificate issued so far, and issuing 100,000 learners grew with the square of
the course (P1). Counted in rows read from the certificate table (``pg_stat_xact_user_tables``), so the
test measures work, not time.
"""

import pytest

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from tests.instructor.conftest import activate, make_learners

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COURSE = "course-v1:LLP+STATS+2026"
LEARNERS = 3000
CHUNK = 50
TABLE = Certificate._meta.db_table


def _rows_read(connection) -> int:
    """Rows of the certificate table read so far in this transaction (sequential and index scans)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables"
            " WHERE relname = %s",
            [TABLE],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def most_of_the_course_issued(postgres) -> list[int]:
    """3,000 learners, all but the last chunk already decided; statistics from before the course had any."""
    courses_api.create_course(course_key=COURSE, title="Stale Statistics")
    activate(COURSE)
    user_ids = make_learners(COURSE, ["fail"] * LEARNERS)
    with postgres.cursor() as cursor:
        cursor.execute(f'ANALYZE "{TABLE}"')
    for start in range(0, LEARNERS - CHUNK, 500):
        certificates_api.issue_many(COURSE, user_ids[start : min(start + 500, LEARNERS - CHUNK)])
    assert Certificate.objects.count() == LEARNERS - CHUNK
    return user_ids


def test_the_last_chunk_reads_only_its_own_rows(postgres, most_of_the_course_issued):
    before = _rows_read(postgres)

    counts = certificates_api.issue_many(COURSE, most_of_the_course_issued[-CHUNK:])

    assert counts.notpassing == CHUNK
    # The rows it wrote, read back once for their history copy: never the 2,950 issued before.
    assert _rows_read(postgres) - before <= 2 * CHUNK


def test_a_chunk_already_decided_reads_only_its_own_rows(postgres, most_of_the_course_issued):
    before = _rows_read(postgres)

    counts = certificates_api.issue_many(COURSE, most_of_the_course_issued[:CHUNK])

    assert counts.notpassing == CHUNK  # re-decided, unchanged: nothing written
    assert _rows_read(postgres) - before <= 2 * CHUNK
