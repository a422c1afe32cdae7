"""CAPA problems as Open edX grades them: the supported response types, their inputs, and bounded grading.

Pure (no Django): the OLX importer uses it to decide what a problem is worth and whether it can be graded
here, and the ``problem`` XBlock to grade submissions. Semantics follow edx-platform's
``xmodule/capa/responsetypes.py`` and ``xmodule/capa/util.py`` (see ADR 0036); expressions are parsed by
``openedx-calc``, the evaluator Open edX itself uses, and evaluated here with floats only and bounded input,
so a hostile expression (``9^9^9^9``, 10,000 characters) fails fast instead of hanging.

Inputs: every input of a response is worth one point (Open edX's ``get_max_score``): a ``choicegroup``,
a ``checkboxgroup``, each ``optioninput`` of an ``optionresponse``, the text input of a ``stringresponse``,
``numericalresponse`` or ``formularesponse``. Input ids: the response's ``id`` attribute, else its 1-based
position among the problem's responses (``"1"``, ``"2"``); an ``optionresponse`` with several dropdowns
numbers them ``"<id>_1"``, ``"<id>_2"``. Choice ids: the choice's ``name``, else ``choice_0``, ``choice_1``.
Dropdown answers are the option's text.

Cannot be graded here (``ProblemError``): any other response type (``customresponse``, ...), an answer or
parameter computed by the problem's ``<script>`` (``$z``), an answer that is not a valid expression, a
formula without usable ``samples``.
"""

import math
import random
import re
import shlex
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache, reduce

from django.utils.translation import gettext as _

SINGLE, MULTIPLE, TEXT = "single", "multiple", "text"
SUPPORTED_RESPONSES = frozenset(
    {
        "multiplechoiceresponse",
        "choiceresponse",
        "optionresponse",
        "stringresponse",
        "numericalresponse",
        "formularesponse",
    }
)
# Learner input bounds: longer or deeper expressions are refused before parsing (a clear 400, never a hang).
MAX_EXPRESSION_LENGTH = 500
MAX_EXPRESSION_NESTING = 30
MAX_TEXT_LENGTH = 1000
MAX_SAMPLES = 100
DEFAULT_TOLERANCE = "0.001%"  # Open edX's default: relative, for float noise
_SCRIPT_VARIABLE = re.compile(r"\$[A-Za-z_]\w*")
_TRUE = {"true"}


class ProblemError(ValueError):
    """The problem cannot be graded here (its content, not the learner's answer)."""


class InputError(ValueError):
    """A learner's answer that could not be graded (bad syntax, too long, out of range): no attempt is used."""


# --- expressions -----------------------------------------------------------------------------------------


def _calc():
    from calc import calc  # openedx-calc; imported on use (numpy and pyparsing are slow to import)

    return calc


def _factorial(value):
    number = complex(value)
    if number.imag or number.real < 0 or not float(number.real).is_integer():
        raise ValueError("factorial() only accepts non-negative integral values")
    if number.real > 170:  # beyond a float: never build a huge integer
        return math.inf
    return float(math.factorial(int(number.real)))


def _power(operands):
    numbers = [k for k in operands if not isinstance(k, str)]
    # Right to left, as Open edX (2^3^2 = 2^9); floats overflow at once where integers would take forever.
    return reduce(lambda exponent, base: base**exponent, reversed(numbers))


def _nesting(expression: str) -> int:
    depth = deepest = 0
    for char in expression:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def _compile(node, case_sensitive: bool):
    """openedx-calc's parse tree as nested closures over ``(variables, functions)``: built once, evaluated at
    every sample without walking pyparsing's results again (what ``ParseAugmenter.reduce_tree`` does)."""
    from pyparsing import ParseResults

    calc = _calc()
    name = node.get_name()
    parts = list(node)
    if name == "number":
        text = "".join(parts)
        value = calc.super_float(text) if text[-1] in calc.SUFFIXES else float(text)
        return lambda env: value
    if name == "variable":
        key = parts[0] if case_sensitive else parts[0].lower()
        return lambda env: env[0][key]
    kids = [_compile(k, case_sensitive) if isinstance(k, ParseResults) else k for k in parts]
    if name == "function":
        key = kids[0] if case_sensitive else kids[0].lower()
        argument = kids[1]
        return lambda env: env[1][key](argument(env))
    operands = [k for k in kids if not isinstance(k, str)]
    if name == "atom":
        return operands[0]  # a number, variable, function or parenthesised expression
    if name == "power":
        return lambda env: _power([k(env) for k in operands])
    if name == "parallel":
        return lambda env: calc.eval_parallel([k(env) for k in operands])
    # product and sum: operators and operands in order, the operators kept as strings
    reduce_action = calc.eval_product if name == "product" else calc.eval_sum
    return lambda env: reduce_action([k if isinstance(k, str) else k(env) for k in kids])


