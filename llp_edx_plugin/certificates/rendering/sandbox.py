"""The sandbox every certificate template renders in: a Django template engine with a small, safe language.

Templates uploaded by course teams are untrusted. The engine here has no loaders (nothing can be read from
disk), no context processors, no ``{% load %}``-able libraries and only the tags and filters listed below:
none of them reads files, settings or the database, and none can blow up the output size (``center``,
``ljust``, ``stringformat``, ``lorem`` and loops are left out on purpose; the context holds plain strings only,
so loops would have nothing to iterate over anyway). Unknown variables render as "".
"""

import functools

from django.template import Context, Engine, Library, TemplateSyntaxError, defaultfilters, defaulttags
from django.template.base import Lexer, TokenType

# Module-level library the engine loads as its only builtin (Engine builtins are module paths).
register = Library()

ALLOWED_TAGS = ("if", "with", "comment", "spaceless", "verbatim", "templatetag", "firstof", "filter")
ALLOWED_FILTERS = (
    "upper",
    "lower",
    "title",
    "capfirst",
    "default",
    "default_if_none",
    "escape",
    "force_escape",
    "linebreaksbr",
    "truncatechars",
    "truncatewords",
    "cut",
    "length",
    "first",
    "last",
    "yesno",
    "urlencode",
)
# Named in validation errors: these would reach files, other templates, libraries or internals.
# (autoescape: learner names are user input and must stay escaped.)
FORBIDDEN_TAGS = (
    "load",
    "include",
    "extends",
    "ssi",
    "debug",
    "block",
    "url",
    "csrf_token",
    "now",
    "lorem",
    "for",
    "autoescape",
)
MAX_TEMPLATE_CHARS = 200_000

for _name in ALLOWED_TAGS:
    register.tags[_name] = defaulttags.register.tags[_name]
for _name in ALLOWED_FILTERS:
    register.filters[_name] = defaultfilters.register.filters[_name]


class _SandboxEngine(Engine):
    # Django's own builtins (defaulttags, defaultfilters, loader_tags) are NOT loaded: only ``register`` above.
    default_builtins = []


@functools.cache
def engine() -> Engine:
    """The one sandbox engine of the process (stateless once built, so safe to share)."""
    return _SandboxEngine(
        dirs=[],
        loaders=[],
        context_processors=[],
        debug=False,
        string_if_invalid="",
        libraries={},
        builtins=[__name__],
        autoescape=True,
    )


def validate_custom_template(source: str) -> list[str]:
    """Return the problems of an uploaded template's source (empty list: it may be used)."""
    if not isinstance(source, str) or not source.strip():
        return ["The template is empty."]
    if len(source) > MAX_TEMPLATE_CHARS:
        return [f"The template is too long ({len(source)} characters; at most {MAX_TEMPLATE_CHARS})."]
    errors: list[str] = []
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK or not token.contents.strip():
            continue
        name = token.split_contents()[0]
        if name in FORBIDDEN_TAGS:
            errors.append(f"Line {token.lineno}: the tag {{% {name} %}} is not allowed in certificate templates.")
    if errors:
        return errors
    try:
        engine().from_string(source)
    except TemplateSyntaxError as exc:
        errors.append(f"Template syntax error: {exc}")
    return errors


@functools.lru_cache(maxsize=64)
def _compiled(source: str):
    return engine().from_string(source)


def render_template(source: str, context: dict[str, str]) -> str:
    """Render ``source`` in the sandbox with a context of plain strings (compiled templates are cached)."""
    if any(not isinstance(value, str) for value in context.values()):
        raise TypeError("The sandbox context holds plain strings only")
    template = _compiled(source)
    return template.render(Context(context, autoescape=True))
