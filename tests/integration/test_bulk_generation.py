"""Bulk certificate generation through REAL Celery workers (Redis broker, PostgreSQL test database).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/llp pytest --no-migrations tests/integration
(the broker here hands a task running over 2 s to another worker too: attempts then share the chunks).
"""

import pytest
from django.db.models import Count

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.instructor import api as instructor_api
from llp_edx_plugin.jobs import api as jobs_api
from tests.instructor.conftest import activate, make_learners

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

COURSE = "course-v1:LLP+BULK1+2026"
LEARNERS = 2000
# Half passing and complete; a quarter complete but failed; an eighth passed but incomplete; an eighth never began.
OUTCOMES = [("pass", "pass", "fail", "incomplete" if i % 8 == 3 else "none")[i % 4] for i in range(LEARNERS)]
PASSING = OUTCOMES.count("pass")


# A one-line certificate: the test is about issuing and resuming, and a thousand classic A4 certificates
# would make it a rendering benchmark (bench/ measures that).
TINY_TEMPLATE = "<html><body><p>{{ learner_name }}, {{ course_title }}</p></body></html>"


@pytest.fixture
def enrolled(postgres, settings, tmp_path) -> list[int]:
    courses_api.create_course(course_key=COURSE, title="Bulk Leadership")
    certificates_api.upload_template(COURSE, name="tiny", html=TINY_TEMPLATE)
    activate(COURSE, certificate_template="tiny")
    return make_learners(COURSE, OUTCOMES)


def _finished(job_id: int):
    job = jobs_api.get_job(job_id)
    return job if job.status in ("done", "failed") else None


def _assert_every_learner_processed_once(job, user_ids: list[int]) -> None:
    assert (job.status, job.total, job.done, job.failed) == ("done", LEARNERS, LEARNERS, 0), job.result
    assert {k: job.result[k] for k in ("issued", "notpassing", "skipped", "errors")} == {
        "issued": PASSING,
        "notpassing": LEARNERS - PASSING,
        "skipped": 0,
        "errors": 0,
    }
    assert job.result["certificates"] == {"downloadable": PASSING, "notpassing": LEARNERS - PASSING}
    rows = Certificate.objects.filter(user_id__in=user_ids)
    assert rows.count() == LEARNERS
    assert rows.values("user_id").distinct().count() == LEARNERS
    created = Certificate.history.filter(history_type="+").values("id").annotate(n=Count("history_id"))
    assert created.count() == LEARNERS
    assert not created.filter(n__gt=1).exists()  # no learner was created twice, even in history
    assert not rows.filter(status="downloadable", pdf_sha256="").exists()


def test_bulk_generation_for_2000_learners_ends_done_with_the_right_counts(celery_workers, enrolled):
    first = celery_workers.start("w1")
    celery_workers.start("w2")  # renders batches while w1 issues

    job = instructor_api.start_generation(COURSE, None, chunk_size=100)

    job = wait_for(lambda: _finished(job.id), timeout=240, what="the generation to finish")
    _assert_every_learner_processed_once(job, enrolled)
    assert "generate_certificates" in celery_workers.log(first) + celery_workers.log(celery_workers.processes[1])


def test_a_worker_killed_mid_generation_leaves_every_learner_processed_exactly_once(celery_workers, enrolled):
    # Given the one worker is part-way through issuing
    first = celery_workers.start("first")
    job = instructor_api.start_generation(COURSE, None, chunk_size=50)
    wait_for(lambda: jobs_api.get_job(job.id).done >= 400, timeout=30, what="the generation to get going")

    # When it dies without acknowledging the task (as in a machine crash)
    celery_workers.kill(first)
    at_kill = jobs_api.get_job(job.id)
    assert at_kill.status == "running"
    assert 400 <= at_kill.done < LEARNERS

    # Then new workers receive it again and finish from the checkpoint, every learner once
    celery_workers.start("second")
    celery_workers.start("third")
    job = wait_for(lambda: _finished(job.id), timeout=240, what="the restarted generation to finish")
    _assert_every_learner_processed_once(job, enrolled)
    assert job.result["attempts"] >= 2
