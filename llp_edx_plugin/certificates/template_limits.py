"""Structural limits of an uploaded certificate template, checked before it is compiled or rendered.

WeasyPrint and Django's template parser recurse per nesting level: 5,000 nested ``<div>`` (or ``{% if %}``)
exhaust the stack after seconds of work. A certificate needs a few dozen levels and a few hundred elements;
these bounds are far above that and far below what hurts (docs/decisions/0025-input-limits.md).
"""

from html.parser import HTMLParser

from django.template.base import Lexer, TokenType

from ..json_input import bad_text_reason

__all__ = ["MAX_BLOCK_DEPTH", "MAX_ELEMENTS", "MAX_HTML_DEPTH", "template_structure_problem"]

MAX_HTML_DEPTH = 64
MAX_ELEMENTS = 5000
MAX_BLOCK_DEPTH = 32

# Elements without content, and those whose end tag HTML lets an author leave out (closed by the next one).
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905 - a word list
)
_OPTIONAL_END = frozenset("p li dt dd tr td th option thead tbody tfoot colgroup rt rp".split())  # noqa: SIM905
# Django tags that open a block closed by ``end<name>``.
_BLOCK_TAGS = frozenset(
    "if for with block filter spaceless autoescape comment ifchanged verbatim blocktrans blocktranslate".split()  # noqa: SIM905
)


class _Limited(Exception):
    pass


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.elements = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _Limited(f"The template has more than {MAX_ELEMENTS} HTML elements.")
        if tag in _VOID:
            return
        if tag in _OPTIONAL_END and self.open and self.open[-1] == tag:
            self.open.pop()
        self.open.append(tag)
        if len(self.open) > MAX_HTML_DEPTH:
            raise _Limited(f"HTML elements nest deeper than {MAX_HTML_DEPTH} levels.")

    def handle_startendtag(self, tag, attrs) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _Limited(f"The template has more than {MAX_ELEMENTS} HTML elements.")

    def handle_endtag(self, tag) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def _block_depth_problem(source: str) -> str | None:
    depth = 0
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK or not token.contents.strip():
            continue
        name = token.contents.split()[0]
        if name in _BLOCK_TAGS:
            depth += 1
            if depth > MAX_BLOCK_DEPTH:
                return f"Template tags nest deeper than {MAX_BLOCK_DEPTH} levels."
        elif name.startswith("end") and depth:
            depth -= 1
    return None


def template_structure_problem(source: str) -> str | None:
    """Why this template source may not even be compiled (bad characters, nesting, size), or None."""
    reason = bad_text_reason(source)
    if reason:
        return f"The template: {reason}"
    counter = _Counter()
    try:
        counter.feed(source)
        counter.close()
    except _Limited as exc:
        return str(exc)
    return _block_depth_problem(source)
