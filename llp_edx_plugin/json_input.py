"""One strict reader for every JSON (and form) input the plugin accepts: hostile values are a 400, never a 500.

The REST API and the XBlock handler view parse bodies with the DRF parsers below; OLX import reads its JSON
policy files with ``loads``; domain functions check free text that arrives another way (CSV rows, template
uploads) with ``check_text``. Limits (docs/decisions/0025-input-limits.md): nesting depth, integer digits,
finite numbers only, no lone surrogate or NUL in any string or key, UTF-8 only.
"""

import json
import math
import re
from datetime import UTC, datetime
from typing import Any

from rest_framework import exceptions
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from .errors import FieldErrors

__all__ = [
    "MAX_DB_INT",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "InputError",
    "StrictFormParser",
    "StrictJSONParser",
    "StrictMultiPartParser",
    "bad_parameter",
    "bad_text_reason",
    "check_text",
    "check_url_parameters",
    "check_value",
    "fits_a_database_integer",
    "in_utc_range",
    "loads",
    "strict_parsers",
]

# Deeper than any body of the contract (settings are 4 levels) and far below Python's recursion limit.
MAX_DEPTH = 32
# More than any id, count or timestamp needs; below Python's int-string conversion limit (4300 digits).
MAX_INT_DIGITS = 30

# A lone surrogate cannot be encoded (UTF-8, PostgreSQL); NUL is refused by PostgreSQL text columns.
_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")


class InputError(ValueError):
    """Input that is not acceptable; ``field`` is the dotted path of the offending value when known."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def bad_text_reason(value: str) -> str | None:
    """Why this string may not be stored (a NUL or a lone surrogate), or None when it may."""
    match = _BAD_CHAR.search(value)
    if match is None:
        return None
    if match.group() == "\x00":
        return "Must not contain NUL characters."
    return "Must not contain unpaired surrogate characters."


def check_text(value: str, field: str) -> str:
    """``value`` unchanged, or ``FieldErrors`` on ``field`` when it holds a NUL or a lone surrogate."""
    reason = bad_text_reason(value)
    if reason:
        raise FieldErrors.single(field, reason)
    return value


# The largest value of a 64-bit integer column (BigAutoField ids).
MAX_DB_INT = 2**63 - 1


def bad_parameter(params) -> tuple[str, str] | None:
    """The first ``(name, reason)`` of a mapping of URL parameters (path or query) holding a bad string."""
    items = params.lists() if hasattr(params, "lists") else ((k, [v]) for k, v in params.items())
    for name, values in items:
        for value in (name, *values):
            reason = bad_text_reason(value) if isinstance(value, str) else None
            if reason:
                return str(name), reason
    return None


def in_utc_range(value: datetime) -> bool:
    """Whether an aware datetime is still within years 1-9999 once in UTC (where the database stores it)."""
    try:
        value.astimezone(UTC)
    except OverflowError:
        return False
    return True


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"Integers may have at most {MAX_INT_DIGITS} digits.")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InputError("Numbers must be finite.")
    return value


def _parse_constant(name: str) -> float:
    raise InputError(f"{name} is not a JSON number.")


def _path(parts: tuple) -> str:
    return ".".join(str(part) for part in parts) or "body"


def check_value(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """``InputError`` when a decoded JSON value nests deeper than ``max_depth`` or holds a bad string.

    Iterative (no recursion), one pass over the value.
    """
    stack: list[tuple[Any, tuple]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            reason = bad_text_reason(item)
            if reason:
                raise InputError(reason, _path(path))
        elif isinstance(item, dict | list):
            if len(path) >= max_depth:
                raise InputError(f"The JSON nests deeper than {max_depth} levels.")
            if isinstance(item, dict):
                for key, child in item.items():
                    reason = bad_text_reason(key)
                    if reason:
                        raise InputError(f"Keys: {reason}", _path(path))
                    stack.append((child, (*path, key)))
            else:
                stack.extend((child, (*path, index)) for index, child in enumerate(item))
        elif isinstance(item, float) and not math.isfinite(item):
            raise InputError("Numbers must be finite.", _path(path))


def loads(raw: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Decode strict JSON: UTF-8, finite numbers, bounded integers and depth, no NUL or lone surrogate."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("The body must be UTF-8 encoded JSON.") from None
    try:
        value = json.loads(raw, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"The JSON nests deeper than {max_depth} levels.") from None
    except ValueError:
        raise InputError("The body must be JSON.") from None
    check_value(value, max_depth=max_depth)
    return value


def _as_api_error(exc: InputError) -> exceptions.APIException:
    if exc.field:
        return exceptions.ValidationError({exc.field: [exc.message]})
    return exceptions.ParseError(exc.message)


class StrictJSONParser(JSONParser):
    """DRF's JSON parser through ``loads``; every body of the API is a JSON object."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            value = loads(raw)
        except InputError as exc:
            raise _as_api_error(exc) from None
        if not isinstance(value, dict):
            raise exceptions.ValidationError({"body": ["The body must be a JSON object."]})
        return value


def _check_form(data) -> None:
    for key, values in data.lists():
        if bad_text_reason(key):
            raise exceptions.ValidationError({"body": [f"Field names: {bad_text_reason(key)}"]})
        for text in values:
            reason = bad_text_reason(text) if isinstance(text, str) else None
            if reason:
                raise exceptions.ValidationError({key: [reason]})


class StrictFormParser(FormParser):
    """Form bodies with the same string checks as JSON."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_form(data)
        return data


class StrictMultiPartParser(MultiPartParser):
    """Multipart bodies: the form fields get the string checks (files are checked by the domain that reads them)."""

    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _check_form(result.data)
        return result


def fits_a_database_integer(value: int) -> bool:
    """Whether ``value`` can be looked up in a 64-bit integer column at all.

    Django 5 answers "no such row" for a lookup out of range; Django 4.2 (Open edX Sumac, Teak) lets the
    database driver fail with OverflowError, so the plugin checks first.
    """
    return -MAX_DB_INT <= value <= MAX_DB_INT


def check_url_parameters(path_kwargs: dict, query_params) -> None:
    """Refuse a request whose URL holds a NUL (``%00``) or an id no database column holds: 404 in the path (no
    such thing), 400 in the query.

    PostgreSQL refuses NUL in any text value, so it must not reach a lookup.
    """
    if bad_parameter(path_kwargs) or any(
        isinstance(value, int) and not fits_a_database_integer(value) for value in path_kwargs.values()
    ):
        raise exceptions.NotFound()
    found = bad_parameter(query_params)
    if found:
        raise exceptions.ValidationError({found[0] if not bad_text_reason(found[0]) else "query": [found[1]]})


def strict_parsers() -> list[type]:
    """The parser classes of every API view: JSON, form, multipart, all strict."""
    return [StrictJSONParser, StrictFormParser, StrictMultiPartParser]
