"""Uploaded templates: validated at upload, rendered in a sandbox that reaches neither files, network nor settings."""

import pytest
from django.conf import settings

from llp_edx_plugin.certificates.rendering import (
    CLASSIC_TEMPLATES,
    RenderError,
    RestrictedURLFetcher,
    render_pdf,
    validate_custom_template,
)
from llp_edx_plugin.certificates.rendering.sandbox import render_template

from .conftest import FULL_NAME, image_sizes, make_content, page_count, pdf_text

HOSTILE_TEMPLATE = """<!DOCTYPE html>
<html><head>
<link rel="stylesheet" href="http://example.com/x.css">
<style>
  @import url("https://example.com/imported.css");
  .banner { background: url(http://example.com/bg.png); height: 20mm; }
</style>
</head><body>
<img src="file:///etc/passwd">
<img src="ftp://example.com/logo.png">
<div class="banner"></div>
<p>Awarded to {{ learner_name }}</p>
<p>Key [{{ settings.SECRET_KEY }}] [{{ request.user }}] [{{ learner_name.upper }}]</p>
</body></html>
"""
HOSTILE_URLS = [
    "http://example.com/x.css",
    "https://example.com/imported.css",
    "http://example.com/bg.png",
    "file:///etc/passwd",
    "ftp://example.com/logo.png",
]


def test_a_hostile_template_renders_without_the_files_urls_and_settings_it_asks_for():
    # Given an uploaded template that asks for a local file, remote URLs and the settings
    content = make_content(template_name="acme", template_version=3, template_html=HOSTILE_TEMPLATE)
    fetcher = RestrictedURLFetcher()

    # When it is rendered
    pdf = render_pdf(content, fetcher=fetcher)

    # Then the PDF comes out, every one of those URLs was refused, and no secret shows
    assert page_count(pdf) == 1
    assert sorted(fetcher.refused) == sorted(HOSTILE_URLS)
    assert sorted(fetcher.attempts) == sorted(HOSTILE_URLS)
    assert image_sizes(pdf) == []
    text = pdf_text(pdf)
    assert f"Awarded to {FULL_NAME}" in text
    assert "Key [] [] [" in text
    assert settings.SECRET_KEY not in text
    assert "root:" not in text


def test_a_template_sees_plain_strings_only_and_escapes_them():
    html = render_template("{{ learner_name }}|{{ learner_name.upper }}", {"learner_name": "<b>Zoë</b>"})

    assert html == "&lt;b&gt;Zoë&lt;/b&gt;|&lt;B&gt;ZOË&lt;/B&gt;"


def test_the_sandbox_refuses_a_context_that_is_not_plain_strings():
    with pytest.raises(TypeError):
        render_template("{{ x }}", {"x": settings})


def test_a_broken_stored_template_is_a_render_error():
    with pytest.raises(RenderError):
        render_pdf(make_content(template_html="{% if %}"))


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("{% load static %}<img src=\"{% static 'x.png' %}\">", "Line 1: the tag {% load %} is not allowed"),
        ('{% include "llp_edx_plugin/base.html" %}', "Line 1: the tag {% include %} is not allowed"),
        ('{% extends "llp_edx_plugin/base.html" %}', "Line 1: the tag {% extends %} is not allowed"),
        ('{% ssi "/etc/passwd" %}', "Line 1: the tag {% ssi %} is not allowed"),
        ("<p>\n{% debug %}</p>", "Line 2: the tag {% debug %} is not allowed"),
        ("{% block content %}{% endblock %}", "Line 1: the tag {% block %} is not allowed"),
        ("{% for c in learner_name %}{{ c }}{% endfor %}", "Line 1: the tag {% for %} is not allowed"),
        ('{% url "admin:index" %}', "Line 1: the tag {% url %} is not allowed"),
        ("{% csrf_token %}", "Line 1: the tag {% csrf_token %} is not allowed"),
        ("{% autoescape off %}{{ x }}{% endautoescape %}", "Line 1: the tag {% autoescape %} is not allowed"),
        ("{% lorem 100000 w %}", "Line 1: the tag {% lorem %} is not allowed"),
        ("{% if %}x{% endif %}", "Template syntax error"),
        ("{% if learner_name %}unclosed", "Template syntax error"),
        ('{{ learner_name|center:"1000000000" }}', "Template syntax error: Invalid filter: 'center'"),
        ("{{ learner_name.__class__ }}", "Template syntax error"),
        ("   ", "The template is empty."),
    ],
)
def test_validation_refuses_forbidden_tags_and_broken_syntax(source, error):
    errors = validate_custom_template(source)

    assert len(errors) == 1
    assert errors[0].startswith(error)


def test_validation_lists_every_forbidden_tag():
    errors = validate_custom_template("{% load i18n %}\n{% include 'x' %}")

    assert errors == [
        "Line 1: the tag {% load %} is not allowed in certificate templates.",
        "Line 2: the tag {% include %} is not allowed in certificate templates.",
    ]


def test_validation_refuses_a_template_that_is_too_long():
    assert validate_custom_template("x" * 200_001) == ["The template is too long (200001 characters; at most 200000)."]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_built_in_templates_pass_the_upload_validation(language):
    assert validate_custom_template(CLASSIC_TEMPLATES[language]) == []


def test_a_template_using_the_allowed_tags_and_filters_is_valid():
    source = (
        "{% if grade %}{{ grade|default:'-' }}{% endif %}{% with n=learner_name %}{{ n|upper|truncatechars:40 }}"
        "{% endwith %}{% comment %}x{% endcomment %}{% firstof company_name issuer_name %}"
    )

    assert validate_custom_template(source) == []
