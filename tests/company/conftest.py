"""A company world: Acme's employees in different states in a self-paced reading course, Globex's apart."""

import pytest

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from tests.people import make_user


@pytest.fixture
def company_world(world, settings, tmp_path, django_capture_on_commit_callbacks):
    """world + CERT_COURSE: ``employee`` certified, ``erin`` halfway, ``otto`` (Acme, deactivated later) not
    started, and Globex's ``other_employee`` certified too (the ZIP and lists must never show them to Acme)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    readings = build_reading_course()
    acme = world.companies["acme"]
    world.users["erin"] = make_user("erin", "employee", acme.id, full_name="Erin Ösel")
    world.users["otto"] = make_user("otto", "employee", acme.id, full_name="Otto Idle")
    for name in ("employee", "erin", "otto", "other_employee"):
        courses_api.enroll(CERT_COURSE, world.users[name].pk, assigned_by_id=world.users["company_admin"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        complete_blocks(world.users["employee"], CERT_COURSE, readings)
        complete_blocks(world.users["other_employee"], CERT_COURSE, readings)
        complete_blocks(world.users["erin"], CERT_COURSE, readings[:1])
    for name in ("employee", "other_employee"):
        assert certificates_api.certificate_for(world.users[name].pk, CERT_COURSE).status == "downloadable"
    world.readings = readings
    return world
