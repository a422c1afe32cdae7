"""GET /api/v1/jobs/{id}: the requester, the course team and platform staff may read a job's progress."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.accounts.permissions import can_view_job
from llp_edx_plugin.jobs import api as jobs_api
from tests.people import ROLES

# The learner requested the job on world.course_key.
ALLOWED = {"learner", "instructor", "staff"}
STATUS = {"anonymous": 401, **{role: (200 if role in ALLOWED else 403) for role in ROLES if role != "anonymous"}}


@pytest.fixture
def job(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return jobs_api.start_job(
            "selftest", world.course_key, world.users["learner"].pk, {"n": 12, "chunk": 5, "pause": 0}
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_job_permission_matrix(role, job, client_for):
    response = client_for(None if role == "anonymous" else role).get(f"/api/v1/jobs/{job.id}")

    assert response.status_code == STATUS[role]
    if response.status_code == 200:
        body = response.json()
        assert {k: body[k] for k in ("id", "kind", "status", "total", "done", "failed", "result")} == {
            "id": job.id,
            "kind": "selftest",
            "status": "done",
            "total": 12,
            "done": 12,
            "failed": 0,
            "result": {"counted": 12, "attempts": 1},
        }
        assert body["course_key"] == "course-v1:LLP+LEAD101+2026"
        assert body["finished"].endswith("+00:00")


@pytest.mark.django_db
def test_anonymous_gets_401_with_a_challenge(job, api_client):
    response = api_client.get(f"/api/v1/jobs/{job.id}")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_an_unknown_job_is_404(client_for):
    response = client_for("staff").get("/api/v1/jobs/987654")

    assert (response.status_code, response.json()) == (404, {"detail": "No job with id 987654."})


@pytest.mark.django_db
def test_a_job_without_a_course_is_visible_to_its_requester_and_platform_staff_only(world, client_for):
    job = jobs_api.start_job("selftest", None, world.users["instructor"].pk, {"n": 1})

    statuses = {role: client_for(role).get(f"/api/v1/jobs/{job.id}").status_code for role in ROLES[1:]}

    assert statuses == {role: 200 if role in {"instructor", "staff"} else 403 for role in ROLES[1:]}


def _actor(user_id, *, staff=False, roles=None, authenticated=True):
    from llp_edx_plugin.accounts.data import Actor

    return Actor(
        user_id=user_id,
        username=f"u{user_id}",
        is_authenticated=authenticated,
        is_platform_staff=staff,
        account_type="individual",
        company_id=None,
        course_roles=roles or {},
    )


COURSE = "course-v1:LLP+LEAD101+2026"


@pytest.mark.parametrize(
    ("actor", "requested_by_id", "course_key", "allowed"),
    [
        (_actor(1), 1, COURSE, True),
        (_actor(1), 1, None, True),
        (_actor(2), 1, COURSE, False),
        (_actor(2), None, None, False),
        (_actor(2, roles={COURSE: "instructor"}), 1, COURSE, True),
        (_actor(2, roles={COURSE: "staff"}), 1, COURSE, True),
        (_actor(2, roles={"course-v1:LLP+OTHER201+2026": "instructor"}), 1, COURSE, False),
        (_actor(2, roles={COURSE: "instructor"}), 1, None, False),
        (_actor(2, staff=True), 1, None, True),
        (_actor(None, authenticated=False), None, COURSE, False),
        (_actor(1, authenticated=False), 1, COURSE, False),
    ],
)
def test_can_view_job(actor, requested_by_id, course_key, allowed):
    assert can_view_job(actor, requested_by_id=requested_by_id, course_key=course_key) is allowed


@pytest.mark.django_db
def test_course_staff_role_sees_the_course_job(world, job, client_for):
    accounts_api.set_course_role(world.course_key, "other_instructor", "staff")

    assert client_for("other_instructor").get(f"/api/v1/jobs/{job.id}").status_code == 200
