"""The XBlock runtime of the plugin: blocks get their settings from the course structure and their user
state from BlockState rows; ``publish`` of ``completion`` and ``grade`` events updates the learner's record.

Block classes come from ``BLOCK_CLASSES`` (block type -> dotted path, imported on first use), so the runtime
works without the ``xblock.v1`` entry points and the learning domain never imports ``xblocks`` statically.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import webob
from django.db import transaction
from django.templatetags.static import static
from django.utils.module_loading import import_string
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.field_data import FieldData
from xblock.fields import Scope, ScopeIds
from xblock.runtime import IdReader, KeyValueStore, KvsFieldData, MemoryIdManager, Runtime

from .. import links
from ..courses.data import BlockData
from ..errors import Forbidden, NotFound
from . import gating, release, state
from .progress import refresh_course_progress

__all__ = [
    "BLOCK_CLASSES",
    "LOCKED_MESSAGE",
    "HandlerResult",
    "LearningRuntime",
    "block_class",
    "call_handler",
    "handler_url",
    "has_handler",
    "render_student_views",
]

BLOCK_CLASSES: dict[str, str] = {
    "llp_video": "xblocks.llp_video.block.LlpVideoBlock",
    "video": "xblocks.llp_video.block.VideoBlock",
    "llp_reading": "xblocks.llp_reading.block.LlpReadingBlock",
    "html": "xblocks.llp_reading.block.HtmlBlock",
    "llp_quiz": "xblocks.llp_quiz.block.LlpQuizBlock",
    "problem": "xblocks.capa_problem.block.CapaProblemBlock",
}
LOCKED_MESSAGE = "Complete the previous lesson first"


@cache
def block_class(block_type: str) -> type[XBlock] | None:
    """The XBlock class of a block type, or None for containers and unknown types."""
    path = BLOCK_CLASSES.get(block_type)
    return import_string(path) if path else None


# Studio's handlers edit the course; here the course changes through OLX import only (settings are read-only).
AUTHORING_HANDLERS = frozenset({"submit_studio_edits"})


def has_handler(block_type: str, handler: str) -> bool:
    """Whether learners may call ``handler`` of the block type (never an authoring handler)."""
    cls = block_class(block_type)
    if cls is None or handler in AUTHORING_HANDLERS:
        return False
    return getattr(getattr(cls, handler, None), "_is_xblock_handler", False)


def handler_url(course_key: str, usage_key: str, handler: str) -> str:
    """Where the page calls a block's handler (CONTRACT.md "Learning")."""
    return links.xblock_handler(course_key, usage_key, handler)


class _Clock:
    """The ``llp_clock`` service: the learning clock (``state.now``, looked up at call time), and when the
    learner's previous video report was applied, in any course (one clock per learner)."""

    def __init__(self, learner: state.LearnerStates | None = None):
        self._learner = learner

    def now(self):
        return state.now()

    def last_video_report_at(self):
        return self._learner.last_video_report_at() if self._learner is not None else None


class _Completion:
    """The ``completion`` service, as Open edX's: ``get_completions([usage_id]) -> {usage_id: 0.0..1.0}``."""

    def __init__(self, records: Mapping[str, state.StateRecord]):
        self._records = records

    def get_completions(self, candidates):
        done = {key for key, record in self._records.items() if record.complete}
        return {key: 1.0 if str(key) in done else 0.0 for key in candidates}


class _IdReader(IdReader):
    """Usage ids are usage key strings, and a block's definition id is its usage key too."""

    def __init__(self, blocks: Mapping[str, BlockData]):
        self._blocks = blocks

    def get_definition_id(self, usage_id):
        return usage_id

    def get_block_type(self, def_id):
        block = self._blocks.get(str(def_id))
        if block is None:
            raise NotFound(f"Unknown block '{def_id}'")
        return block.block_type

    def get_usage_id_from_aside(self, aside_id):
        raise NotImplementedError("No asides here")

    def get_definition_id_from_aside(self, aside_id):
        raise NotImplementedError("No asides here")

    def get_aside_type_from_usage(self, aside_id):
        raise NotImplementedError("No asides here")

    def get_aside_type_from_definition(self, aside_id):
        raise NotImplementedError("No asides here")


