"""The DRF permission classes over the pure rules: for every person of the cast, who may and who may not."""

from types import SimpleNamespace

import pytest
from opaque_keys.edx.keys import CourseKey
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory, force_authenticate

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Enrollment
from llp_edx_plugin.errors import NotFound
from llp_edx_plugin.jobs import api as jobs_api
from llp_edx_plugin.rest_api.v1 import permissions as p
from tests.people import COURSE, ROLES

pytestmark = pytest.mark.django_db


def request_as(world, role: str) -> Request:
    django_request = APIRequestFactory().get("/")
    if role != "anonymous":
        force_authenticate(django_request, user=world.users[role])
    return Request(django_request)


def allowed(world, permission, **kwargs) -> set[str]:
    """The roles ``permission`` lets through for a view with URL ``kwargs``."""
    view = SimpleNamespace(kwargs=kwargs)
    return {role for role in ROLES if permission().has_permission(request_as(world, role), view)}


def allowed_on(world, permission, obj) -> set[str]:
    view = SimpleNamespace(kwargs={})
    return {role for role in ROLES if permission().has_object_permission(request_as(world, role), view, obj)}


def test_is_platform_staff(world):
    assert allowed(world, p.IsPlatformStaff) == {"staff"}


def test_can_create_accounts(world):
    assert allowed(world, p.CanCreateAccounts) == {"company_admin", "other_company_admin", "staff"}


def test_can_manage_company(world):
    acme = world.companies["acme"].id
    assert allowed(world, p.CanManageCompany, company_id=acme) == {"company_admin", "staff"}
    assert allowed(world, p.CanManageCompany, company_id=str(acme)) == {"company_admin", "staff"}  # as URLs give it


def test_is_course_team_finds_the_course_first(world):
    view = SimpleNamespace(kwargs={"course_key": COURSE})

    assert allowed(world, p.IsCourseTeam, course_key=COURSE) == {"instructor", "staff"}
    assert p.IsCourseTeam().has_permission(request_as(world, "staff"), view)
    assert view.course.course_key == COURSE  # left for the view
    unknown = SimpleNamespace(kwargs={"course_key": "course-v1:X+Y+Z"})
    with pytest.raises(NotFound):
        p.IsCourseTeam().has_permission(request_as(world, "staff"), unknown)


def test_a_course_staff_member_is_on_the_team_but_may_not_manage_it(world):
    accounts_api.set_course_role(COURSE, "learner", "staff")

    assert allowed(world, p.IsCourseTeam, course_key=COURSE) == {"learner", "instructor", "staff"}
    assert allowed(world, p.CanManageTeam, course_key=COURSE) == {"instructor", "staff"}


def _certificate(world, owner: str, **fields) -> str:
    courses_api.enroll(COURSE, world.users[owner].pk)
    cert = Certificate.objects.create(
        user=world.users[owner], course_key=CourseKey.from_string(COURSE), status="downloadable", **fields
    )
    return str(cert.verify_uuid)


def test_can_manage_certificate_is_its_course_team(world):
    uuid = _certificate(world, "learner")

    assert allowed(world, p.CanManageCertificate, uuid=uuid) == {"instructor", "staff"}
    with pytest.raises(NotFound):
        allowed(world, p.CanManageCertificate, uuid="00000000-0000-4000-8000-000000000000")


def test_can_view_certificate_is_the_owner_their_company_admin_the_team_and_staff(world):
    employees = certificates_api.listed_certificate(_certificate(world, "employee"))
    individuals = certificates_api.listed_certificate(_certificate(world, "learner"))

    assert allowed_on(world, p.CanViewCertificate, employees) == {"employee", "company_admin", "instructor", "staff"}
    assert allowed_on(world, p.CanViewCertificate, individuals) == {"learner", "instructor", "staff"}


def test_a_hidden_certificate_is_unknown_to_all_but_platform_staff(world):
    uuid = _certificate(world, "learner")
    Enrollment.objects.filter(user=world.users["learner"]).update(is_active=False)
    hidden = certificates_api.listed_certificate(uuid)
    view = SimpleNamespace(kwargs={})

    assert hidden.certificate.hidden
    assert p.CanViewCertificate().has_object_permission(request_as(world, "staff"), view, hidden)
    for role in ("learner", "instructor"):
        with pytest.raises(NotFound):
            p.CanViewCertificate().has_object_permission(request_as(world, role), view, hidden)
    assert not p.CanViewCertificate().has_object_permission(request_as(world, "employee"), view, hidden)


def test_can_view_job_is_its_requester_its_course_team_and_staff(world):
    job = jobs_api.start_job("selftest", COURSE, world.users["learner"].pk, {})

    assert allowed_on(world, p.CanViewJob, job) == {"learner", "instructor", "staff"}
