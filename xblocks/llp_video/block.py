"""The video XBlock: an HTML5 player whose page reports the watched intervals to the ``progress`` handler.

Block types: ``llp_video`` (``<llp_video url_name= display_name= src= duration=(seconds)/>``) and imported
Open edX ``video`` blocks (source from ``src``, ``html5_sources`` or ``<source src=>`` children).

User state (the keys the requirement diagnosis reads): ``watched`` (merged ``[[start_s, end_s], ...]``),
``watched_seconds``, ``watched_ratio``, ``last_report_at`` (ISO time), ``position``.
The duration is a setting of the course (the runtime gives the one that counts: OLX, course team or measured
media file), never the learner's: a ``duration`` in a report is ignored, and a video without one answers 409
until the course team sets it. The rules (rate limit against the learner's wall time, completion ratio) are the
plugin's ``video`` rules; the clock is the runtime's ``llp_clock`` service (wall time when the runtime has none).

Inside Open edX: ``has_custom_completion`` (the LMS would otherwise mark it complete after a few seconds on
screen), completion published once watched in full; a Studio form for the settings. The plugin is imported on
use, never at module import, so the ``xblock.v1`` entry point loads before (or without) Django apps.
"""

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.template import Context, Engine
from django.utils.translation import gettext as _
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Float, JSONField, List, Scope, String

from xblocks.olx import OlxMixin
from xblocks.studio import StudioEditableMixin, gettext_noop, optional_number

if TYPE_CHECKING:
    from llp_edx_plugin.api import video as video_rules

_HERE = Path(__file__).resolve().parent
DURATION_NOT_SET = gettext_noop(
    "This video's duration is not set yet, so watching it cannot count: the course team must set it first."
)


MAX_DURATION_S = 24 * 3600
MAX_SRC = 2000


def _api():
    """The plugin's public door, imported on use (its models need Django's apps ready)."""
    from llp_edx_plugin import api

    return api


@cache
def _template(name: str):
    return Engine(autoescape=True, libraries={"i18n": "django.templatetags.i18n"}).from_string(
        (_HERE / "templates" / name).read_text(encoding="utf-8")
    )


@cache
def _static(name: str) -> str:
    return (_HERE / "static" / name).read_text(encoding="utf-8")


