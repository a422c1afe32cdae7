"""REST: who may create and edit programs, who may read whose progress, and the answers' shapes."""

import pytest

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.programs import api as programs_api
from tests.people import ROLES
from tests.programs.conftest import COURSE_A, COURSE_B

pytestmark = pytest.mark.django_db
BODY = {"slug": "new-path", "title": "New Path", "kind": "pathway", "members": [COURSE_A, COURSE_B]}


@pytest.mark.parametrize("role", ROLES)
def test_only_platform_staff_create_programs(client_for, courses, role):
    answer = client_for(None if role == "anonymous" else role).post("/api/v1/programs", BODY, format="json")
    expected = {"anonymous": 401, "staff": 201}.get(role, 403)
    assert answer.status_code == expected
    assert programs_api.list_programs() == [] if expected != 201 else len(programs_api.list_programs()) == 1


def test_create_answers_the_program(client_for, courses):
    answer = client_for("staff").post(
        "/api/v1/programs", {**BODY, "certificate_template": "classic", "in_order": True}, format="json"
    )
    assert answer.status_code == 201
    body = answer.json()
    assert body["slug"] == "new-path"
    assert body["course_key"] == "course-v1:LLP+new-path+program"
    assert body["in_order"] is True
    assert [m["key"] for m in body["members"]] == [COURSE_A, COURSE_B]
    assert courses_api.get_course(body["course_key"]).certificates_active


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"slug": "Bad Slug"}, "slug", "lowercase"),
        ({"kind": "course"}, "kind", "pathway"),
        ({"members": ["course-v1:No+Such+Course"]}, "members", "Unknown training"),
        ({"members": [COURSE_A, COURSE_A]}, "members", "listed twice"),
        ({"certificate_template": "nope"}, "certificate_template", ""),
        ({"in_order": "yes"}, "in_order", "true or false"),
    ],
)
def test_create_refuses_bad_input_with_field_errors(client_for, courses, changes, field, message):
    answer = client_for("staff").post("/api/v1/programs", {**BODY, **changes}, format="json")
    assert answer.status_code == 400
    assert message in " ".join(answer.json()["errors"][field])
    assert programs_api.list_programs() == []


def test_a_loop_is_a_400_naming_it(client_for, pathway):
    client = client_for("staff")
    outer = client.post("/api/v1/programs", {**BODY, "slug": "outer", "members": ["leaders"]}, format="json")
    assert outer.status_code == 201
    answer = client.put("/api/v1/programs/leaders/members", {"members": [COURSE_A, "outer"]}, format="json")
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"members": ["A program cannot contain itself: leaders → outer → leaders."]}}
    answer = client.patch("/api/v1/programs/leaders", {"members": ["course-v1:LLP+outer+program"]}, format="json")
    assert answer.status_code == 400
    assert "leaders → outer → leaders" in answer.json()["errors"]["members"][0]


@pytest.mark.parametrize("role", ROLES)
def test_only_platform_staff_edit_programs(client_for, pathway, role):
    client = client_for(None if role == "anonymous" else role)
    patch = client.patch("/api/v1/programs/leaders", {"title": "Renamed", "in_order": True}, format="json")
    put = client.put("/api/v1/programs/leaders/members", {"members": [COURSE_B]}, format="json")
    expected = {"anonymous": 401, "staff": 200}.get(role, 403)
    assert (patch.status_code, put.status_code) == (expected, expected)
    program = programs_api.get_program("leaders")
    if role == "staff":
        assert (program.title, program.in_order, [m.key for m in program.members]) == ("Renamed", True, [COURSE_B])
    else:
        assert (program.title, [m.key for m in program.members]) == ("Leaders Pathway", [COURSE_A, COURSE_B])


def test_read_programs_signed_in(client_for, pathway):
    assert client_for(None).get("/api/v1/programs").status_code == 401
    listed = client_for("learner").get("/api/v1/programs")
    assert listed.status_code == 200
    assert [p["slug"] for p in listed.json()] == ["leaders"]
    assert listed["X-Total-Count"] == "1"
    assert client_for("learner").get("/api/v1/programs/leaders").json()["title"] == "Leaders Pathway"
    assert client_for("learner").get("/api/v1/programs/nope").status_code == 404


