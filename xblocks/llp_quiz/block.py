"""The quiz XBlock: single- and multiple-choice questions with a pass score and limited attempts.

OLX: ``<llp_quiz url_name= display_name= pass_score=(0..1) max_attempts=>`` holding
``<question id= correct=(choice id)><choice id=>text</choice>...</question>``. A question whose ``correct``
lists several choice ids (``"a,c"`` or ``"a c"``) is multiple-choice: its answer is the list of those ids.
The prompt is the question's ``text`` attribute, else its ``<prompt>``/``<label>`` child, else its own text.

``submit`` ``{answers: {question_id: value}}`` -> ``{score, max_score, passed, attempts_left}``: ``score`` is
the number of right answers, ``max_score`` the number of questions, ``attempts_left`` null when unlimited.
An unanswered question counts as wrong. Unknown question ids or badly shaped answers: 400, nothing stored.
No attempt left: 403 ``"No attempts left (N of N used)."``. Passed when the best score >= ``pass_score``
(default 1.0: every answer right); a quiz is complete once passed. Each submission publishes a ``grade``
event; passing publishes ``completion``.
User state: ``attempts``, ``best_score`` (0..1), ``passed``, ``last_answers``.

Inside Open edX (``LlpQuizBlock``): ``max_score()`` is the number of questions and ``weight`` (optional) scales it
as the platform's grades do; the ``grade`` event carries the best score so far (the platform keeps the last one
published, the LLP rule keeps the best); ``has_custom_completion``: complete once passed, not once submitted
(ADR 0038). The ``<question>`` children round-trip through OLX (``xblocks.olx``); a Studio form edits the
settings and the questions' OLX.
"""

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from defusedxml import ElementTree as SafeET
from django.template import Context, Engine
from django.utils.translation import gettext as _
from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Dict, Float, Integer, JSONField, Scope, String

from xblocks.olx import OlxMixin
from xblocks.studio import StudioEditableMixin, optional_number

from .questions import MULTIPLE, SINGLE, AnswerError, Question, split_ids

_HERE = Path(__file__).resolve().parent
DEFAULT_PASS_SCORE = 1.0
MAX_QUIZ_OLX = 200_000
MAX_ATTEMPTS_LIMIT = 1000
MAX_WEIGHT = 1000


@cache
def template(name: str):
    return Engine(autoescape=True, libraries={"i18n": "django.templatetags.i18n"}).from_string(
        (_HERE / "templates" / name).read_text(encoding="utf-8")
    )


@cache
def static(name: str) -> str:
    return (_HERE / "static" / name).read_text(encoding="utf-8")


def element_text(element: ET.Element) -> str:
    """All the text inside an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def parse_xml(content: str, root_tag: str) -> ET.Element:
    """Parse a block's inner content (several elements) under a synthetic root; ``ValueError`` when broken."""
    text = (content or "").strip()
    if not text.startswith(f"<{root_tag}"):
        text = f"<{root_tag}>{text}</{root_tag}>"
    try:
        return SafeET.fromstring(text)
    except (ET.ParseError, ValueError) as exc:  # defusedxml's refusals are ValueErrors too
        raise ValueError(f"The block's content is not valid XML: {exc}") from exc


def parse_quiz(content: str) -> list[Question]:
    """The questions of an ``llp_quiz`` from its inner OLX."""
    questions = []
    for index, node in enumerate(parse_xml(content, "llp_quiz").iter("question"), start=1):
        choices = tuple(
            (choice.get("id") or f"choice_{i}", element_text(choice)) for i, choice in enumerate(node.iter("choice"))
        )
        correct = frozenset(split_ids(node.get("correct", "")))
        prompt_node = node.find("prompt") if node.find("prompt") is not None else node.find("label")
        own_text = (node.text or "").strip()
        prompt = node.get("text") or (element_text(prompt_node) if prompt_node is not None else own_text)
        questions.append(
            Question(
                id=node.get("id") or str(index),
                prompt=prompt,
                kind=MULTIPLE if len(correct) > 1 or node.get("multiple") == "true" else SINGLE,
                choices=choices,
                correct=correct,
            )
        )
    return questions


