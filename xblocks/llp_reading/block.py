"""The reading XBlock: HTML content the learner marks as read with the ``complete`` handler.

Block types: ``llp_reading`` (``<llp_reading url_name= display_name=>HTML</llp_reading>``) and imported
Open edX ``html`` blocks. The HTML is the course team's own content and is shown as authored.
User state: none (``{}``). Completion is published with a ``completion`` event (idempotent) and read back
through the runtime's ``completion`` service (``get_completions([usage_id]) -> {usage_id: 0.0..1.0}``, as
Open edX's), so the page shows a finished reading as read.
Inside Open edX: ``has_custom_completion`` (complete when marked as read, not after a few seconds on screen);
the HTML body round-trips through OLX (``xblocks.olx``); a Studio form edits the name and the HTML.
"""

from functools import cache
from pathlib import Path

from django.template import Context, Engine
from django.utils.safestring import mark_safe
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Scope, String

from xblocks.olx import OlxMixin
from xblocks.studio import StudioEditableMixin

_HERE = Path(__file__).resolve().parent
MAX_HTML = 500_000


@cache
def _template(name: str):
    return Engine(autoescape=True, libraries={"i18n": "django.templatetags.i18n"}).from_string(
        (_HERE / "templates" / name).read_text(encoding="utf-8")
    )


@cache
def _static(name: str) -> str:
    return (_HERE / "static" / name).read_text(encoding="utf-8")


@XBlock.wants("completion")
class LlpReadingBlock(OlxMixin, StudioEditableMixin, CompletableXBlockMixin, XBlock):
    """A reading: complete once the learner marks it as read."""

    display_name = String(display_name="Display name", scope=Scope.settings, default="Reading")
    data = String(
        display_name="Text (HTML)",
        help="The reading as HTML; in OLX it is the element's body.",
        scope=Scope.content,
        default="",
        multiline_editor=True,
    )

    has_score = False
    editable_fields = ("display_name", "data")

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """Scenarios of the xblock-sdk workbench (and its tox environment's tests)."""
        return [
            (
                "LLP reading",
                '<llp_reading display_name="The GROW model"><h3>The GROW model</h3>'
                "<p>Start with the <strong>Goal</strong>.</p></llp_reading>",
            )
        ]

    def clean_data(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("enter the reading's text.")
        if len(value) > MAX_HTML:
            raise ValueError(f"at most {MAX_HTML} characters.")
        return value.strip()

    def is_complete(self) -> bool:
        service = self.runtime.service(self, "completion")
        if service is None:
            return False
        usage_id = self.scope_ids.usage_id
        return bool(service.get_completions([usage_id]).get(usage_id, 0.0) >= 1.0)

    def student_view(self, context=None) -> Fragment:
        html = _template("reading.html").render(
            Context(
                {
                    "title": self.display_name,
                    "content": mark_safe(self.data),  # course content, authored by the course team
                    "complete": self.is_complete(),
                    "handler_url": self.runtime.handler_url(self, "complete"),
                }
            )
        )
        fragment = Fragment(html)
        fragment.add_javascript(_static("reading.js"))
        return fragment

    @XBlock.json_handler
    def complete(self, data, suffix=""):
        """``{}`` -> ``{complete: true}``; calling it again changes nothing."""
        if not isinstance(data, dict):
            raise JsonHandlerError(400, "The body must be a JSON object.")
        self.emit_completion(1.0)
        return {"complete": True}


class HtmlBlock(LlpReadingBlock):
    """An imported Open edX ``html`` block, completed like a reading."""

    display_name = String(scope=Scope.settings, default="Text")
