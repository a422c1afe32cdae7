"""The programs domain's pure rules, by table."""

import pytest

from llp_edx_plugin.programs import rules


@pytest.mark.parametrize(
    ("program", "members", "edges", "loop"),
    [
        ("a", ["b"], {}, None),
        ("a", ["b"], {"b": ["a"]}, ["a", "b", "a"]),
        ("a", ["b"], {"b": ["c"], "c": ["a"]}, ["a", "b", "c", "a"]),
        ("a", ["a"], {}, ["a", "a"]),
        ("a", ["b", "c"], {"b": ["d"], "c": ["d"], "d": []}, None),  # a diamond is not a loop
        ("a", [], {"b": ["a"]}, None),  # a's old members are replaced
        ("a", ["b"], {"a": ["b"], "b": ["c"], "c": ["b"]}, None),  # a loop elsewhere is not a's
    ],
)
def test_find_loop(program, members, edges, loop):
    assert rules.find_loop(program, members, edges) == loop


def test_loop_message_names_the_loop():
    assert rules.loop_message(["a", "b", "a"]) == "A program cannot contain itself: a → b → a."


@pytest.mark.parametrize(
    ("certified", "percent", "complete"),
    [
        ([], 0, False),
        ([False], 0, False),
        ([True, False], 50, False),
        ([True, True, True], 100, True),
        ([True, False, False], 33, False),
    ],
)
def test_percent_and_complete(certified, percent, complete):
    assert rules.percent(certified) == percent
    assert rules.complete(certified) is complete


@pytest.mark.parametrize(
    ("certified", "in_order", "locked"),
    [
        ([False, False, False], False, [False, False, False]),
        ([False, False, False], True, [False, True, True]),
        ([True, False, False], True, [False, False, True]),
        ([True, True, False], True, [False, False, False]),
        ([False, True], True, [False, True]),
    ],
)
def test_locked_members(certified, in_order, locked):
    assert rules.locked(certified, in_order) == locked


@pytest.mark.parametrize(
    ("slug", "ok"),
    [
        ("leaders", True),
        ("a", True),
        ("lead-2026", True),
        ("-a", False),
        ("a-", False),
        ("A", False),
        ("a_b", False),
        ("", False),
        ("x" * 50, True),
        ("x" * 51, False),
        (None, False),
        (3, False),
    ],
)
def test_slug(slug, ok):
    assert (rules.slug_error(slug) is None) is ok


def test_program_course_key():
    assert rules.program_course_key("leaders") == "course-v1:LLP+leaders+program"
