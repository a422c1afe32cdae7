"""REST: enrollment, self and assigned by a Company Admin (``POST /api/v1/courses/{key}/enrollments``).

Decisions: enrolling again answers 200 with the same enrollment (re-activated if it was inactive);
an unknown ``username`` is a 400 on ``username`` for staff and, for a Company Admin, the same 403 as a user
outside their company; a user who may only enroll themself gets 403 for any
other name, without the name being looked up.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework.test import APIClient

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.models import Enrollment
from tests.people import COURSE, OTHER_COURSE, ROLES

URL = f"/api/v1/courses/{COURSE}/enrollments"
PAGED = "course-v1:LLP+PAGED+2026"


def _client(client_for, role):
    return client_for(None if role == "anonymous" else role)


def _enrollment(world, name: str):
    return courses_api.get_enrollment(COURSE, world.users[name].pk)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_may_enroll_themself(world, client_for, role):
    response = _client(client_for, role).post(URL, {}, format="json")
    if role == "anonymous":
        assert response.status_code == 401
        assert Enrollment.objects.count() == 0
        return
    assert response.status_code == 201
    body = response.json()
    assert body == {
        "username": role,
        "course_key": COURSE,
        "is_active": True,
        "assigned_by": None,
        "created": body["created"],
    }
    assert _enrollment(world, role).is_active is True


@pytest.mark.parametrize("role", ROLES)
def test_who_may_enroll_the_acme_employee(world, client_for, role):
    response = _client(client_for, role).post(URL, {"username": "employee"}, format="json")
    expected = {"anonymous": 401, "employee": 201, "company_admin": 201, "staff": 201}.get(role, 403)
    assert response.status_code == expected
    enrollment = _enrollment(world, "employee")
    if expected == 201:
        assert response.json()["username"] == "employee"
        assert enrollment is not None
    else:
        assert enrollment is None


def test_a_company_admin_assigns_the_training(world, client_for):
    response = client_for("company_admin").post(URL, {"username": "employee"}, format="json")
    assert response.status_code == 201
    assert response.json()["assigned_by"] == "company_admin"
    assert _enrollment(world, "employee").assigned_by_id == world.users["company_admin"].pk


def test_staff_enrolling_is_not_an_assignment(world, client_for):
    response = client_for("staff").post(URL, {"username": "employee"}, format="json")
    assert response.status_code == 201
    assert response.json()["assigned_by"] is None


def test_staff_may_enroll_anyone(world, client_for):
    for name in ("learner", "other_employee", "company_admin"):
        response = client_for("staff").post(URL, {"username": name}, format="json")
        assert response.status_code == 201
    assert sorted(courses_api.enrolled_user_ids(COURSE)) == sorted(
        world.users[n].pk for n in ("learner", "other_employee", "company_admin")
    )


@pytest.mark.parametrize(
    ("admin", "target"),
    [
        ("company_admin", "other_employee"),
        ("company_admin", "learner"),
        ("company_admin", "instructor"),
        ("other_company_admin", "employee"),
        ("other_company_admin", "company_admin"),
    ],
)
def test_a_company_admin_may_not_enroll_outside_their_employees(world, client_for, admin, target):
    response = client_for(admin).post(URL, {"username": target}, format="json")
    assert response.status_code == 403
    assert _enrollment(world, target) is None


def test_enrolling_again_is_200_with_the_same_enrollment(world, client_for):
    client = client_for("learner")
    first = client.post(URL, {}, format="json")
    second = client.post(URL, {"username": "learner"}, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == first.json()
    assert Enrollment.objects.filter(user=world.users["learner"]).count() == 1


def test_self_enrolling_after_an_assignment_keeps_the_assignment(world, client_for):
    client_for("company_admin").post(URL, {"username": "employee"}, format="json")
    response = client_for("employee").post(URL, {}, format="json")
    assert response.status_code == 200
    assert response.json()["assigned_by"] == "company_admin"


def test_an_inactive_enrollment_is_reactivated_with_200(world, client_for):
    client_for("learner").post(URL, {}, format="json")
    Enrollment.objects.filter(user=world.users["learner"]).update(is_active=False)
    response = client_for("learner").post(URL, {}, format="json")
    assert response.status_code == 200
    assert response.json()["is_active"] is True
    assert _enrollment(world, "learner").is_active is True


def test_unknown_username_is_400_on_username_for_staff(world, client_for):
    response = client_for("staff").post(URL, {"username": "nobody"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["username"]
    assert Enrollment.objects.count() == 0


def test_a_company_admin_cannot_tell_an_unknown_user_from_someone_elses(world, client_for):
    unknown = client_for("company_admin").post(URL, {"username": "nobody"}, format="json")
    outsider = client_for("company_admin").post(URL, {"username": "other_employee"}, format="json")
    by_email = client_for("company_admin").post(URL, {"username": "other_employee@example.com"}, format="json")
    assert unknown.status_code == outsider.status_code == by_email.status_code == 403
    assert unknown.json() == outsider.json() == by_email.json()
    assert Enrollment.objects.count() == 0


def test_a_learner_naming_someone_else_gets_403_even_for_an_unknown_name(world, client_for):
    assert client_for("learner").post(URL, {"username": "nobody"}, format="json").status_code == 403
    assert client_for("learner").post(URL, {"username": "employee"}, format="json").status_code == 403
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize("payload", [{"username": ["employee"]}, {"username": {"a": 1}}, {"username": "u" * 255}])
def test_a_malformed_username_is_400(world, client_for, payload):
    response = client_for("staff").post(URL, payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["username"]
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize("course_key", ["course-v1:LLP+NOPE+2026", "not-a-course"])
@pytest.mark.parametrize("role", ["learner", "staff"])
def test_unknown_course_is_404(world, client_for, course_key, role):
    response = client_for(role).post(f"/api/v1/courses/{course_key}/enrollments", {}, format="json")
    assert response.status_code == 404
    assert Enrollment.objects.count() == 0


def test_enrollment_in_one_course_is_not_in_the_other(world, client_for):
    client_for("learner").post(f"/api/v1/courses/{OTHER_COURSE}/enrollments", {}, format="json")
    assert _enrollment(world, "learner") is None
    assert courses_api.get_enrollment(OTHER_COURSE, world.users["learner"].pk).is_active is True


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_concurrent_enrollment_of_one_user_makes_one_row(postgres, world):
    """Ten requests at once for the same learner: the unique constraint keeps exactly one enrollment."""
    user = world.users["learner"]
    barrier = threading.Barrier(10)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def enroll() -> None:
        try:
            client = APIClient()
            client.force_authenticate(user=user)
            barrier.wait()
            statuses.append(client.post(URL, {}, format="json").status_code)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=enroll) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(statuses) == [200] * 9 + [201]
    assert Enrollment.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_enrolled_learners_are_read_in_keyset_pages_by_user_id():
    # Given a course with five active learners and one who left
    courses_api.create_course(course_key=PAGED, title="Paged")
    user_model = get_user_model()
    users = [user_model.objects.create(username=f"paged{index}") for index in range(6)]
    for user in users:
        courses_api.enroll(PAGED, user.pk)
    Enrollment.objects.filter(user=users[2]).update(is_active=False)
    active = sorted(user.pk for index, user in enumerate(users) if index != 2)

    # When the course is walked two at a time
    pages, after = [], 0
    while page := courses_api.enrolled_user_ids_after(PAGED, after, 2):
        pages.append(page)
        after = page[-1]

    # Then every active learner comes once, in user id order, and the count agrees
    assert pages == [active[0:2], active[2:4], active[4:5]]
    assert courses_api.enrolled_count(PAGED) == 5
