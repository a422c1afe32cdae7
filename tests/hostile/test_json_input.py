"""The one strict JSON reader (llp_edx_plugin.json_input): a table of hostile bodies and what each gets."""

import pytest

from llp_edx_plugin.errors import FieldErrors
from llp_edx_plugin.json_input import MAX_DEPTH, InputError, check_text, loads

NESTED_OK = "[" * MAX_DEPTH + "]" * MAX_DEPTH
NESTED_TOO_DEEP = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)


@pytest.mark.parametrize(
    ("raw", "message", "field"),
    [
        (b"{not json", "The body must be JSON.", None),
        (b"\xff\xfe", "The body must be UTF-8 encoded JSON.", None),
        (b'{"a": "\\ud800"}', "Must not contain unpaired surrogate characters.", "a"),
        (b'{"a": ["ok", "x\\u0000y"]}', "Must not contain NUL characters.", "a.1"),
        (b'{"\\udfff": 1}', "Keys: Must not contain unpaired surrogate characters.", "body"),
        (b'{"a": {"b\\u0000": 1}}', "Keys: Must not contain NUL characters.", "a"),
        (b'{"n": ' + b"9" * 31 + b"}", "Integers may have at most 30 digits.", None),
        (b'{"n": -' + b"9" * 5000 + b"}", "Integers may have at most 30 digits.", None),  # past int's own limit
        (b'{"n": NaN}', "NaN is not a JSON number.", None),
        (b'{"n": -Infinity}', "-Infinity is not a JSON number.", None),
        (b'{"n": 1e999}', "Numbers must be finite.", None),
        (NESTED_TOO_DEEP.encode(), f"The JSON nests deeper than {MAX_DEPTH} levels.", None),
        (("[" * 100_000).encode(), f"The JSON nests deeper than {MAX_DEPTH} levels.", None),  # RecursionError
    ],
)
def test_hostile_json_is_refused_with_a_reason(raw, message, field):
    with pytest.raises(InputError) as refused:
        loads(raw)
    assert (refused.value.message, refused.value.field) == (message, field)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (b'{"a": "caf\\u00e9 \\ud83d\\ude00"}', {"a": "café 😀"}),  # a surrogate *pair* is a real character
        (b'{"n": ' + b"9" * 30 + b"}", {"n": int("9" * 30)}),
        (b'{"x": 1.5e308}', {"x": 1.5e308}),
        (NESTED_OK.encode(), eval(NESTED_OK)),  # noqa: S307 - a literal of brackets
        ("[]", []),
    ],
)
def test_ordinary_json_is_read(raw, value):
    assert loads(raw) == value


def test_check_text_names_the_field():
    assert check_text("fine", "notes") == "fine"
    with pytest.raises(FieldErrors) as refused:
        check_text("a\x00b", "notes")
    assert refused.value.errors == {"notes": ["Must not contain NUL characters."]}
