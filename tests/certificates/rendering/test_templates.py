"""The built-in templates' pure helpers: dates by language, the plain-string context, long-text classes."""

from datetime import date

import pytest

from llp_edx_plugin.certificates.rendering import CompanyLogo, format_date
from llp_edx_plugin.certificates.rendering.templates import _length_class, template_context
from llp_edx_plugin.errors import FieldErrors

from .conftest import make_content, png_bytes


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (date(2026, 11, 23), "en", "23 November 2026"),
        (date(2026, 11, 23), "es", "23 de noviembre de 2026"),
        (date(2026, 11, 23), "fr", "23 novembre 2026"),
        (date(2027, 1, 1), "en", "1 January 2027"),
        (date(2027, 1, 1), "es", "1 de enero de 2027"),
        (date(2027, 1, 1), "fr", "1er janvier 2027"),
        (date(2026, 2, 2), "fr", "2 février 2026"),
        (date(2026, 8, 15), "fr", "15 août 2026"),
        (date(2026, 9, 30), "es", "30 de septiembre de 2026"),
        (date(2026, 12, 31), "fr", "31 décembre 2026"),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(value, language, expected):
    assert format_date(value, language) == expected


@pytest.mark.parametrize(
    ("length", "expected"),
    [(10, ""), (34, ""), (35, "long"), (55, "long"), (56, "xlong")],
)
def test_long_names_get_a_smaller_size_class(length, expected):
    assert _length_class("x" * length, 34, 55) == expected


def test_the_context_is_plain_strings_only():
    content = make_content(company_name="Acme", company_logo=CompanyLogo(data=png_bytes(), mime_type="image/png"))

    context = template_context(content)

    assert {type(value) for value in context.values()} == {str}
    assert context["completion_date"] == "23 November 2026"
    assert context["completion_date_iso"] == "2026-11-23"
    assert context["company_logo"].startswith("data:image/png;base64,")
    assert context["qr_code"].startswith("data:image/png;base64,")
    assert context["label_title"] == "Certificate of Completion"


def test_an_individuals_context_has_empty_logo_and_grade():
    context = template_context(make_content(grade=None))

    assert (context["company_logo"], context["company_name"], context["grade"]) == ("", "", "")


def test_an_unknown_language_is_refused():
    with pytest.raises(FieldErrors) as raised:
        make_content(language="de")

    assert raised.value.errors == {"language": ["Choose one of: en, es, fr."]}
