"""jobs.dispatch: a task that cannot be sent is reported to ``on_failure``, never raised to the caller.

The broker here is real in its failure: a closed port (connection refused), or a socket that accepts and never
answers (a frozen broker). Nothing is mocked in the sending code.
"""

import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from celery import shared_task
from kombu.exceptions import OperationalError

from llp_edx_plugin.jobs import api as jobs_api
from llp_edx_plugin.jobs import dispatch
from tests.jobs.celery_conf import celery_conf

REFUSING = {"task_always_eager": False, "broker_url": "redis://127.0.0.1:1/0"}

ran: list[tuple] = []


@shared_task
def record_call(*args) -> None:
    ran.append(args)


@pytest.fixture(autouse=True)
def _clear():
    ran.clear()


@pytest.fixture
def silent_broker() -> Iterator[str]:
    """A Redis URL whose server completes the TCP handshake and then never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)  # never accepted: the kernel completes connections, nobody reads or writes
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        server.close()  # the stuck sends get a reset and give their thread back


@pytest.fixture
def fresh_sender(monkeypatch) -> dispatch._Sender:
    """A sender of its own, so threads stuck on the silent broker never reach other tests."""
    sender = dispatch._Sender()
    monkeypatch.setattr(dispatch, "_sender", sender)
    return sender


def test_a_refused_send_calls_on_failure_with_the_broker_error_and_does_not_raise():
    failures: list[Exception] = []

    with celery_conf(**REFUSING):
        sent = jobs_api.send(record_call, 1, 2, on_failure=failures.append)

    assert sent is False
    assert [type(exc) for exc in failures] == [OperationalError]
    assert jobs_api.describe_failure(failures[0]).startswith("Not queued: OperationalError: Error 111 connecting")
    assert ran == []


def test_a_refused_send_without_on_failure_is_only_logged(caplog):
    with celery_conf(**REFUSING):
        assert jobs_api.send(record_call, 1) is False

    assert "Could not send task" in caplog.text


def test_an_on_failure_that_raises_does_not_reach_the_caller(caplog):
    def broken(exc: Exception) -> None:
        raise RuntimeError("the database is gone too")

    with celery_conf(**REFUSING):
        assert jobs_api.send(record_call, 1, on_failure=broken) is False

    assert "the database is gone too" in caplog.text


def test_a_broker_that_never_answers_is_given_up_after_the_send_timeout(silent_broker, fresh_sender, settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "TASK_SEND_TIMEOUT_SECONDS": 0.2}
    failures: list[Exception] = []

    with celery_conf(task_always_eager=False, broker_url=silent_broker):
        sent = jobs_api.send(record_call, 1, on_failure=failures.append)

    assert sent is False
    assert [type(exc) for exc in failures] == [jobs_api.TaskQueueUnavailable]
    assert str(failures[0]) == "The task queue did not answer within 0.2 s."


def test_when_every_sending_slot_is_stuck_the_next_send_fails_within_its_timeout_too(
    silent_broker, fresh_sender, settings
):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "TASK_SEND_TIMEOUT_SECONDS": 0.1}
    failures: list[Exception] = []

    with celery_conf(task_always_eager=False, broker_url=silent_broker):
        for n in range(dispatch._MAX_IN_FLIGHT + 1):
            jobs_api.send(record_call, n, on_failure=failures.append)

    assert [str(exc) for exc in failures] == [
        *["The task queue did not answer within 0.1 s."] * dispatch._MAX_IN_FLIGHT,
        "Every sending slot is waiting for the task queue.",
    ]


def test_many_concurrent_sends_to_a_healthy_broker_all_succeed(fresh_sender):
    with celery_conf(task_always_eager=False, broker_url="memory://"), ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda n: jobs_api.send(record_call, n), range(5 * dispatch._MAX_IN_FLIGHT)))

    assert results == [True] * (5 * dispatch._MAX_IN_FLIGHT)


def test_an_eager_task_runs_in_place_and_an_exception_it_raises_is_reported():
    failures: list[Exception] = []

    assert jobs_api.send(record_call, "a", on_failure=failures.append) is True
    assert ran == [("a",)]

    @shared_task
    def explode() -> None:
        raise ValueError("boom")

    assert jobs_api.send(explode, on_failure=failures.append) is False
    assert [str(exc) for exc in failures] == ["boom"]


@pytest.mark.django_db
def test_send_on_commit_sends_only_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        jobs_api.send_on_commit(record_call, "later")
        assert ran == []

    assert len(callbacks) == 1
    callbacks[0]()
    assert ran == [("later",)]


@pytest.mark.django_db
def test_send_on_commit_with_the_broker_down_reports_after_the_commit_and_does_not_raise(
    django_capture_on_commit_callbacks,
):
    failures: list[Exception] = []

    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        jobs_api.send_on_commit(record_call, 1, on_failure=failures.append)
        assert failures == []  # nothing before the commit

    assert [type(exc) for exc in failures] == [OperationalError]
