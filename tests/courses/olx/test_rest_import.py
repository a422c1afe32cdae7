"""``POST /api/v1/courses/import``: 201 with the report, 400 for a bad export, and who may import."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from tests import people
from tests.people import ROLES

from .archives import BAD_CASES, WORLD_COURSE_XML, build_export

URL = "/api/v1/courses/import"
OLX101 = "course-v1:LLP+OLX101+2026"


def _post(client, path):
    with path.open("rb") as handle:
        return client.post(URL, {"file": handle}, format="multipart")


def test_staff_import_answers_201_with_the_report(client_for, tmp_path):
    response = _post(client_for("staff"), build_export(tmp_path))

    assert response.status_code == 201
    assert response.json() == {
        "course_key": OLX101,
        "report": {
            "counts": {
                "chapter": 2,
                "sequential": 3,
                "vertical": 3,
                "drag-and-drop-v2": 1,
                "html": 1,
                "llp_quiz": 1,
                "llp_reading": 1,
                "llp_video": 1,
                "problem": 4,
                "video": 1,
            },
            "unsupported": [{"type": "drag-and-drop-v2", "count": 1}],
            "warnings": [
                "video 'welcome_video' has no duration (no duration attribute, no measurable local media file): "
                "set it on the course's Videos settings page before activating certificates."
            ],
            "notes": [],
        },
    }


def test_reimport_also_answers_201_and_duplicates_nothing(client_for, tmp_path):
    archive = build_export(tmp_path)
    client = client_for("staff")
    first = _post(client, archive)
    blocks = [b.usage_key for b in courses_api.get_structure(OLX101)]

    second = _post(client, archive)

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert [b.usage_key for b in courses_api.get_structure(OLX101)] == blocks
    assert Course.objects.filter(course_key=OLX101).count() == 1


def test_missing_file_is_a_400_naming_the_field(client_for):
    response = client_for("staff").post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"errors": {"file": ["Upload a course export (.tar.gz)."]}}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_export_is_a_400_and_changes_nothing(client_for, tmp_path, olx_limits, db_snapshot, case):
    client = client_for("staff")
    assert _post(client, build_export(tmp_path, name="good.tar.gz")).status_code == 201
    before = db_snapshot()
    bad = BAD_CASES[case]
    path = bad.build(tmp_path)
    olx_limits(bad.limits)

    response = _post(client, path)

    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["errors"]
    assert list(body["errors"]) == ["file"]
    assert bad.message in body["errors"]["file"][0]
    assert db_snapshot() == before


# Re-importing the world's course (course-v1:LLP+LEAD101+2026, instructor = "instructor").
REIMPORT_EXPECTED = {
    "anonymous": 401,
    "learner": 403,
    "employee": 403,
    "company_admin": 403,
    "other_company_admin": 403,
    "instructor": 201,
    "other_instructor": 403,
    "staff": 201,
}


def test_the_matrix_covers_every_role():
    assert set(REIMPORT_EXPECTED) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_reimport_an_existing_course(client_for, world, tmp_path, db_snapshot, role):
    archive = build_export(tmp_path, edits={"course.xml": WORLD_COURSE_XML})
    before = db_snapshot()

    response = _post(client_for(None if role == "anonymous" else role), archive)

    assert response.status_code == REIMPORT_EXPECTED[role]
    if response.status_code == 201:
        assert response.json()["course_key"] == world.course_key
        assert courses_api.get_course(world.course_key).title == "Leadership Basics"
    else:
        assert db_snapshot() == before
        assert courses_api.get_course(world.course_key).title == "Leading Teams"


# Importing a brand-new course: platform staff only.
NEW_COURSE_EXPECTED = {role: 403 for role in ROLES} | {"anonymous": 401, "staff": 201}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_import_a_new_course(client_for, world, tmp_path, role):
    response = _post(client_for(None if role == "anonymous" else role), build_export(tmp_path))

    assert response.status_code == NEW_COURSE_EXPECTED[role]
    assert courses_api.course_exists(OLX101) is (role == "staff")


def test_course_staff_role_may_reimport(client_for, world, tmp_path):
    accounts_api.set_course_role(world.course_key, "learner", "staff")
    response = _post(client_for("learner"), build_export(tmp_path, edits={"course.xml": WORLD_COURSE_XML}))
    assert response.status_code == 201


def test_not_allowed_people_get_403_before_the_archive_is_read(client_for, world, tmp_path):
    response = _post(client_for("learner"), BAD_CASES["not_an_archive"].build(tmp_path))
    assert response.status_code == 403


def test_instructor_may_not_reimport_another_course(client_for, world, tmp_path):
    other = people.OTHER_COURSE  # course-v1:LLP+OTHER201+2026
    archive = build_export(tmp_path, edits={"course.xml": '<course url_name="2026" org="LLP" course="OTHER201"/>'})
    response = _post(client_for("instructor"), archive)
    assert response.status_code == 403
    assert courses_api.get_course(other).title == "Other Course"