@dataclass(frozen=True)
class Expression:
    """A parsed expression, evaluated many times (formula sampling) without parsing it again."""

    text: str
    case_sensitive: bool
    _tree: object = field(repr=False, compare=False)
    _compiled: Callable = field(repr=False, compare=False)

    def evaluate(self, variables: Mapping[str, float] | None = None) -> complex | float:
        """Its value; ``InputError`` on a math error, an unknown name or an out-of-range result."""
        calc = _calc()
        import numpy

        all_variables, functions = calc.add_defaults(dict(variables or {}), {}, self.case_sensitive)
        functions = {**functions, "fact": _factorial, "factorial": _factorial}
        try:
            self._tree.check_variables(all_variables, functions)
        except calc.UndefinedVariable as exc:
            raise InputError(
                _("Could not be graded: {reason}.").format(reason=str(exc).removeprefix("Invalid Input: "))
            ) from exc
        try:
            with numpy.errstate(all="ignore"):
                value = complex(self._compiled((all_variables, functions)))
        except OverflowError as exc:
            raise InputError(
                _("Could not be graded: '{text}' is too large a number.").format(text=_shown(self.text))
            ) from exc
        except (ArithmeticError, ValueError, TypeError, RecursionError) as exc:
            raise InputError(
                _("Could not be graded: '{text}' cannot be evaluated ({reason}).").format(
                    text=_shown(self.text), reason=exc
                )
            ) from exc
        return value.real if not value.imag else value


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def parse_expression(text: object, *, case_sensitive: bool = False) -> Expression:
    """Parse a math expression (``9.3*10^7``, ``3/4``, ``pi``, ``x^2+y``); ``InputError`` when it cannot be."""
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise InputError(_("Answer with a number or an expression."))
    text = str(text).strip()
    if not text:
        raise InputError(_("Answer with a number or an expression."))
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise InputError(
            _("Could not be graded: the expression is longer than {limit} characters.").format(
                limit=MAX_EXPRESSION_LENGTH
            )
        )
    if _nesting(text) > MAX_EXPRESSION_NESTING:
        raise InputError(
            _("Could not be graded: the expression nests more than {limit} parentheses deep.").format(
                limit=MAX_EXPRESSION_NESTING
            )
        )
    calc = _calc()
    from pyparsing import ParseException

    try:
        calc.check_parens(text)
        tree = calc.ParseAugmenter(text, case_sensitive)
        with warnings.catch_warnings():  # openedx-calc calls pyparsing's older (deprecated) method names
            warnings.simplefilter("ignore", DeprecationWarning)
            tree.parse_algebra()
    except calc.UnmatchedParenthesis as exc:
        raise InputError(_("Could not be graded: {reason}").format(reason=exc)) from exc
    except (ParseException, RecursionError) as exc:
        raise InputError(_("Could not be graded: invalid math syntax '{text}'.").format(text=_shown(text))) from exc
    try:
        compiled = _compile(tree.tree, case_sensitive)
    except RecursionError as exc:
        raise InputError(_("Could not be graded: '{text}' is nested too deeply.").format(text=_shown(text))) from exc
    return Expression(text=text, case_sensitive=case_sensitive, _tree=tree, _compiled=compiled)


def evaluate(text: object, variables: Mapping[str, float] | None = None, *, case_sensitive: bool = False):
    """Parse and evaluate an expression: a float, or a complex when it has an imaginary part."""
    return parse_expression(text, case_sensitive=case_sensitive).evaluate(variables)


@lru_cache(maxsize=256)
def _constant(text: str) -> complex | float:
    """A constant expression (a tolerance), parsed once: formula grading compares every sample with it."""
    return evaluate(text)


