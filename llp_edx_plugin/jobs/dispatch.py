"""Sending Celery tasks so that a broker outage never reaches the caller (often a learner's request).

``send_on_commit(task, *args, on_failure=...)`` sends once the surrounding transaction commits. The publish
is retried once, briefly, and bounded in wall time (``TASK_SEND_TIMEOUT_SECONDS``): a broker that refuses
fails in milliseconds, and one that accepts connections but never answers is given up after the timeout.
A send that fails is logged and reported to ``on_failure(exc)`` (the caller records the reason on its row,
where the periodic sweep finds it); it never raises. Every task sent this way must be idempotent: a send
given up on after the timeout may still reach the broker later, and the sweep may send it again.
"""

import logging
import os
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction

from ..conf import llp_setting

__all__ = ["OnFailure", "TaskQueueUnavailable", "describe_failure", "send", "send_on_commit"]

logger = logging.getLogger(__name__)

OnFailure = Callable[[Exception], None]

# One quick retry for a dropped connection; a broker that is down fails the second attempt at once.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# Publishes in flight at once per process: bounds the threads a silent broker can hold; a send that finds
# them all busy waits for one within its own timeout.
_MAX_IN_FLIGHT = 8


class TaskQueueUnavailable(Exception):
    """The broker did not take the task within the send timeout, or every sending slot is stuck."""


class _Sender:
    """Publishes on a daemon thread, so the caller can stop waiting (and a stuck thread never blocks exit)."""

    def __init__(self) -> None:
        self.slots = threading.BoundedSemaphore(_MAX_IN_FLIGHT)

    def publish(self, task: Any, args: tuple, kwargs: dict, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        slots = self.slots
        # Under load a healthy broker frees a slot within milliseconds; stuck ones never do before the deadline.
        if not slots.acquire(timeout=timeout):
            raise TaskQueueUnavailable("Every sending slot is waiting for the task queue.")
        done = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            try:
                task.apply_async(args=args, kwargs=kwargs, retry=True, retry_policy=RETRY_POLICY)
            except BaseException as exc:  # handed to the caller's thread, which decides
                failure.append(exc)
            finally:
                slots.release()
                done.set()

        threading.Thread(target=run, name="llp-send", daemon=True).start()
        if not done.wait(max(0.0, deadline - time.monotonic())):
            raise TaskQueueUnavailable(f"The task queue did not answer within {timeout:g} s.")
        if failure:
            raise failure[0]


_sender = _Sender()
# A child process has none of its parent's sending threads: it starts with every slot free.
os.register_at_fork(after_in_child=lambda: setattr(_sender, "slots", threading.BoundedSemaphore(_MAX_IN_FLIGHT)))


def describe_failure(exc: Exception) -> str:
    """The reason a row records for a task that could not be sent, e.g. ``Not queued: OperationalError: ...``."""
    detail = str(exc).strip().rstrip(".")
    return f"Not queued: {type(exc).__name__}" + (f": {detail}" if detail else "") + "."


def send(task: Any, *args: Any, on_failure: OnFailure | None = None, **kwargs: Any) -> bool:
    """Send ``task(*args, **kwargs)`` now; True when the broker took it (or it ran eagerly).

    Never raises: a failure is logged and passed to ``on_failure``. With ``task_always_eager`` the task runs
    here, in this thread (tests and scripts), and an exception it raises is handled the same way.
    """
    try:
        if task.app.conf.task_always_eager:
            task.apply_async(args=args, kwargs=kwargs)
        else:
            _sender.publish(task, args, kwargs, float(llp_setting("TASK_SEND_TIMEOUT_SECONDS")))
    except Exception as exc:  # kombu, socket and transport errors alike: the caller's work is already saved
        logger.warning("Could not send task %s%r: %s", getattr(task, "name", task), args, describe_failure(exc))
        if on_failure is not None:
            try:
                on_failure(exc)
            except Exception:  # recording the reason must not turn into an error for the caller either
                logger.exception("Recording why task %s could not be sent failed", getattr(task, "name", task))
        return False
    return True


def send_on_commit(task: Any, *args: Any, on_failure: OnFailure | None = None, **kwargs: Any) -> None:
    """``send`` once the current transaction commits (at once outside a transaction); never raises."""
    transaction.on_commit(partial(send, task, *args, on_failure=on_failure, **kwargs))