def test_progress_of_the_caller(client_for, world, pathway, finish):
    learner = world.users["learner"]
    assert client_for("learner").post("/api/v1/programs/leaders/enrollments", {}, format="json").status_code == 201
    finish(learner, COURSE_A)
    body = client_for("learner").get("/api/v1/programs/leaders/progress").json()
    assert body["members"] == [
        {"key": COURSE_A, "title": "Feedback Skills: Été", "kind": "online", "certified": True, "locked": False},
        {"key": COURSE_B, "title": "Feedback Skills: Été", "kind": "online", "certified": False, "locked": False},
    ]
    assert (body["percent"], body["complete"], body["certificate"]) == (50, False, None)
    finish(learner, COURSE_B)
    body = client_for("learner").get("/api/v1/programs/leaders/progress").json()
    cert = certificates_api.certificate_for(learner.pk, pathway.course_key)
    assert body["certificate"]["uuid"] == cert.uuid
    assert body["certificate"]["course_key"] == pathway.course_key
    assert set(body["certificate"]) >= {"status", "verify_url", "download_url", "issued_at"}


# username=employee: staff, the employee themself and their Company Admin may; everyone else 404.
MAY_SEE_EMPLOYEE = {"staff": 200, "employee": 200, "company_admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_another_learners_progress(client_for, world, pathway, role):
    programs_api.enroll("leaders", world.users["employee"].pk)
    client = client_for(None if role == "anonymous" else role)
    answer = client.get("/api/v1/programs/leaders/progress?username=employee")
    expected = 401 if role == "anonymous" else MAY_SEE_EMPLOYEE.get(role, 404)
    assert answer.status_code == expected
    if expected == 200:
        assert answer.json()["username"] == "employee"


def test_unknown_username_is_404_for_everyone(client_for, pathway):
    assert client_for("company_admin").get("/api/v1/programs/leaders/progress?username=nobody").status_code == 404
    assert client_for("staff").get("/api/v1/programs/leaders/progress?username=nobody").status_code == 404


def test_enrolling_through_the_programs_course_key_enrolls_in_members(client_for, world, pathway):
    answer = client_for("learner").post(f"/api/v1/courses/{pathway.course_key}/enrollments", {}, format="json")
    assert answer.status_code == 201
    assert courses_api.get_enrollment(COURSE_B, world.users["learner"].pk).is_active


def test_company_admin_assigns_a_program(client_for, world, pathway):
    answer = client_for("company_admin").post(
        "/api/v1/company/assignments", {"usernames": ["employee"], "course_key": "leaders"}, format="json"
    )
    assert answer.status_code == 201
    assert answer.json() == [{"username": "employee", "status": "assigned", "error": None}]
    employee = world.users["employee"]
    for key in (pathway.course_key, COURSE_A, COURSE_B):
        enrollment = courses_api.get_enrollment(key, employee.pk)
        assert enrollment.is_active
        assert enrollment.assigned_by_id == world.users["company_admin"].pk
    # the program's own course key works in ``course_key`` too; another company's employee is refused
    answer = client_for("company_admin").post(
        "/api/v1/company/assignments",
        {"usernames": ["employee", "other_employee"], "course_key": pathway.course_key},
        format="json",
    )
    assert [r["status"] for r in answer.json()] == ["already_assigned", "error"]
    assert courses_api.get_enrollment(COURSE_A, world.users["other_employee"].pk) is None


# Enrolling the employee in a program: themself, their Company Admin (assigns it), staff; others 403.
MAY_ENROLL_EMPLOYEE = {"employee": 201, "company_admin": 201, "staff": 201}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_enroll_an_employee_in_a_program(client_for, world, pathway, role):
    client = client_for(None if role == "anonymous" else role)
    answer = client.post("/api/v1/programs/leaders/enrollments", {"username": "employee"}, format="json")
    expected = 401 if role == "anonymous" else MAY_ENROLL_EMPLOYEE.get(role, 403)
    assert answer.status_code == expected
    enrollment = courses_api.get_enrollment(COURSE_B, world.users["employee"].pk)
    assert (enrollment is not None) is (expected == 201)
    if role == "company_admin":
        assert enrollment.assigned_by_id == world.users["company_admin"].pk
