"""Two requests of one learner drawing at once keep one draw, and both answer with it (PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import draws
from llp_edx_plugin.learning.models import LearnerDraw
from tests import people
from tests.courses.olx.archives import course_folder

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
BRANCH = "course-v1:LLP+BRANCH101+2026"


def test_concurrent_first_requests_keep_one_draw(postgres, tmp_path):
    courses_api.import_olx(course_folder(tmp_path, "branching"))
    learner = people.make_user("racer")
    courses_api.enroll(BRANCH, learner.pk)
    structure = courses_api.get_structure(BRANCH)
    requests = 6
    barrier = threading.Barrier(requests)
    seen, errors = [], []

    def first_visit() -> None:
        try:
            barrier.wait()
            with transaction.atomic():  # as a request: the draw inside its transaction
                seen.append(draws.learner_draws(learner.pk, BRANCH, structure))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_visit) for _ in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    kept = {row.key: row.chosen for row in LearnerDraw.objects.filter(user=learner)}
    assert len(kept) == 2
    assert all(answer == kept for answer in seen)
