"""A graded subsection's totals over CAPA problems: weight or inputs, graded="false", the stored (latest) score."""

import pytest

from llp_edx_plugin.courses.data import BlockData
from llp_edx_plugin.learning import gating
from llp_edx_plugin.learning.data import BlockStatus
from llp_edx_plugin.learning.progress import subsection_scores

COURSE = "block-v1:LLP+P+1+type@{}+block@{}"


def node(block_type: str, block_id: str, parent: str | None, order: int, **extra) -> BlockData:
    return BlockData(
        usage_key=COURSE.format(block_type, block_id),
        block_type=block_type,
        block_id=block_id,
        parent=COURSE.format(*parent.split("/")) if parent else None,
        order=order,
        display_name=block_id,
        graded=extra.pop("graded", False),
        assignment_type=extra.pop("assignment_type", ""),
        supported=extra.pop("supported", True),
        fields=extra.pop("fields", {}),
    )


def totals(problem_fields: dict, score: float | None, supported: bool = True) -> tuple[float, float] | None:
    structure = [
        node("chapter", "ch", None, 0),
        node("sequential", "hw", "chapter/ch", 1, graded=True, assignment_type="Homework"),
        node("vertical", "v", "sequential/hw", 2),
        node("problem", "p", "vertical/v", 3, fields=problem_fields, supported=supported),
    ]
    statuses = {structure[-1].usage_key: BlockStatus(complete=score is not None, score=score)}
    found = subsection_scores(gating.outline(structure), statuses)
    return (found[0].earned, found[0].possible) if found else None


@pytest.mark.parametrize(
    ("fields", "score", "expected"),
    [
        ({"inputs": 3}, 2 / 3, (2.0, 3.0)),  # no weight: one point per input
        ({"inputs": 4, "weight": 10}, 3 / 4, (7.5, 10.0)),  # the weight rescales
        ({"inputs": 3, "weight": 0}, 1.0, (0.0, 0.0)),  # weight 0: worth nothing
        ({"inputs": 2, "weight": "2.5"}, 0.5, (1.25, 2.5)),  # OLX strings
        ({"inputs": 2}, None, (0.0, 2.0)),  # not submitted: 0 of its points
        ({}, 1.0, (1.0, 1.0)),  # imported before inputs were counted: one point
        ({"inputs": 2, "graded": False}, 1.0, None),  # graded="false": out of the grade
        ({"inputs": 2, "graded": True}, 1.0, (2.0, 2.0)),
    ],
)
def test_problem_points(fields, score, expected):
    assert totals(fields, score) == expected


def test_a_problem_that_cannot_be_graded_is_out_of_the_grade():
    assert totals({"inputs": 1}, None, supported=False) is None