class _StateStore(KeyValueStore):
    """Settings and content from the course structure (read-only); user state in the learner's records."""

    def __init__(self, blocks: Mapping[str, BlockData], records: dict[str, state.StateRecord]):
        self._blocks = blocks
        self._records = records

    def record(self, usage_key: str) -> state.StateRecord:
        record = self._records.get(usage_key)
        if record is None:
            record = state.StateRecord(usage_key=usage_key, block_type=self._blocks[usage_key].block_type)
            self._records[usage_key] = record
        return record

    def get(self, key):
        usage_key = str(key.block_scope_id)
        if key.scope == Scope.user_state:
            record = self._records.get(usage_key)
            if record is None or key.field_name not in record.state:
                raise KeyError(key.field_name)
            return record.state[key.field_name]
        block = self._blocks.get(usage_key)
        if block is not None and key.scope == Scope.settings:
            if key.field_name == "display_name" and block.display_name:
                return block.display_name
            if key.field_name in block.fields:
                return block.fields[key.field_name]
        if block is not None and key.scope == Scope.content and key.field_name == "data":
            return block.content
        raise KeyError(key.field_name)

    def set(self, key, value):
        if key.scope != Scope.user_state:
            raise KeyError(f"{key.field_name} is read-only here")  # course settings change through OLX import
        self.record(str(key.block_scope_id)).state[key.field_name] = value

    def delete(self, key):
        if key.scope != Scope.user_state:
            raise KeyError(key.field_name)
        record = self._records.get(str(key.block_scope_id))
        if record is None or key.field_name not in record.state:
            raise KeyError(key.field_name)
        del record.state[key.field_name]

    def has(self, key):
        try:
            self.get(key)
        except KeyError:
            return False
        return True


class LearningRuntime(Runtime):
    """One learner's view of one course's blocks."""

    def __init__(
        self,
        *,
        user_id: int,
        course_key: str,
        blocks: Mapping[str, BlockData],
        records: dict[str, state.StateRecord],
        learner: state.LearnerStates | None = None,
    ):
        self._course_key = str(course_key)
        self._learner_id = user_id
        self._store = _StateStore(blocks, records)
        self._field_data: FieldData = KvsFieldData(self._store)
        super().__init__(
            id_reader=_IdReader(blocks),
            id_generator=MemoryIdManager(),
            services={
                "field-data": self._field_data,
                "llp_clock": _Clock(learner),
                "completion": _Completion(records),
            },
        )

    def load_block_type(self, block_type):
        cls = block_class(block_type)
        if cls is None:
            raise NotFound(f"Blocks of type '{block_type}' have no view or handlers")
        return cls

    def get_block(self, usage_id, for_parent=None):
        block_type = self.id_reader.get_block_type(usage_id)
        keys = ScopeIds(self._learner_id, block_type, str(usage_id), str(usage_id))
        return self.construct_xblock(block_type, keys, for_parent=for_parent)

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        url = handler_url(self._course_key, str(block.scope_ids.usage_id), handler_name)
        if suffix:
            url += "/" + suffix.lstrip("/")
        return f"{url}?{query}" if query else url

    def resource_url(self, resource):
        return static(resource)

    def local_resource_url(self, block, uri):
        return static(f"xblocks/{block.scope_ids.block_type}/{uri}")

    def publish(self, block, event_type, event_data):
        """``completion`` marks the block complete; ``grade`` stores the score as a fraction: the best one, or
        the latest when the event says ``only_if_higher: false`` (CAPA problems, as Open edX scores them)."""
        record = self._store.record(str(block.scope_ids.usage_id))
        if event_type == "completion":
            if float(event_data.get("completion", 0.0)) >= 1.0:
                record.complete = True
        elif event_type == "grade":
            possible = float(event_data.get("max_value") or 0)
            if possible > 0:
                fraction = min(1.0, max(0.0, float(event_data.get("value") or 0) / possible))
                keep_best = event_data.get("only_if_higher", True) is not False and record.score is not None
                record.score = max(record.score, fraction) if keep_best else fraction


@dataclass(frozen=True)
class HandlerResult:
    status: int
    body: dict
    progress_changed: bool = False


