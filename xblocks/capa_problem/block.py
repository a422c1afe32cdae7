"""Imported Open edX CAPA ``problem`` blocks, gradable through the same ``submit`` handler as ``llp_quiz``.

Supported response types: ``multiplechoiceresponse`` (``choicegroup``, choices with ``correct="true"``),
``choiceresponse`` (``checkboxgroup``: the exact set of correct choices), ``stringresponse`` (``answer=``
and ``<additional_answer answer=>``; ``type`` containing ``ci`` compares case-insensitively, ``regexp``
matches a regular expression) and ``numericalresponse`` (``answer=`` a number or a range ``[a, b]``,
``<responseparam type="tolerance" default="5%"/>`` or an absolute tolerance). A problem holding any other
``*response`` cannot be graded here (400 with a message; the importer marks it unsupported).

Question ids: the response's ``id`` attribute when it has one, else its 1-based position among the
problem's responses: ``"1"``, ``"2"``, ... Choice ids: the choice's ``name`` attribute, else ``choice_0``,
``choice_1``, ... (in order, as Open edX names them). Answers: a choice id (multiple choice), a list of
choice ids (checkboxes), a string (text), a number or numeric string (numerical).
Scoring, attempts (``max_attempts``), ``pass_score`` (default 1.0) and user state: as ``llp_quiz``.
"""

import math
import re
import xml.etree.ElementTree as ET

from xblock.fields import Scope, String

from xblocks.llp_quiz.block import ScoredQuestionsBlock, element_text, parse_xml
from xblocks.llp_quiz.questions import MULTIPLE, NUMBER, SINGLE, TEXT, Question, parse_number

SUPPORTED_RESPONSES = ("multiplechoiceresponse", "choiceresponse", "stringresponse", "numericalresponse")
_RANGE = re.compile(r"^\s*([\[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])\s*$")


def _prompt(response: ET.Element, parents: dict) -> str:
    label = response.find(".//label")
    if label is not None:
        return element_text(label)
    parent = parents.get(response)
    if parent is None:
        return ""
    before = []
    for child in parent:
        if child is response:
            break
        if isinstance(child.tag, str) and child.tag.endswith("response"):
            before = []  # a prompt belongs to the response right after it
        elif child.tag in ("p", "label"):
            before.append(child)
    return element_text(before[-1]) if before else ""


def _choices(response: ET.Element, group_tag: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    choices, correct = [], set()
    for index, choice in enumerate(response.iter("choice")):
        choice_id = choice.get("name") or f"choice_{index}"
        choices.append((choice_id, element_text(choice)))
        if (choice.get("correct") or "").strip().lower() == "true":
            correct.add(choice_id)
    if not choices:
        raise ValueError(f"A {response.tag} has no {group_tag} choices.")
    return tuple(choices), frozenset(correct)


def _string_matcher(response: ET.Element):
    answers = [response.get("answer") or ""]
    for extra in response.iter("additional_answer"):
        answers.append(extra.get("answer") or extra.text or "")
    answers = [a.strip() for a in answers if a.strip()]
    if not answers:
        raise ValueError("A stringresponse has no answer.")
    mode = (response.get("type") or "").lower()
    flags = re.IGNORECASE if "ci" in mode.split() else 0
    if "regexp" in mode.split():
        try:
            patterns = [re.compile(a, flags) for a in answers]
        except re.error as exc:
            raise ValueError(f"A stringresponse has a broken regular expression: {exc}") from exc
        return lambda value: any(p.fullmatch(str(value).strip()) for p in patterns)
    if flags:
        lowered = {a.lower() for a in answers}
        return lambda value: str(value).strip().lower() in lowered
    return lambda value: str(value).strip() in answers


def _tolerance(response: ET.Element, answer: float) -> float:
    for param in response.iter("responseparam"):
        if param.get("type") == "tolerance":
            raw = (param.get("default") or "").strip()
            if raw.endswith("%"):
                percent = parse_number(raw[:-1])
                if percent is not None:
                    return abs(answer) * percent / 100
            number = parse_number(raw)
            if number is not None:
                return abs(number)
    return 1e-9 * max(1.0, abs(answer))  # exact, up to float noise


def _number_matcher(response: ET.Element):
    raw = (response.get("answer") or "").strip()
    bounds = _RANGE.match(raw)
    if bounds:
        low, high = parse_number(bounds.group(2)), parse_number(bounds.group(3))
        if low is None or high is None:
            raise ValueError(f"A numericalresponse has an answer range that is not numeric: {raw!r}.")
        low_open, high_open = bounds.group(1) == "(", bounds.group(4) == ")"
        return lambda x: (low < x if low_open else low <= x) and (x < high if high_open else x <= high)
    answer = parse_number(raw)
    if answer is None:
        raise ValueError(f"A numericalresponse answer is not a number: {raw!r}.")
    tolerance = _tolerance(response, answer)
    return lambda x: math.isclose(x, answer, abs_tol=tolerance) or abs(x - answer) <= tolerance


def parse_problem(content: str) -> list[Question]:
    """The gradable questions of a CAPA problem's XML; ``ValueError`` when it cannot be graded here."""
    root = parse_xml(content, "problem")
    parents = {child: parent for parent in root.iter() for child in parent}
    responses = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("response")]
    unsupported = sorted({el.tag for el in responses if el.tag not in SUPPORTED_RESPONSES})
    if unsupported:
        raise ValueError(f"This problem has response types that cannot be graded here: {', '.join(unsupported)}.")
    questions = []
    for index, response in enumerate(responses, start=1):
        base = {"id": response.get("id") or str(index), "prompt": _prompt(response, parents)}
        if response.tag == "multiplechoiceresponse":
            choices, correct = _choices(response, "choicegroup")
            questions.append(Question(kind=SINGLE, choices=choices, correct=correct, **base))
        elif response.tag == "choiceresponse":
            choices, correct = _choices(response, "checkboxgroup")
            questions.append(Question(kind=MULTIPLE, choices=choices, correct=correct, **base))
        elif response.tag == "stringresponse":
            questions.append(Question(kind=TEXT, matches=_string_matcher(response), **base))
        else:
            questions.append(Question(kind=NUMBER, matches=_number_matcher(response), **base))
    return questions


class CapaProblemBlock(ScoredQuestionsBlock):
    """An imported CAPA problem (see the module docstring)."""

    display_name = String(scope=Scope.settings, default="Problem")
    data = String(scope=Scope.content, default="")

    def questions(self) -> list[Question]:
        return parse_problem(self.data)
