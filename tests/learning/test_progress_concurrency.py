"""Concurrent refreshes (blocks publishing at once) leave the stored progress right (PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import api as learning_api
from tests import people
from tests.learning.builders import Lesson, Seq, build_structure, reading, set_state

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_concurrent_completions_are_all_counted(postgres):
    learner = people.make_user("racer")
    courses_api.create_course(course_key=people.COURSE, title="Race")
    names = [f"Part {i}" for i in range(8)]
    keys = build_structure(people.COURSE, [Lesson("Week 1", [Seq("S", [reading(n) for n in names])])])
    courses_api.enroll(people.COURSE, learner.pk)
    barrier = threading.Barrier(len(names))
    errors = []

    def complete(name: str) -> None:
        try:
            barrier.wait()
            with transaction.atomic():  # as a handler request: write the block state, then refresh
                set_state(learner, keys[name], complete=True)
                learning_api.refresh_course_progress(learner.pk, people.COURSE)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    stored = learning_api.stored_progress(learner.pk, people.COURSE)
    assert errors == []
    assert (stored.complete_count, stored.total_count, stored.completed) == (8, 8, True)
