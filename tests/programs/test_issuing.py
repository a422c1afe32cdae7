"""Acceptance: a program certificate exactly when the last member is certified, never before; invalidated
with a member (with the reason) and restored with it; nested programs cascade; a loop is refused."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.errors import FieldErrors
from llp_edx_plugin.programs import api as programs_api
from tests.programs.conftest import COURSE_A, COURSE_B

pytestmark = pytest.mark.django_db
PROGRAM_KEY = "course-v1:LLP+leaders+program"


def _program_cert(user):
    return certificates_api.certificate_for(user.pk, PROGRAM_KEY)


def test_issued_exactly_when_the_last_member_is_certified(world, pathway, finish):
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    assert courses_api.get_enrollment(COURSE_A, learner.pk).is_active  # enrolling in a program enrolls in members
    finish(learner, COURSE_A)
    assert certificates_api.certificate_for(learner.pk, COURSE_A).status in ("generating", "downloadable")
    assert _program_cert(learner) is None  # not before
    finish(learner, COURSE_B)
    cert = _program_cert(learner)
    assert cert is not None
    assert cert.status in ("generating", "downloadable")
    assert cert.course_title == "Leaders Pathway"
    progress = programs_api.program_progress("leaders", learner.pk)
    assert progress.complete
    assert progress.percent == 100


def test_not_enrolled_in_the_program_no_program_certificate(world, pathway, finish):
    learner = world.users["learner"]
    courses_api.enroll(COURSE_A, learner.pk)
    courses_api.enroll(COURSE_B, learner.pk)
    finish(learner, COURSE_A)
    finish(learner, COURSE_B)
    assert _program_cert(learner) is None
    programs_api.enroll("leaders", learner.pk)  # enrolling later, with every member certified, issues it
    assert _program_cert(learner).status in ("generating", "downloadable")


def test_program_certificate_cannot_be_requested_or_issued_early(world, pathway, client_for, finish):
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    finish(learner, COURSE_A)
    answer = client_for("learner").post(f"/api/v1/courses/{PROGRAM_KEY}/certificates/request")
    assert answer.status_code == 400
    with pytest.raises(FieldErrors):
        certificates_api.issue(learner.pk, PROGRAM_KEY, issuer=certificates_api.Issuer.PROGRAM)
    assert _program_cert(learner) is None


@pytest.fixture
def certified(world, pathway, finish, committing):
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    finish(learner, COURSE_A)
    finish(learner, COURSE_B)
    committing(certificates_api.render_certificate, _program_cert(learner).id)
    return learner


def test_invalidating_a_member_invalidates_the_program_with_the_reason_and_revalidating_restores(certified, committing):
    committing(certificates_api.invalidate, COURSE_A, "learner", "Plagiarism found")
    assert _program_cert(certified).status == "invalidated"
    notes = [i.notes for i in certificates_api.list_invalidations(PROGRAM_KEY)]
    assert notes == [f"{programs_api.WITHDRAWN_NOTES}Feedback Skills: Été (certificate invalidated: Plagiarism found)"]
    committing(certificates_api.revalidate, COURSE_A, "learner")
    assert _program_cert(certified).status == "downloadable"
    assert certificates_api.list_invalidations(PROGRAM_KEY) == []


def test_deleting_a_member_invalidates_the_program_and_restoring_restores(certified, committing):
    member = certificates_api.certificate_for(certified.pk, COURSE_B)
    committing(certificates_api.delete_certificate, member.uuid, reason="Issued by mistake")
    assert _program_cert(certified).status == "invalidated"
    assert "certificate deleted" in certificates_api.list_invalidations(PROGRAM_KEY)[0].notes
    committing(certificates_api.restore_certificate, member.uuid)
    assert _program_cert(certified).status == "downloadable"


def test_a_staff_invalidation_of_the_program_stays_when_a_member_is_revalidated(certified, committing):
    committing(certificates_api.invalidate, PROGRAM_KEY, "learner", "Staff decision")
    committing(certificates_api.invalidate, COURSE_A, "learner", "Check")
    committing(certificates_api.revalidate, COURSE_A, "learner")
    assert _program_cert(certified).status == "invalidated"


def test_two_members_invalidated_one_revalidated_stays_invalidated(certified, committing):
    committing(certificates_api.invalidate, COURSE_A, "learner", "one")
    committing(certificates_api.invalidate, COURSE_B, "learner", "two")
    committing(certificates_api.revalidate, COURSE_A, "learner")
    assert _program_cert(certified).status == "invalidated"
    committing(certificates_api.revalidate, COURSE_B, "learner")
    assert _program_cert(certified).status == "downloadable"


def test_nested_programs_cascade(world, courses, staff, finish, committing):
    programs_api.create_program(staff, slug="inner", title="Inner", kind="pathway", members=[COURSE_A])
    programs_api.create_program(
        staff, slug="outer", title="Outer", kind="learning_program", members=["inner", COURSE_B]
    )
    learner = world.users["learner"]
    programs_api.enroll("outer", learner.pk)  # enrolls in inner and in its members too
    outer_key, inner_key = "course-v1:LLP+outer+program", "course-v1:LLP+inner+program"
    finish(learner, COURSE_B)
    assert certificates_api.certificate_for(learner.pk, outer_key) is None
    finish(learner, COURSE_A)
    assert certificates_api.certificate_for(learner.pk, inner_key).status in ("generating", "downloadable")
    assert certificates_api.certificate_for(learner.pk, outer_key).status in ("generating", "downloadable")
    committing(certificates_api.invalidate, COURSE_A, "learner", "Cheating")
    assert certificates_api.certificate_for(learner.pk, inner_key).status == "invalidated"
    assert certificates_api.certificate_for(learner.pk, outer_key).status == "invalidated"
    committing(certificates_api.revalidate, COURSE_A, "learner")
    assert certificates_api.certificate_for(learner.pk, inner_key).status == "downloadable"
    assert certificates_api.certificate_for(learner.pk, outer_key).status == "downloadable"


def test_employee_program_certificate_is_held_by_the_company_admin(world, pathway, finish):
    employee = world.users["employee"]
    programs_api.enroll("leaders", employee.pk)
    finish(employee, COURSE_A)
    finish(employee, COURSE_B)
    cert = _program_cert(employee)
    owner = accounts_api.get_profile(employee.pk)
    company_admin = accounts_api.get_actor(world.users["company_admin"])
    learner_self = accounts_api.get_actor(employee)
    assert certificates_api.can_download(company_admin, owner, cert.course_key)
    assert not certificates_api.can_download(learner_self, owner, cert.course_key)


def test_a_loop_is_refused_naming_it(courses, staff):
    programs_api.create_program(staff, slug="a", title="A", kind="pathway", members=[COURSE_A])
    programs_api.create_program(staff, slug="b", title="B", kind="pathway", members=["a"])
    with pytest.raises(FieldErrors) as error:
        programs_api.update_program(staff, "a", {"members": [COURSE_A, "b"]})
    assert error.value.errors == {"members": ["A program cannot contain itself: a → b → a."]}
    with pytest.raises(FieldErrors) as error:
        programs_api.update_program(staff, "a", {"members": ["a"]})
    assert error.value.errors == {"members": ["A program cannot contain itself: a → a."]}
    assert [m.key for m in programs_api.get_program("a").members] == [COURSE_A]  # nothing changed


def test_same_course_in_several_programs(world, courses, staff, finish):
    programs_api.create_program(staff, slug="one", title="One", kind="pathway", members=[COURSE_A])
    programs_api.create_program(staff, slug="two", title="Two", kind="pathway", members=[COURSE_A, COURSE_B])
    learner = world.users["learner"]
    programs_api.enroll("one", learner.pk)
    programs_api.enroll("two", learner.pk)
    finish(learner, COURSE_A)
    assert certificates_api.certificate_for(learner.pk, "course-v1:LLP+one+program") is not None
    assert certificates_api.certificate_for(learner.pk, "course-v1:LLP+two+program") is None


def test_one_program_certificate_when_members_settle_twice(world, pathway, finish):
    """Two member certificates arriving at once both settle the program: it is issued once (unique row)."""
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    finish(learner, COURSE_A)
    finish(learner, COURSE_B)
    program = programs_api.get_program("leaders")
    programs_api._settle(program, learner.pk)
    programs_api._settle(program, learner.pk)
    assert Certificate.objects.filter(user=learner, course_key=pathway.course_key).count() == 1


def test_a_change_in_a_course_of_no_program_costs_one_query(courses, django_assert_num_queries):
    """Every certificate write (a bulk chunk too) tells the programs domain: one query when no program holds it."""
    from llp_edx_plugin.certificates.signals import StatusChange

    changes = tuple(StatusChange(user_id=i, previous=None, status="generating") for i in range(1, 1001))
    with django_assert_num_queries(1):
        programs_api.member_certificates_changed(COURSE_A, changes)


def test_the_program_credential_names_its_members(certified):
    cert = _program_cert(certified)
    answer = certificates_api.credential_for(cert.uuid, accounts_api.get_actor(certified))
    achievement = answer["credential"]["credentialSubject"]["achievement"]
    member_titles = [courses_api.get_course(key).title for key in (COURSE_A, COURSE_B)]
    assert achievement["achievementType"] == "LearningProgram"
    assert achievement["criteria"]["narrative"] == (
        f"Earned the certificate of every member training of the program: {', '.join(member_titles)}."
    )
