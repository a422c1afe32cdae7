"""Fixtures that run REAL Celery workers against the PostgreSQL test database and Redis.

Each test gets its own Redis key prefix and queue, so parallel runs (other checkouts, other helpers) never
take each other's tasks, and the test process's Celery app sends to that queue instead of running eagerly.
Tests using ``celery_worker`` must be ``pytest.mark.django_db(transaction=True)``: the worker is another
process and only sees committed rows.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import redis

from tests.jobs.celery_conf import celery_conf

REPO = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
READY_TIMEOUT = 60.0


def wait_for(predicate: Callable[[], object], *, timeout: float, what: str, interval: float = 0.05) -> object:
    """Poll ``predicate`` until it returns something truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


@dataclass(frozen=True)
class Broker:
    url: str
    queue: str
    transport_options: dict


@pytest.fixture
def celery_broker(redis_url) -> Iterator[Broker]:
    """A private queue and Redis key prefix; the test process's Celery app sends there, not eagerly."""
    run_id = uuid.uuid4().hex[:12]
    broker = Broker(
        url=redis_url,
        queue=f"llp-test-{run_id}",
        transport_options={
            "global_keyprefix": f"llp-test-{run_id}:",
            # A task whose worker was SIGKILLed is handed to another worker after this many seconds
            # (production keeps kombu's default, longer than any job).
            "visibility_timeout": 2,
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
        },
    )
    with celery_conf(
        broker_url=broker.url,
        task_always_eager=False,
        task_default_queue=broker.queue,
        broker_transport_options=broker.transport_options,
    ):
        yield broker
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{broker.transport_options['global_keyprefix']}*"))
    if keys:
        client.delete(*keys)


def _database_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


@dataclass
class Workers:
    """Start, kill and stop real ``celery worker`` processes (one solo-pool process each)."""

    env: dict
    queue: str
    log_dir: Path
    processes: list = field(default_factory=list)

    def start(
        self,
        name: str = "w1",
        *,
        pool: str = "solo",
        visibility_timeout: int | None = None,
        beat: bool = False,
        env: dict | None = None,
    ) -> subprocess.Popen:
        """Start a worker and wait until it consumes; ``visibility_timeout`` overrides the broker's; ``beat``
        runs Celery beat in it (as the demo does); ``env`` adds environment variables (e.g. settings)."""
        log_path = self.log_dir / f"celery-{name}.log"
        env = {**self.env, **(env or {})}
        if visibility_timeout is not None:
            options = {**json.loads(env["LLP_TEST_BROKER_TRANSPORT_OPTIONS"]), "visibility_timeout": visibility_timeout}
            env["LLP_TEST_BROKER_TRANSPORT_OPTIONS"] = json.dumps(options)
        command = [
            str(CELERY),
            "-A",
            "tests.integration.celery_worker_app",
            "worker",
            f"--pool={pool}",
            "--concurrency=1",
            "-Q",
            self.queue,
            "-n",
            f"{name}-{self.queue}@%h",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if beat:
            command += ["--beat", f"--schedule={self.log_dir / f'beat-{name}'}"]
        with log_path.open("wb") as log:
            # A session of its own: Ctrl-C in pytest does not reach it, and teardown kills its whole group.
            process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        process.log_path = log_path
        self.processes.append(process)
        deadline = time.monotonic() + READY_TIMEOUT
        while b" ready." not in log_path.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                self.kill(process)
                pytest.fail(f"celery worker {name} did not start:\n{self.log(process)}", pytrace=False)
            time.sleep(0.1)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool processes: no warm shutdown, no ack, as in a machine crash."""
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def log(self, process: subprocess.Popen) -> str:
        return process.log_path.read_text(errors="replace")[-5000:]

    def stop_all(self) -> None:
        for process in self.processes:
            self.kill(process)


@pytest.fixture
def celery_workers(postgres, celery_broker, tmp_path) -> Iterator[Workers]:
    """Real workers on the test database; ``celery_workers.start()`` runs one, all are killed at teardown."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": _database_url(postgres.settings_dict),
        "CELERY_BROKER_URL": celery_broker.url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "LLP_TEST_BROKER_TRANSPORT_OPTIONS": json.dumps(celery_broker.transport_options),
        # Tasks the worker sends itself (beat's sweep, what the sweep re-sends) go to the test's own queue.
        "LLP_TEST_QUEUE": celery_broker.queue,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    workers = Workers(env=env, queue=celery_broker.queue, log_dir=tmp_path)
    try:
        yield workers
    finally:
        # Before the test database is flushed: a live worker would hold connections to it.
        workers.stop_all()


@pytest.fixture
def celery_worker(celery_workers) -> subprocess.Popen:
    """One running worker."""
    return celery_workers.start()
