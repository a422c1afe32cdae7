"""Blocks on the XBlock test runtime: no database, a recording ``publish`` and a settable clock."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import webob
from xblock.field_data import DictFieldData
from xblock.fields import ScopeIds
from xblock.test.tools import TestRuntime


class Clock:
    def __init__(self):
        self.current = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def now(self):
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


class RecordingRuntime(TestRuntime):
    """The XBlock test runtime with the services our blocks ask for, recording published events."""

    def __init__(self, clock: Clock, fields: dict, completions: dict | None = None):
        self.events: list[tuple[str, dict]] = []
        services = {"field-data": DictFieldData(fields), "llp_clock": clock}
        if completions is not None:
            services["completion"] = _Completions(completions)
        super().__init__(services=services)

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{handler_name}"


class _Completions:
    def __init__(self, values: dict):
        self.values = values

    def get_completions(self, candidates):
        return {key: self.values.get(key, 0.0) for key in candidates}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_block(clock):
    """``make_block(BlockClass, display_name=..., data=..., **fields)``: a block with a fresh runtime."""

    def make(cls, completions: dict | None = None, **fields):
        runtime = RecordingRuntime(clock, dict(fields), completions)
        keys = ScopeIds("learner-1", "test", "def-1", "usage-1")
        return runtime.construct_xblock_from_class(cls, keys)

    return make


def call(block, handler: str, data) -> tuple[int, dict]:
    """POST ``data`` (JSON, or raw bytes) to a block's handler; the status and decoded JSON answer."""
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    response = block.handle(handler, webob.Request.blank("/", method="POST", body=body))
    return response.status_code, json.loads(response.body)