def _lesson_locked(structure: Sequence[BlockData], records: Mapping[str, state.StateRecord], usage_key: str) -> bool:
    """Gating over the rows already read under lock (no extra query): every earlier lesson must be complete."""
    lessons = gating.outline(structure)
    chapter = next(
        (lesson.chapter.usage_key for lesson in lessons if any(b.usage_key == usage_key for b in lesson.blocks)), None
    )
    if chapter is None:  # outside any lesson: nothing gates it
        return False
    needed = gating.required_before([(lesson.chapter.usage_key, lesson.required_keys) for lesson in lessons], chapter)
    return not all((r := records.get(key)) is not None and r.complete for key in needed or [])


def _as_result(response: webob.Response) -> tuple[int, dict]:
    try:
        body = json.loads(response.body or b"{}")
    except ValueError:
        body = {}
    if response.status_code >= 400:
        message = body.get("error") if isinstance(body, dict) else None
        return response.status_code, {"detail": str(message or "The block refused the request.")}
    return response.status_code, body if isinstance(body, dict) else {"result": body}


def _call_once(user_id, course_key, structure, usage_key, handler, body, gated) -> HandlerResult:
    blocks = {block.usage_key: block for block in structure}
    with transaction.atomic():
        learner = state.lock_learner_states(user_id, course_key)
        records = learner.records
        if gated and _lesson_locked(structure, records, usage_key):
            raise Forbidden(LOCKED_MESSAGE)
        opens_at = release.opening_dates(structure, state.now()).get(usage_key) if gated else None
        if opens_at is not None:
            raise Forbidden(f"This section opens on {release.format_opening(opens_at)}.")
        runtime = LearningRuntime(
            user_id=user_id, course_key=course_key, blocks=blocks, records=records, learner=learner
        )
        block = runtime.get_block(usage_key)
        request = webob.Request.blank("/", method="POST", body=body, content_type="application/json")
        status, payload = _as_result(runtime.handle(block, handler, request))
        record = records.get(usage_key)
        changed = False
        if status < 400 and record is not None:
            changed = record.progress_changed
            state.write_state(user_id, course_key, record)  # bad input: nothing written
            if changed:
                # In the same transaction: the block's state and the course progress are saved together or not
                # at all (never "an attempt counted, progress not refreshed").
                refresh_course_progress(user_id, course_key)
    return HandlerResult(status=status, body=payload, progress_changed=changed)


def call_handler(
    *,
    user_id: int,
    course_key: str,
    structure: Sequence[BlockData],
    usage_key: str,
    handler: str,
    body: bytes,
    gated: bool = True,
) -> HandlerResult:
    """Run a block's handler for a learner under the row lock; store the new state and the refreshed progress
    in one transaction. What follows the commit (the progress signal, e.g. issuing) cannot fail the call.

    ``Forbidden(LOCKED_MESSAGE)`` when the block's lesson is locked (``gated``: learners, not the course team).
    The caller has checked that the course, block and handler exist and that the user may use the course.
    """
    try:
        return _call_once(user_id, course_key, structure, usage_key, handler, body, gated)
    except state.StateRace:  # a concurrent first report created the row: apply this one on top of it
        return _call_once(user_id, course_key, structure, usage_key, handler, body, gated)


def render_student_views(
    user_id: int,
    course_key: str,
    structure: Sequence[BlockData],
    usage_keys: Sequence[str],
    *,
    course_team: bool = False,
) -> dict[str, Fragment]:
    """The student views of some blocks of a course for a learner (one query for all their states).

    Blocks without a view (containers, unsupported types) are left out. Each fragment carries its block's
    CSS/JS; the scripts initialise their blocks once, so repeated resources on a page are harmless.
    ``course_team``: the viewer is on the course team (blocks may show them what learners do not see).
    """
    blocks = {block.usage_key: block for block in structure}
    records = state.read_course_states(user_id, course_key)
    runtime = LearningRuntime(user_id=user_id, course_key=course_key, blocks=blocks, records=records)
    fragments = {}
    for usage_key in usage_keys:
        block_data = blocks.get(str(usage_key))
        if block_data is None or not block_data.supported or block_class(block_data.block_type) is None:
            continue
        block = runtime.get_block(str(usage_key))
        fragments[str(usage_key)] = runtime.render(block, "student_view", {"course_team": course_team})
    return fragments
