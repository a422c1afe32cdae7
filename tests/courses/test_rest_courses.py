"""REST: creating courses and managing the course team (CONTRACT.md "Courses")."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from tests.people import COURSE, ROLES

NEW_KEY = "course-v1:LLP+NEW101+2026"


def _expected(role: str, allowed: set[str], ok: int) -> int:
    if role == "anonymous":
        return 401
    return ok if role in allowed else 403


def _client(client_for, role):
    return client_for(None if role == "anonymous" else role)


def _course_payload(**changes) -> dict:
    payload = {
        "course_key": NEW_KEY,
        "title": "Kick-off live session",
        "kind": "live_event",
        "self_paced": False,
        "start": "2026-03-01T09:00:00+01:00",
        "end": "2026-03-01T11:00:00+01:00",
        "issues_certificates": True,
    }
    payload.update(changes)
    return {k: v for k, v in payload.items() if v is not ...}


# --- POST /api/v1/courses ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_a_course(world, client_for, role):
    response = _client(client_for, role).post("/api/v1/courses", _course_payload(), format="json")
    assert response.status_code == _expected(role, {"staff"}, 201)
    assert courses_api.course_exists(NEW_KEY) is (role == "staff")


def test_created_course_reply_and_stored_values(world, client_for):
    response = client_for("staff").post("/api/v1/courses", _course_payload(), format="json")
    assert response.status_code == 201
    assert response.json() == {
        "course_key": NEW_KEY,
        "title": "Kick-off live session",
        "kind": "live_event",
        "self_paced": False,
        "start": "2026-03-01T08:00:00Z",
        "end": "2026-03-01T10:00:00Z",
        "issues_certificates": True,
    }
    course = courses_api.get_course(NEW_KEY)
    assert (course.kind, course.is_live_event, course.start.isoformat()) == (
        "live_event",
        True,
        "2026-03-01T08:00:00+00:00",
    )


def test_only_the_required_fields_make_an_empty_online_course(world, client_for):
    payload = {"course_key": NEW_KEY, "title": "Empty", "kind": "online"}
    response = client_for("staff").post("/api/v1/courses", payload, format="json")
    assert response.status_code == 201
    assert response.json() == {
        "course_key": NEW_KEY,
        "title": "Empty",
        "kind": "online",
        "self_paced": False,
        "start": None,
        "end": None,
        "issues_certificates": True,
    }


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("course_key", {"course_key": ...}),
        ("course_key", {"course_key": "not a key"}),
        ("course_key", {"course_key": "block-v1:LLP+NEW101+2026+type@html+block@x"}),
        ("course_key", {"course_key": COURSE}),
        ("title", {"title": ...}),
        ("title", {"title": ""}),
        ("title", {"title": "t" * 256}),
        ("kind", {"kind": ...}),
        ("kind", {"kind": "webinar"}),
        ("self_paced", {"self_paced": "maybe"}),
        ("start", {"start": "yesterday"}),
        ("end", {"end": "2026-13-01T00:00:00Z"}),
        ("end", {"end": "2026-02-28T09:00:00Z"}),
        ("end", {"end": "2026-03-01T08:00:00Z"}),
        ("issues_certificates", {"issues_certificates": "perhaps"}),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}={str(x)[:20]}" for k, x in v.items()),
)
def test_bad_course_field_is_400_naming_it_and_nothing_stored(world, client_for, field, changes):
    before = len(courses_api.list_courses())
    response = client_for("staff").post("/api/v1/courses", _course_payload(**changes), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert len(courses_api.list_courses()) == before
    assert courses_api.get_course(COURSE).title == "Leading Teams"


def test_a_json_list_is_400(world, client_for):
    response = client_for("staff").post("/api/v1/courses", [1, 2], format="json")
    assert response.status_code == 400
    assert "errors" in response.json()


# --- PUT /api/v1/courses/{course_key}/team/{username} -----------------------------------------------


def _team_url(course_key: str = COURSE, username: str = "learner") -> str:
    return f"/api/v1/courses/{course_key}/team/{username}"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_manage_the_team(world, client_for, role):
    response = _client(client_for, role).put(_team_url(), {"role": "staff"}, format="json")
    assert response.status_code == _expected(role, {"instructor", "staff"}, 200)
    team = accounts_api.course_team(COURSE)
    assert team.get("learner") == ("staff" if response.status_code == 200 else None)


def test_team_reply_and_role_change(world, client_for):
    client = client_for("instructor")
    response = client.put(_team_url(), {"role": "staff"}, format="json")
    assert response.json() == {"username": "learner", "course_key": COURSE, "role": "staff"}
    response = client.put(_team_url(), {"role": "instructor"}, format="json")
    assert response.status_code == 200
    assert accounts_api.course_team(COURSE) == {"instructor": "instructor", "learner": "instructor"}


def test_a_staff_role_member_may_not_manage_the_team(world, client_for):
    accounts_api.set_course_role(COURSE, "learner", "staff")
    response = client_for("learner").put(_team_url(username="employee"), {"role": "staff"}, format="json")
    assert response.status_code == 403
    response = client_for("learner").put(_team_url(username="learner"), {"role": "instructor"}, format="json")
    assert response.status_code == 403
    assert accounts_api.course_team(COURSE) == {"instructor": "instructor", "learner": "staff"}


@pytest.mark.parametrize("payload", [{}, {"role": "admin"}, {"role": ""}, {"role": None}, {"role": ["staff"]}])
def test_bad_role_is_400_and_the_team_is_unchanged(world, client_for, payload):
    response = client_for("staff").put(_team_url(), payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["role"]
    assert accounts_api.course_team(COURSE) == {"instructor": "instructor"}


def test_unknown_user_is_404(world, client_for):
    response = client_for("instructor").put(_team_url(username="nobody"), {"role": "staff"}, format="json")
    assert response.status_code == 404
    assert accounts_api.course_team(COURSE) == {"instructor": "instructor"}


@pytest.mark.parametrize("course_key", ["course-v1:LLP+NOPE+2026", "not-a-course"])
def test_unknown_or_malformed_course_is_404_for_staff(world, client_for, course_key):
    response = client_for("staff").put(_team_url(course_key=course_key), {"role": "staff"}, format="json")
    assert response.status_code == 404
    assert accounts_api.get_actor(world.users["learner"]).course_roles == {}