@XBlock.wants("llp_clock")
class LlpVideoBlock(OlxMixin, StudioEditableMixin, CompletableXBlockMixin, XBlock):
    """A video that is complete once watched in full (see the module docstring)."""

    display_name = String(display_name="Display name", scope=Scope.settings, default="Video")
    src = String(
        display_name="Video URL",
        help="An MP4/WebM address (https://...) or a course file (/static/...).",
        scope=Scope.settings,
        default="",
    )
    # Seconds: a number, or a string straight from an OLX attribute; parsed on use.
    duration = JSONField(
        display_name="Duration (seconds)",
        help="The video's length; watching counts only once it is set.",
        scope=Scope.settings,
        default=None,
    )

    watched = List(scope=Scope.user_state, default=[])
    watched_seconds = Float(scope=Scope.user_state, default=0.0)
    watched_ratio = Float(scope=Scope.user_state, default=0.0)
    last_report_at = String(scope=Scope.user_state, default=None)
    position = Float(scope=Scope.user_state, default=0.0)

    has_score = False
    body_field = None  # an empty element: everything is in its attributes
    editable_fields = ("display_name", "src", "duration")

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """Scenarios of the xblock-sdk workbench (and its tox environment's tests)."""
        return [
            (
                "LLP video",
                '<llp_video display_name="Welcome video" src="/static/llp_edx_plugin/demo/intro.webm" duration="20"/>',
            ),
            ("LLP video without a duration", '<llp_video display_name="Unmeasured video" src="/static/x.mp4"/>'),
        ]

    # -- Studio ---------------------------------------------------------------------------------
    def clean_src(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("enter the video's address.")
        src = value.strip()
        if len(src) > MAX_SRC or not src.startswith(("https://", "http://", "/")) or src.startswith("//"):
            raise ValueError(f"an https:// address or a /static/ path of at most {MAX_SRC} characters.")
        return src

    def clean_duration(self, value: object) -> float | None:
        return optional_number(value, minimum=1, maximum=MAX_DURATION_S)

    # -- settings -------------------------------------------------------------------------------
    def configured_duration(self) -> float | None:
        """The duration setting in seconds, or None when the block has none (or an unusable one)."""
        rules = _api().video
        try:
            return rules.parse_duration(self.duration)
        except rules.ReportError:
            return None

    def video_url(self) -> str:
        return self.src or ""

    def _now(self) -> datetime:
        clock = self.runtime.service(self, "llp_clock")
        return clock.now() if clock is not None else datetime.now(UTC)

    def _progress(self) -> "video_rules.VideoProgress":
        rules = _api().video
        last = datetime.fromisoformat(self.last_report_at) if self.last_report_at else None
        rule_set = rules.current_rules()
        return rules.VideoProgress(
            watched=tuple((float(s), float(e)) for s, e in self.watched),
            last_report_at=last,
            position=self.position,
            watched_seconds=self.watched_seconds,
            watched_ratio=self.watched_ratio,
            complete=self.watched_ratio >= rule_set.complete_ratio,
        )

    # -- views ----------------------------------------------------------------------------------
    def student_view(self, context=None) -> Fragment:
        progress = self._progress()
        html = _template("video.html").render(
            Context(
                {
                    "title": self.display_name,
                    "src": self.video_url(),
                    "handler_url": self.runtime.handler_url(self, "progress"),
                    "percent": int(progress.watched_ratio * 100),
                    "complete": progress.complete,
                    "watched_json": json.dumps(list(self.watched)),
                    "position": progress.position,
                    "duration_missing": self.configured_duration() is None,
                    "course_team": bool((context or {}).get("course_team")),
                }
            )
        )
        fragment = Fragment(html)
        fragment.add_css(_static("video.css"))
        fragment.add_javascript(_static("video.js"))
        return fragment

    # -- handlers -------------------------------------------------------------------------------
    @XBlock.json_handler
    def progress(self, data, suffix=""):
        """``{watched: [[start_s, end_s], ...], position}`` -> ``{watched_ratio, complete}``.

        Any ``duration`` in the report is ignored: the course sets it. Without one: 409, nothing stored.
        """
        if not isinstance(data, dict):
            raise JsonHandlerError(400, "The body must be a JSON object.")
        duration = self.configured_duration()
        if duration is None:
            raise JsonHandlerError(409, _(DURATION_NOT_SET))
        rules = _api().video
        try:
            reported, position = rules.parse_report(data, duration)
        except rules.ReportError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        before = self._progress()
        clock = self.runtime.service(self, "llp_clock")
        after = rules.apply_report(
            before,
            reported,
            position,
            duration=duration,
            now=self._now(),
            rules=rules.current_rules(),
            learner_last_report_at=getattr(clock, "last_video_report_at", lambda: None)(),
        )
        state = after.as_state()
        self.watched = state["watched"]
        self.watched_seconds = state["watched_seconds"]
        self.watched_ratio = state["watched_ratio"]
        self.last_report_at = state["last_report_at"]
        self.position = state["position"]
        if after.complete and not before.complete:
            self.emit_completion(1.0)
        return {"watched_ratio": after.watched_ratio, "complete": after.complete}


class VideoBlock(LlpVideoBlock):
    """An imported Open edX ``video`` block, tracked like ``llp_video``."""

    body_field = "data"  # <source> children

    # The OLX attribute is a JSON list in a string.
    html5_sources = String(scope=Scope.settings, default="")
    data = String(scope=Scope.content, default="")

    def video_url(self) -> str:
        return _api().courses.video_source({"src": self.src, "html5_sources": self.html5_sources}, self.data or "")
