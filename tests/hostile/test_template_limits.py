"""Uploaded certificate templates are bounded in structure before they are compiled or rendered."""

import pytest

from llp_edx_plugin.certificates.template_limits import (
    MAX_BLOCK_DEPTH,
    MAX_ELEMENTS,
    MAX_HTML_DEPTH,
    template_structure_problem,
)

BODY = "<p>{{ learner_name }}</p>"


def nested(depth: int, tag: str = "div") -> str:
    return f"<{tag}>" * depth + BODY + f"</{tag}>" * depth


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (nested(MAX_HTML_DEPTH - 1), None),
        (nested(MAX_HTML_DEPTH), f"HTML elements nest deeper than {MAX_HTML_DEPTH} levels."),
        (nested(5000), f"HTML elements nest deeper than {MAX_HTML_DEPTH} levels."),
        ("<div>" * 5000, f"HTML elements nest deeper than {MAX_HTML_DEPTH} levels."),  # never closed
        ("<p>one" * 500 + "<br>" * 500, None),  # <p> closes the previous <p>; <br> has no content
        ("<span></span>" * MAX_ELEMENTS, None),
        ("<span></span>" * (MAX_ELEMENTS + 1), f"The template has more than {MAX_ELEMENTS} HTML elements."),
        ("<img/>" * (MAX_ELEMENTS + 1), f"The template has more than {MAX_ELEMENTS} HTML elements."),
        ("{% if a %}" * MAX_BLOCK_DEPTH + BODY + "{% endif %}" * MAX_BLOCK_DEPTH, None),
        ("{% if a %}" * 5000 + "{% endif %}" * 5000, f"Template tags nest deeper than {MAX_BLOCK_DEPTH} levels."),
        ("<p>\x00</p>", "The template: Must not contain NUL characters."),
    ],
)
def test_structure_limits(source, problem):
    assert template_structure_problem(source) == problem


@pytest.mark.parametrize(
    "html", [nested(5000), "{% if a %}" * 5000 + "{% endif %}" * 5000], ids=["5000 divs", "5000 ifs"]
)
def test_a_template_nested_thousands_deep_is_a_400(world, client_for, html):
    url = f"/api/v1/courses/{world.course_key}/certificates/templates"
    response = client_for("instructor").post(url, {"name": "deep", "html": html, "language": "en"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["html"]