def compare_with_tolerance(student, instructor, tolerance: object = DEFAULT_TOLERANCE, relative: bool = False) -> bool:
    """Open edX's ``compare_with_tolerance``: ``"5%"`` of the instructor's value, an absolute number, or the
    default ``0.001%`` relative to the larger of both; reals compared as decimals."""
    if isinstance(tolerance, str):
        if tolerance == DEFAULT_TOLERANCE:
            relative = True
        if tolerance.endswith("%"):
            tolerance = abs(_constant(tolerance[:-1])) * 0.01
            if not relative:
                tolerance *= abs(instructor)
        else:
            tolerance = abs(_constant(tolerance))
    if relative:
        tolerance *= max(abs(student), abs(instructor))
    student, instructor = complex(student), complex(instructor)
    if math.isinf(abs(student)) or math.isinf(abs(instructor)):
        return student == instructor
    if student.imag or instructor.imag:
        return abs(student - instructor) <= tolerance
    if math.isnan(student.real) or math.isnan(instructor.real) or math.isnan(tolerance):
        return False
    try:
        return abs(Decimal(str(student.real)) - Decimal(str(instructor.real))) <= Decimal(str(tolerance))
    except InvalidOperation:
        return False


# --- problems --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """One answerable input, worth one point. ``kind``: single (a choice id), multiple (a list), text."""

    id: str
    prompt: str
    kind: str
    response_type: str
    choices: tuple[tuple[str, str], ...] = ()  # (choice id, text)
    grade: Callable[[object], float] = field(default=lambda value: 0.0, compare=False, repr=False)

    def clean(self, value: object) -> object:
        """The answer as stored; ``InputError`` when it has the wrong shape."""
        choice_ids = {choice_id for choice_id, _ in self.choices}
        if self.kind == SINGLE:
            if not isinstance(value, str) or value not in choice_ids:
                raise InputError(_("Question '{id}': answer with one of its choices.").format(id=self.id))
            return value
        if self.kind == MULTIPLE:
            if not isinstance(value, list) or not all(isinstance(v, str) and v in choice_ids for v in value):
                raise InputError(_("Question '{id}': answer with a list of its choice ids.").format(id=self.id))
            return sorted(set(value))
        if self.response_type in ("numericalresponse", "formularesponse"):
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise InputError(_("Question '{id}': answer with a number or an expression.").format(id=self.id))
            if isinstance(value, str) and len(value) > MAX_EXPRESSION_LENGTH:
                raise InputError(
                    _("Question '{id}': Could not be graded: the expression is longer than {limit} characters.").format(
                        id=self.id, limit=MAX_EXPRESSION_LENGTH
                    )
                )
            if not isinstance(value, str) and not math.isfinite(value):
                raise InputError(_("Question '{id}': answer with a number or an expression.").format(id=self.id))
            return value if isinstance(value, str) else repr(value)
        if not isinstance(value, str) or len(value) > MAX_TEXT_LENGTH:
            raise InputError(
                _("Question '{id}': answer with a text of at most {limit} characters.").format(
                    id=self.id, limit=MAX_TEXT_LENGTH
                )
            )
        return value

    def credit(self, cleaned: object) -> float:
        """The points a cleaned answer earns (1 right, 0 wrong, 0.5 or 0.25 partial credit); ``InputError`` when
        it could not be graded."""
        try:
            return float(self.grade(cleaned))
        except InputError as exc:
            raise InputError(_("Question '{id}': {reason}").format(id=self.id, reason=exc)) from exc

    def is_correct(self, cleaned: object) -> bool:
        return self.credit(cleaned) >= 1.0


@dataclass(frozen=True)
class ProblemInfo:
    """What the importer keeps of a problem: its response types, inputs (points) and why it cannot be graded."""

    response_types: tuple[str, ...]
    inputs: int
    unsupported: str = ""  # the reason, empty when it can be graded here

    @property
    def supported(self) -> bool:
        return not self.unsupported


_HINTS = frozenset({"choicehint", "optionhint", "correcthint", "hint"})


