"""library_content and split_test in OLX: their settings and children (pure functions and a real parse)."""

import pytest

from llp_edx_plugin.courses.olx import branches
from llp_edx_plugin.courses.olx.archive import open_export
from llp_edx_plugin.courses.olx.parser import parse_course

from .archives import course_folder


@pytest.mark.parametrize(
    ("reference", "block_id"),
    [
        ("block-v1:LLP+BRANCH101+2026+type@vertical+block@group_text", "group_text"),
        ("i4x://LLP/BRANCH101/vertical/group_text", "group_text"),
        ("group_text", "group_text"),
        (" group_text ", "group_text"),
    ],
)
def test_child_id_reads_every_reference_form(reference, block_id):
    assert branches.child_id(reference) == block_id


@pytest.mark.parametrize(
    ("attributes", "fields", "warned"),
    [
        ({}, {"max_count": 1}, False),  # Open edX's default
        ({"max_count": "-1"}, {"max_count": -1}, False),
        ({"max_count": "two"}, {"max_count": 1}, True),
        (
            {"max_count": "3", "source_library_id": "library-v1:A+B"},
            {"max_count": 3, "source_library_id": "library-v1:A+B"},
            False,
        ),
    ],
)
def test_library_fields(attributes, fields, warned):
    warnings: list[str] = []
    assert branches.branch_fields("library_content", "lib", attributes, {}, warnings) == fields
    assert bool(warnings) == warned


def test_split_test_fields_take_the_groups_of_the_partition_else_of_the_mapping():
    attributes = {"user_partition_id": "7", "group_id_to_child": '{"1": "i4x://o/c/vertical/a", "0": "b"}'}
    warnings: list[str] = []
    fields = branches.branch_fields("split_test", "ab", attributes, {}, warnings)
    assert fields == {"user_partition_id": "7", "group_id_to_child": {"1": "a", "0": "b"}, "groups": ["0", "1"]}
    with_policy = branches.branch_fields("split_test", "ab", attributes, {"7": ["0", "1", "2"]}, warnings)
    assert with_policy["groups"] == ["0", "1", "2"]
    assert warnings == []


def test_a_bad_group_mapping_is_a_warning():
    warnings: list[str] = []
    fields = branches.branch_fields("split_test", "ab", {"group_id_to_child": "[1, 2"}, {}, warnings)
    assert fields["group_id_to_child"] == {}
    assert warnings == ["split_test 'ab' group_id_to_child is not a JSON object: no group sees its content."]


def test_partition_groups_reads_the_course_policy():
    policy = {"user_partitions": [{"id": 50, "groups": [{"id": 100}, {"id": 101}, {"name": "no id"}]}, "junk"]}
    assert branches.partition_groups(policy) == {"50": ["100", "101"]}
    assert branches.partition_groups({"user_partitions": "nope"}) == {}


def test_inline_children_are_read_and_a_missing_group_child_is_warned(tmp_path):
    library = (
        '<library_content display_name="Pick one" max_count="1">\n'
        '  <html url_name="inline_a" display_name="A">A</html>\n'
        '  <html url_name="inline_b" display_name="B">B</html>\n'
        "</library_content>\n"
    )
    split = (
        '<split_test user_partition_id="50" group_id_to_child=\'{"100": "group_text", "101": "nowhere"}\'>\n'
        '  <vertical url_name="group_text"/>\n</split_test>\n'
    )
    edits = {
        "library_content/34a4d5e71d974c029cbde1956bd7c820.xml": library,
        "split_test/explain_experiment.xml": split,
    }
    parsed = parse_course(open_export(course_folder(tmp_path, "branching", edits)))

    by_id = {b.block_id: b for b in parsed.blocks}
    library_index = parsed.blocks.index(by_id["34a4d5e71d974c029cbde1956bd7c820"])
    assert [b.block_id for b in parsed.blocks if b.parent_index == library_index] == ["inline_a", "inline_b"]
    assert by_id["inline_a"].content == "A"
    assert "split_test 'explain_experiment': group 101 refers to 'nowhere', which is not one of its children." in (
        parsed.warnings
    )
    assert "library_content '34a4d5e71d974c029cbde1956bd7c820': each learner gets 1 of its 2 blocks, drawn once." in (
        parsed.notes
    )