def _setting_number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


class ScoredQuestionsBlock(XBlock):
    """Submission, scoring and attempts shared by ``llp_quiz`` and CAPA ``problem`` blocks (a base class)."""

    # Numbers, or strings straight from OLX attributes; parsed on use.
    pass_score = JSONField(scope=Scope.settings, default=None)
    max_attempts = JSONField(scope=Scope.settings, default=None)

    attempts = Integer(scope=Scope.user_state, default=0)
    best_score = Float(scope=Scope.user_state, default=0.0)
    passed = Boolean(scope=Scope.user_state, default=False)
    last_answers = Dict(scope=Scope.user_state, default={})

    has_score = True

    def questions(self) -> list[Question]:
        raise NotImplementedError

    def required_score(self) -> float:
        score = _setting_number(self.pass_score)
        return min(1.0, max(0.0, score)) if score is not None else DEFAULT_PASS_SCORE

    def attempt_limit(self) -> int | None:
        limit = _setting_number(self.max_attempts)
        return int(limit) if limit is not None and limit >= 1 else None

    def attempts_left(self) -> int | None:
        limit = self.attempt_limit()
        return None if limit is None else max(0, limit - self.attempts)

    @staticmethod
    def _submitted_answers(data) -> dict:
        """The ``answers`` object of a submission; 400 when the body is not ``{answers: {...}}``."""
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            raise JsonHandlerError(400, _("answers must be an object of question id to answer."))
        return data["answers"]

    @staticmethod
    def _by_id(items: Sequence, answers: dict) -> dict:
        """The questions (or inputs) by id; 400 naming the answered ids that are none of them."""
        by_id = {item.id: item for item in items}
        unknown = sorted(str(key) for key in answers if key not in by_id)
        if unknown:
            raise JsonHandlerError(400, _("Unknown question id(s): {ids}.").format(ids=", ".join(unknown)))
        return by_id

    def _questions_or_error(self) -> list[Question]:
        try:
            questions = self.questions()
        except ValueError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        if not questions:
            raise JsonHandlerError(400, _("This block has no questions to answer."))
        return questions

    def view_context(self) -> dict:
        try:
            questions = self.questions()
        except ValueError:
            questions = []
        return {
            "title": self.display_name,
            "questions": questions,
            "handler_url": self.runtime.handler_url(self, "submit"),
            "attempts": self.attempts,
            "attempts_left": self.attempts_left(),
            "best_percent": math.floor(self.best_score * 100 + 1e-9),
            "needs_percent": round(self.required_score() * 100),
            "passed": self.passed,
            "last_answers": self.last_answers,
        }

    def student_view(self, context=None) -> Fragment:
        fragment = Fragment(template("quiz.html").render(Context(self.view_context())))
        fragment.add_javascript(static("quiz.js"))
        return fragment

    @XBlock.json_handler
    def submit(self, data, suffix=""):
        """``{answers: {question_id: value}}`` -> ``{score, max_score, passed, attempts_left}``."""
        answers = self._submitted_answers(data)
        questions = self._questions_or_error()
        by_id = self._by_id(questions, answers)
        try:
            cleaned = {key: by_id[key].clean(value) for key, value in answers.items()}
        except AnswerError as exc:
            raise JsonHandlerError(400, str(exc)) from exc
        limit = self.attempt_limit()
        if limit is not None and self.attempts >= limit:
            raise JsonHandlerError(
                403, _("No attempts left ({used} of {limit} used).").format(used=self.attempts, limit=limit)
            )
        earned = sum(1 for key, value in cleaned.items() if by_id[key].is_correct(value))
        possible = len(questions)
        was_passed = self.passed
        self.attempts += 1
        self.best_score = max(self.best_score, earned / possible)
        self.passed = self.best_score >= self.required_score()
        self.last_answers = cleaned
        self.runtime.publish(self, "grade", self.grade_event(earned, possible))
        if self.passed and not was_passed:
            self.runtime.publish(self, "completion", {"completion": 1.0})
        return {"score": earned, "max_score": possible, "passed": self.passed, "attempts_left": self.attempts_left()}

    def grade_event(self, earned: int, possible: int) -> dict:
        """The ``grade`` event of a submission (raw points, as Open edX's ``grade`` events)."""
        return {"value": earned, "max_value": possible}