def _text(element: ET.Element) -> str:
    """The element's text, whitespace collapsed, without its hints (Open edX shows them after an answer)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _HINTS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _parse(content: str) -> ET.Element:
    from defusedxml import ElementTree as SafeET

    text = (content or "").strip()
    if not text.startswith("<problem"):
        text = f"<problem>{text}</problem>"
    try:
        return SafeET.fromstring(text)
    except (ET.ParseError, ValueError) as exc:  # defusedxml's refusals are ValueErrors too
        raise ProblemError(f"The problem is not valid XML: {exc}") from exc


def _responses(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if el is not root and isinstance(el.tag, str) and el.tag.endswith("response")]


def _prompt(response: ET.Element, parents: dict) -> str:
    label = response.find(".//label")
    if label is not None:
        return _text(label)
    labelled = next((node.get("label") for node in response.iter() if node.get("label")), None)
    if labelled:  # an older form: <textline label="...">
        return " ".join(labelled.split())
    parent = parents.get(response)
    if parent is None:
        return ""
    before: list[ET.Element] = []
    for child in parent:
        if child is response:
            break
        if isinstance(child.tag, str) and child.tag.endswith("response"):
            before = []  # a prompt belongs to the response right after it
        elif child.tag in ("p", "label"):
            before.append(child)
    return _text(before[-1]) if before else ""


def _script_variable(response: ET.Element) -> str | None:
    """A ``$name`` in any attribute or answer text of the response: its answer comes from the script."""
    for node in response.iter():
        values = list(node.attrib.values())
        if node.tag in ("additional_answer", "option"):
            values.append(node.text or "")
        for value in values:
            found = _SCRIPT_VARIABLE.search(value or "")
            if found:
                return found.group(0)
    return None


def _choices(response: ET.Element, group: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    choices, correct = [], set()
    for index, choice in enumerate(response.iter("choice")):
        choice_id = choice.get("name") or f"choice_{index}"
        choices.append((choice_id, _text(choice)))
        if (choice.get("correct") or "").strip().lower() in _TRUE:
            correct.add(choice_id)
    if not choices:
        raise ProblemError(f"A {response.tag} has no {group} choices.")
    return tuple(choices), frozenset(correct)


def _options(optioninput: ET.Element) -> tuple[list[str], set[str]]:
    """A dropdown's options and correct ones: ``options="('a','b')" correct="a"`` or ``<option correct=>``."""
    children = optioninput.findall("option")
    if children:
        options = [" ".join((o.text or "").split()) for o in children]
        correct = {text for o, text in zip(children, options, strict=True) if (o.get("correct") or "").lower() in _TRUE}
        return options, correct
    raw = (optioninput.get("options") or "").strip()
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1]
    lexer = shlex.shlex(raw, posix=False)
    lexer.quotes, lexer.whitespace = "'", ", "
    try:
        options = [token[1:-1].replace("\\'", "'") if token[:1] == "'" else token for token in lexer]
    except ValueError as exc:
        raise ProblemError(f"A dropdown's options cannot be read: {raw!r}.") from exc
    return options, {(optioninput.get("correct") or "").strip()} - {""}


def _string_grader(response: ET.Element) -> Callable[[object], bool]:
    answer = (response.get("answer") or "").strip()
    mode = (response.get("type") or "").lower().split()
    insensitive = "ci" in mode or (response.get("case_sensitive") or "").strip().lower() == "false"
    if "_or_" in answer.lower():  # Open edX's legacy "a_or_b" form
        expected = [a.strip() for a in re.split("_or_", answer, flags=re.IGNORECASE)]
    else:
        extra = [(e.get("answer") or e.text or "").strip() for e in response.findall("additional_answer")]
        expected = [answer, *extra]
    expected = [a for a in expected if a]
    if not expected:
        raise ProblemError("A stringresponse has no answer.")
    if "regexp" in mode:
        try:
            # As Open edX: one pattern '^' + 'a|b' + '$', searched.
            pattern = re.compile("^" + "|".join(expected) + "$", re.IGNORECASE if insensitive else 0)
        except re.error as exc:
            raise ProblemError(f"A stringresponse has a broken regular expression: {exc}") from exc
        return lambda given: bool(str(given).strip()) and pattern.search(str(given).strip()) is not None
    if insensitive:
        lowered = {a.lower() for a in expected}
        return lambda given: bool(str(given).strip()) and str(given).strip().lower() in lowered
    return lambda given: bool(str(given).strip()) and str(given).strip() in expected


def _tolerance(response: ET.Element) -> str:
    for param in response.iter("responseparam"):
        if param.get("type") == "tolerance" and (param.get("default") or "").strip():
            return param.get("default").strip()
    return DEFAULT_TOLERANCE


def _staff_value(text: str, what: str):
    """As Open edX: Python's ``complex()`` first (``"3"``, ``"1+2j"``), else an expression (``9.3*10^7``)."""
    try:
        value = complex(text)
    except ValueError:
        try:
            return evaluate(text)
        except InputError as exc:
            raise ProblemError(f"A {what} answer is not a valid number or expression: {text!r}.") from exc
    return value.real if not value.imag else value


def _check_tolerance(tolerance: str) -> None:
    try:
        evaluate(tolerance[:-1] if tolerance.endswith("%") else tolerance)
    except InputError as exc:
        raise ProblemError(f"A tolerance is not a number: {tolerance!r}.") from exc


