"""Opaque keys at the edges: parsing helpers and URL path converters for course and usage keys."""

from django.urls import register_converter
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey, UsageKey


def parse_course_key(value: "str | CourseKey") -> CourseKey:
    """Return a CourseKey for a string or key; raise ``InvalidKeyError`` for anything else."""
    if isinstance(value, CourseKey):
        return value
    return CourseKey.from_string(str(value))


def parse_usage_key(value: "str | UsageKey") -> UsageKey:
    """Return a UsageKey for a string or key; raise ``InvalidKeyError`` for anything else."""
    if isinstance(value, UsageKey):
        return value
    return UsageKey.from_string(str(value))


class CourseKeyConverter:
    """``<course_key:course_key>``: ``course-v1:ORG+NUM+RUN``, given to views as a string."""

    regex = r"course-v1:[^/+]+\+[^/+]+\+[^/+]+"

    def to_python(self, value: str) -> str:
        try:
            CourseKey.from_string(value)
        except InvalidKeyError as exc:  # a 404, not a 500
            raise ValueError(str(exc)) from exc
        return value

    def to_url(self, value: object) -> str:
        return str(value)


class UsageKeyConverter:
    """``<usage_key:usage_key>``: ``block-v1:ORG+NUM+RUN+type@T+block@ID``."""

    regex = r"block-v1:[^/]+"

    def to_python(self, value: str) -> str:
        try:
            UsageKey.from_string(value)
        except InvalidKeyError as exc:
            raise ValueError(str(exc)) from exc
        return value

    def to_url(self, value: object) -> str:
        return str(value)


# Registered on import, so any urls module that names these converters only has to import this module.
register_converter(CourseKeyConverter, "course_key")
register_converter(UsageKeyConverter, "usage_key")


def course_key_from_query(value: str | None) -> str:
    """A course key from a query string: a ``+`` left unencoded in a hand-typed link arrives as a space."""
    return (value or "").strip().replace(" ", "+")