def check_quiz(content: str) -> list[Question]:
    """The questions of a quiz's OLX, or ``ValueError`` saying what a course team must fix."""
    questions = parse_quiz(content)
    if not questions:
        raise ValueError("add at least one <question> with its <choice> elements.")
    seen: set[str] = set()
    for question in questions:
        choice_ids = [choice_id for choice_id, _ in question.choices]
        if question.id in seen:
            raise ValueError(f"two questions have the id '{question.id}'.")
        seen.add(question.id)
        if len(choice_ids) < 2 or len(set(choice_ids)) != len(choice_ids):
            raise ValueError(f"question '{question.id}' needs at least two choices with different ids.")
        if not question.correct or not question.correct <= set(choice_ids):
            raise ValueError(f"question '{question.id}': correct must name its right choice id(s).")
    return questions


class LlpQuizBlock(OlxMixin, StudioEditableMixin, CompletableXBlockMixin, ScoredQuestionsBlock):
    """A quiz (see the module docstring)."""

    display_name = String(display_name="Display name", scope=Scope.settings, default="Quiz")
    data = String(
        display_name="Questions (OLX)",
        help='<question id="q1" correct="b"><prompt>...</prompt><choice id="a">...</choice>...</question>',
        scope=Scope.content,
        default="",
        multiline_editor=True,
    )
    # Open edX's problem weight: the points the quiz is worth in its subsection (None: one per question).
    weight = Float(
        display_name="Problem weight",
        help="Points this quiz is worth; empty: one point per question.",
        values={"min": 0, "step": 0.1},
        scope=Scope.settings,
        default=None,
    )
    pass_score = JSONField(
        display_name="Pass score",
        help="The share of right answers needed to pass, 0 to 1 (empty: every answer right).",
        scope=Scope.settings,
        default=None,
    )
    max_attempts = JSONField(
        display_name="Maximum attempts",
        help="Empty: unlimited.",
        scope=Scope.settings,
        default=None,
    )

    editable_fields = ("display_name", "pass_score", "max_attempts", "weight", "data")

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """Scenarios of the xblock-sdk workbench (and its tox environment's tests)."""
        return [
            (
                "LLP quiz",
                '<llp_quiz display_name="Check 1" pass_score="0.5" max_attempts="3">'
                '<question id="q1" correct="b"><prompt>2 + 2?</prompt>'
                '<choice id="a">3</choice><choice id="b">4</choice></question>'
                '<question id="q2" correct="a,c"><prompt>Primes?</prompt><choice id="a">2</choice>'
                '<choice id="b">4</choice><choice id="c">5</choice></question></llp_quiz>',
            )
        ]

    def questions(self) -> list[Question]:
        return parse_quiz(self.data)

    def max_score(self) -> float:
        """Raw possible points (Open edX applies ``weight`` to it): one per question, 0 when unreadable."""
        try:
            return float(len(self.questions()))
        except ValueError:
            return 0.0

    def grade_event(self, earned: int, possible: int) -> dict:
        # The platform keeps the last grade published; the LLP quiz keeps its best (best_score is updated first).
        return {"value": max(earned, round(self.best_score * possible)), "max_value": possible}

    # -- Studio ---------------------------------------------------------------------------------
    def clean_pass_score(self, value: object) -> float | None:
        return optional_number(value, minimum=0, maximum=1)

    def clean_max_attempts(self, value: object) -> int | None:
        return optional_number(value, minimum=1, maximum=MAX_ATTEMPTS_LIMIT, integer=True)  # type: ignore[return-value]

    def clean_weight(self, value: object) -> float | None:
        return optional_number(value, minimum=0, maximum=MAX_WEIGHT)

    def clean_data(self, value: object) -> str:
        if not isinstance(value, str) or len(value) > MAX_QUIZ_OLX:
            raise ValueError(f"the questions' OLX, at most {MAX_QUIZ_OLX} characters.")
        check_quiz(value)
        return value.strip()