def _partial_credit(response: ET.Element) -> tuple[set[str], float, list]:
    """Open edX's numerical partial credit: the styles (``close``, ``list``), the range multiple, the answers."""
    styles = (response.get("partial_credit") or "false").strip().lower()
    if styles == "false":
        return set(), 2.0, []
    partial_range, partial_answers = 2.0, []
    for param in response.findall("responseparam"):
        if param.get("partial_range"):
            try:
                partial_range = float(param.get("partial_range"))
            except ValueError as exc:
                raise ProblemError(f"A partial_range is not a number: {param.get('partial_range')!r}.") from exc
        if param.get("partial_answers"):
            partial_answers = [
                _staff_value(a.strip(), "numericalresponse partial") for a in param.get("partial_answers").split(",")
            ]
    return {word.strip() for word in styles.split(",")}, partial_range, partial_answers


def _numerical_grader(response: ET.Element) -> Callable[[object], float]:
    answer = (response.get("answer") or "").strip()
    if not answer:
        raise ProblemError("A numericalresponse has no answer.")
    styles, partial_range, partial_answers = _partial_credit(response)
    if answer[0] in "[(" and answer[-1] in "])":
        parts = answer[1:-1].split(",")
        if len(parts) != 2:
            raise ProblemError(f"A numericalresponse range is not '[low, high]': {answer!r}.")
        bounds = [_staff_value(p.strip(), "numericalresponse range") for p in parts]
        if any(complex(b).imag or math.isnan(complex(b).real) for b in bounds):
            raise ProblemError(f"A numericalresponse range has a complex or empty bound: {answer!r}.")
        low, high = (complex(b).real for b in bounds)
        inclusive = (answer[0] == "[", answer[-1] == "]")
        width = partial_range * (high - low)

        def in_range(given: object) -> float:
            value = evaluate(given)
            if isinstance(value, complex):
                raise InputError("complex numbers are not allowed in a range answer.")
            for bound, included in zip((low, high), inclusive, strict=True):
                if compare_with_tolerance(value, bound, tolerance=math.ulp(1.0), relative=True):
                    return 1.0 if included else 0.0
            if low < value < high:
                return 1.0
            # As Open edX: half credit within the range widened by partial_range times its width.
            return 0.5 if "close" in styles and low - width < value < high + width else 0.0

        return in_range
    expected = _staff_value(answer, "numericalresponse")
    tolerance = _tolerance(response)
    _check_tolerance(tolerance)
    # Open edX widens the tolerance by partial_range for "close" (a percent stays a percent).
    if tolerance.endswith("%"):
        expanded: object = f"{partial_range * float(_constant(tolerance[:-1]).real)}%"
    else:
        expanded = partial_range * float(_constant(tolerance).real)

    def numerical(given: object) -> float:
        value = evaluate(given)
        if compare_with_tolerance(value, expected, tolerance):
            return 1.0
        if "list" in styles:  # Open edX's order: each partial answer, then "close" around both
            for other in partial_answers:
                if compare_with_tolerance(value, other, tolerance):
                    return 0.5
                if "close" in styles:
                    if compare_with_tolerance(value, expected, expanded):
                        return 0.5
                    if compare_with_tolerance(value, other, expanded):
                        return 0.25
            return 0.0
        if "close" in styles and compare_with_tolerance(value, expected, expanded):
            return 0.5
        return 0.0

    return numerical


def _samples(text: str) -> tuple[list[str], dict[str, tuple[float, float]], int]:
    """``"x,y@1,1:10,10#20"``: the variables, each one's (low, high) range and the number of samples."""
    try:
        names_part, rest = text.split("@", 1)
        ranges_part, count_part = rest.split("#", 1)
        names = [n.strip() for n in names_part.split(",") if n.strip()]
        lows, highs = ([float(evaluate(v)) for v in part.split(",")] for part in ranges_part.split(":", 1))
        count = int(count_part.strip())
    except (ValueError, TypeError, InputError) as exc:
        raise ProblemError(f"A formularesponse has samples that cannot be read: {text!r}.") from exc
    if not names or len(lows) != len(names) or len(highs) != len(names) or not 1 <= count <= MAX_SAMPLES:
        raise ProblemError(f"A formularesponse has samples that cannot be used: {text!r}.")
    return names, {n: (lo, hi) for n, lo, hi in zip(names, lows, highs, strict=True)}, count


