"""Reconfigure the project's Celery app for one test, and put it back afterwards."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from settings.celery import app


def _drop_cached_connections() -> None:
    # The broker pool and the routing (amqp) are built from the config the first time they are used.
    # (Not closed: kombu's process-wide producer pools may still hand out the old ones.)
    app._pool = None
    app.__dict__.pop("amqp", None)


@contextmanager
def celery_conf(**changes: Any) -> Iterator[None]:
    """``with celery_conf(broker_url=..., task_always_eager=False): ...`` on ``settings.celery.app``."""
    previous = {name: app.conf.get(name) for name in changes}
    app.conf.update(changes)
    _drop_cached_connections()
    try:
        yield
    finally:
        app.conf.update(previous)
        _drop_cached_connections()
