"""Open edX's per-learner branching blocks in OLX: ``library_content`` and ``split_test`` (pure functions).

Their children are imported like any block; these functions read the attributes that say which of them a
learner gets: ``max_count`` of a library's children (``source_library_id`` kept for reference), and a
split test's ``user_partition_id`` with ``group_id_to_child`` (group id -> the usage key of one child). The
per-learner draw itself is the learning domain's (``learning/draws.py``).
"""

import json
import re
from typing import Any

from . import policy

LIBRARY_CONTENT = "library_content"
ITEM_BANK = "itembank"  # the problem bank of libraries v2 (Open edX Teak): library_content's draw, inline children
SPLIT_TEST = "split_test"
LIBRARY_TYPES = frozenset({LIBRARY_CONTENT, ITEM_BANK})
BRANCHING = LIBRARY_TYPES | {SPLIT_TEST}
# Open edX's default: one block of the library per learner; -1 means all of them.
DEFAULT_MAX_COUNT = 1
_CHILD_ID = re.compile(r"(?:block@|/)([^/@+]+)$")


def child_id(reference: str) -> str:
    """The url_name in a child reference: ``block-v1:...+type@vertical+block@X``, ``i4x://o/c/vertical/X`` or X."""
    match = _CHILD_ID.search(reference.strip())
    return match.group(1) if match else reference.strip()


def partition_groups(course_policy: dict[str, Any]) -> dict[str, list[str]]:
    """The group ids of each ``user_partitions`` entry of the course policy, by partition id (as text)."""
    partitions = course_policy.get("user_partitions")
    groups: dict[str, list[str]] = {}
    if not isinstance(partitions, list):
        return groups
    for partition in partitions:
        if isinstance(partition, dict) and isinstance(partition.get("groups"), list):
            ids = [str(g["id"]) for g in partition["groups"] if isinstance(g, dict) and "id" in g]
            groups[str(partition.get("id"))] = ids
    return groups


def branch_fields(
    tag: str, block_id: str, attributes: dict[str, Any], partitions: dict[str, list[str]], warnings: list[str]
) -> dict[str, Any]:
    """The fields a branching block keeps; warnings for values that cannot be used."""
    name = f"{tag} '{block_id}'"
    if tag in LIBRARY_TYPES:
        count = policy.parse_number(attributes.get("max_count"), f"{name} max_count", warnings, integer=True)
        fields: dict[str, Any] = {"max_count": DEFAULT_MAX_COUNT if count is None else int(count)}
        if attributes.get("source_library_id"):
            fields["source_library_id"] = str(policy.unquote(attributes["source_library_id"]))[:255]
        return fields
    partition = str(policy.unquote(attributes.get("user_partition_id", "")) or "")
    raw = policy.unquote(attributes.get("group_id_to_child")) or "{}"
    try:
        mapping = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        mapping = None
    if not isinstance(mapping, dict):
        warnings.append(f"{name} group_id_to_child is not a JSON object: no group sees its content.")
        mapping = {}
    group_to_child = {str(group): child_id(str(ref)) for group, ref in mapping.items() if isinstance(ref, str)}
    groups = partitions.get(partition) or sorted(group_to_child)
    return {"user_partition_id": partition, "group_id_to_child": group_to_child, "groups": list(groups)}


def check_children(tag: str, block_id: str, fields: dict[str, Any], children: list[str], warnings: list[str]) -> None:
    """Warn about what a learner will not see: a library with no children, a group whose child is missing."""
    name = f"{tag} '{block_id}'"
    if not children:
        warnings.append(f"{name} has no children: learners see nothing there.")
    if tag == SPLIT_TEST:
        for group, child in sorted(fields.get("group_id_to_child", {}).items()):
            if child not in children:
                warnings.append(f"{name}: group {group} refers to '{child}', which is not one of its children.")


def describe(tag: str, block_id: str, fields: dict[str, Any], children: int) -> str:
    """One line of the import report saying what each learner gets."""
    if tag in LIBRARY_TYPES:
        count = fields.get("max_count", DEFAULT_MAX_COUNT)
        drawn = children if count < 0 or count > children else count
        return f"{tag} '{block_id}': each learner gets {drawn} of its {children} blocks, drawn once."
    groups = len(fields.get("groups") or [])
    return f"split_test '{block_id}': each learner is assigned one of {groups} groups, kept."