def _formula_grader(response: ET.Element) -> Callable[[object], bool]:
    answer = (response.get("answer") or "").strip()
    samples = (response.get("samples") or "").strip()
    if not answer or not samples:
        raise ProblemError("A formularesponse needs an answer and samples.")
    case_sensitive = "cs" in (response.get("type") or "").lower().replace(",", " ").split()
    names, ranges, count = _samples(samples)
    # Sampled as Open edX does (uniformly in each range), seeded by the problem so grading is repeatable.
    rng = random.Random(f"{answer}|{samples}")  # noqa: S311 - sampling points, not secrets
    points = [{n: rng.uniform(*ranges[n]) for n in names} for _ in range(count)]
    tolerance = _tolerance(response)
    _check_tolerance(tolerance)
    try:
        expected_expr = parse_expression(answer, case_sensitive=case_sensitive)
        expected = [expected_expr.evaluate(p) for p in points]
    except InputError as exc:
        raise ProblemError(f"A formularesponse answer cannot be evaluated on its samples: {answer!r}.") from exc

    def same_formula(given: object) -> bool:
        expression = parse_expression(given, case_sensitive=case_sensitive)
        return all(
            compare_with_tolerance(expression.evaluate(p), e, tolerance) for p, e in zip(points, expected, strict=True)
        )

    return same_formula


def _inputs_of(response: ET.Element, base_id: str, prompt: str) -> list[Input]:
    tag = response.tag
    if tag == "multiplechoiceresponse":
        choices, correct = _choices(response, "choicegroup")
        return [Input(base_id, prompt, SINGLE, tag, choices, lambda value, c=correct: value in c)]
    if tag == "choiceresponse":
        choices, correct = _choices(response, "checkboxgroup")
        return [Input(base_id, prompt, MULTIPLE, tag, choices, lambda value, c=correct: frozenset(value) == c)]
    if tag == "optionresponse":
        dropdowns = list(response.iter("optioninput"))
        if not dropdowns:
            raise ProblemError("An optionresponse has no optioninput.")
        inputs = []
        for number, dropdown in enumerate(dropdowns, start=1):
            options, correct = _options(dropdown)
            if not options:
                raise ProblemError("A dropdown has no options.")
            input_id = base_id if len(dropdowns) == 1 else f"{base_id}_{number}"
            label = prompt if len(dropdowns) == 1 else f"{prompt} ({number})".strip()
            choices = tuple((o, o) for o in dict.fromkeys(options))
            inputs.append(Input(input_id, label, SINGLE, tag, choices, lambda value, c=correct: value in c))
        return inputs
    if tag == "stringresponse":
        return [Input(base_id, prompt, TEXT, tag, grade=_string_grader(response))]
    if tag == "numericalresponse":
        return [Input(base_id, prompt, TEXT, tag, grade=_numerical_grader(response))]
    return [Input(base_id, prompt, TEXT, tag, grade=_formula_grader(response))]


def parse_problem(content: str) -> list[Input]:
    """The inputs of a problem's XML, in order; ``ProblemError`` when it cannot be graded here."""
    root = _parse(content)
    parents = {child: parent for parent in root.iter() for child in parent}
    responses = _responses(root)
    if not responses:
        raise ProblemError("This problem has no response to grade.")
    unsupported = sorted({el.tag for el in responses if el.tag not in SUPPORTED_RESPONSES})
    if unsupported:
        raise ProblemError(f"This problem has response types that cannot be graded here: {', '.join(unsupported)}.")
    inputs: list[Input] = []
    for index, response in enumerate(responses, start=1):
        variable = _script_variable(response)
        if variable:
            raise ProblemError(f"Its answer is computed by the problem's script ({variable}).")
        inputs.extend(_inputs_of(response, response.get("id") or str(index), _prompt(response, parents)))
    return inputs


def problem_info(content: str) -> ProblemInfo:
    """Response types, points (inputs) and, when it cannot be graded here, why (for the importer)."""
    try:
        root = _parse(content)
    except ProblemError as exc:
        return ProblemInfo((), 0, str(exc))
    responses = _responses(root)
    types = tuple(dict.fromkeys(el.tag for el in responses))
    inputs = sum(len(list(el.iter("optioninput"))) or 1 if el.tag == "optionresponse" else 1 for el in responses)
    try:
        parse_problem(content)
    except ProblemError as exc:
        return ProblemInfo(types, inputs, str(exc))
    return ProblemInfo(types, inputs)
