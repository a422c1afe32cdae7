"""Fixtures of the OLX import tests: settings limits and a snapshot of what the import may change."""

import pytest

from llp_edx_plugin.courses.models import Course, CourseBlock


@pytest.fixture
def olx_limits(settings):
    """``olx_limits({"OLX_MAX_MEMBERS": 10})`` lowers the import limits for one test."""

    def apply(limits: dict) -> None:
        if limits:
            settings.LLP_CERTIFICATES = {**(getattr(settings, "LLP_CERTIFICATES", None) or {}), **limits}

    return apply


@pytest.fixture
def db_snapshot():
    """Every Course and CourseBlock row as plain values, to prove that a failed import changed nothing."""

    def take() -> tuple[list[dict], list[dict]]:
        courses = [{k: str(v) for k, v in row.items()} for row in Course.objects.order_by("pk").values()]
        blocks = [{k: str(v) for k, v in row.items()} for row in CourseBlock.objects.order_by("pk").values()]
        return courses, blocks

    return take
