"""Imported Open edX CAPA ``problem`` blocks, graded here as Open edX grades them.

Response types, inputs and their ids: ``llp_edx_plugin.capa`` (multiple choice, checkboxes, dropdowns, text,
numerical and formula answers; expressions such as ``9.3*10^7``, ``3/4``, ``pi``). A problem that cannot be
graded here (``customresponse``, an answer computed by a ``<script>``) answers 400 and is not required.

``submit`` ``{answers: {input_id: value}}`` -> ``{score, max_score, passed, complete, correct, attempts_left}``:
``score`` the points earned (one per input answered right, 0.5 or 0.25 for Open edX's numerical partial
credit; a missing answer is wrong), ``max_score`` the number of inputs, ``passed`` every input right,
``correct`` ``{input_id: bool}`` (fully right). As in Open edX a problem is **complete once
submitted**, right or wrong (a ``completion`` event on each submission), and the **latest** submission's
score counts (its ``grade`` event says ``only_if_higher: false``). Unknown ids, badly shaped answers and
answers that could not be graded (bad syntax, a huge expression): 400, no attempt used, nothing stored.
No attempt left (``max_attempts``): 403.
User state: ``attempts``, ``raw_earned``, ``raw_possible``, ``last_answers``, ``correctness``.
"""

import math
from functools import cache
from pathlib import Path

from django.template import Context, Engine
from django.utils.translation import gettext as _
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Float, Integer, JSONField, Scope, String

from llp_edx_plugin import capa
from xblocks.llp_quiz.block import ScoredQuestionsBlock, static

_HERE = Path(__file__).resolve().parent


@cache
def _template():
    return Engine(autoescape=True, libraries={"i18n": "django.templatetags.i18n"}).from_string(
        (_HERE / "templates" / "problem.html").read_text(encoding="utf-8")
    )


def parse_problem(content: str) -> list[capa.Input]:
    """The gradable inputs of a problem's XML; ``ValueError`` (``capa.ProblemError``) when it cannot be graded."""
    return capa.parse_problem(content)


class CapaProblemBlock(ScoredQuestionsBlock):
    """An imported CAPA problem (see the module docstring)."""

    display_name = String(scope=Scope.settings, default="Problem")
    data = String(scope=Scope.content, default="")
    # Settings straight from OLX (numbers or strings), inherited from the course's containers at import.
    weight = JSONField(scope=Scope.settings, default=None)
    showanswer = String(scope=Scope.settings, default="finished")

    raw_earned = Float(scope=Scope.user_state, default=0.0)  # partial credit: 0.5, 0.25
    raw_possible = Integer(scope=Scope.user_state, default=0)
    correctness = Dict(scope=Scope.user_state, default={})

    def questions(self) -> list[capa.Input]:
        return parse_problem(self.data)

    def max_score(self) -> int:
        """Raw possible points, as Open edX's ProblemBlock: one per input (the ``weight`` rescales them)."""
        try:
            return len(self.questions())
        except ValueError:
            return 0

    def problem_weight(self) -> float | None:
        """The ``weight`` setting as a number (None: unset, the problem is worth its inputs)."""
        try:
            weight = float(self.weight)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return weight if math.isfinite(weight) and weight >= 0 else None

    def student_view(self, context=None) -> Fragment:
        try:
            questions, error = self.questions(), ""
        except ValueError:
            questions, error = [], _("This problem cannot be answered here.")
        fragment = Fragment(
            _template().render(
                Context(
                    {
                        "title": self.display_name,
                        "questions": questions,
                        "error": error,
                        "handler_url": self.runtime.handler_url(self, "submit"),
                        "attempts": self.attempts,
                        "attempts_left": self.attempts_left(),
                        "earned": f"{self.raw_earned:g}",
                        "possible": self.raw_possible,
                    }
                )
            )
        )
        fragment.add_javascript(static("quiz.js"))
        return fragment

    @XBlock.json_handler
    def submit(self, data, suffix=""):
        """``{answers: {input_id: value}}`` -> ``{score, max_score, passed, complete, correct, attempts_left}``."""
        answers = self._submitted_answers(data)
        try:
            inputs = self.questions()
        except ValueError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        by_id = self._by_id(inputs, answers)
        limit = self.attempt_limit()
        try:
            cleaned = {key: by_id[key].clean(value) for key, value in answers.items()}
            if limit is not None and self.attempts >= limit:
                raise JsonHandlerError(
                    403, _("No attempts left ({used} of {limit} used).").format(used=self.attempts, limit=limit)
                )
            # Graded before anything is stored: an answer that cannot be graded costs no attempt.
            credit = {item.id: item.credit(cleaned[item.id]) if item.id in cleaned else 0.0 for item in inputs}
        except capa.InputError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        correct = {key: value >= 1.0 for key, value in credit.items()}
        earned, possible = sum(credit.values()), len(inputs)
        earned = int(earned) if float(earned).is_integer() else earned
        self.attempts += 1
        self.raw_earned, self.raw_possible = earned, possible
        self.last_answers = cleaned
        self.correctness = correct
        self.runtime.publish(self, "grade", {"value": earned, "max_value": possible, "only_if_higher": False})
        self.runtime.publish(self, "completion", {"completion": 1.0})
        return {
            "score": earned,
            "max_score": possible,
            "passed": earned == possible,
            "complete": True,
            "correct": correct,
            "attempts_left": self.attempts_left(),
        }
