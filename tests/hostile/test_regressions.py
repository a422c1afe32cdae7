"""Each 500 the hostile-input search found, pinned at the depth where it was fixed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.errors import NotFound

SETTINGS_URL = "/api/v1/courses/{}/settings"


def test_a_username_with_a_nul_is_unknown_without_a_query(world, django_assert_num_queries):
    # PostgreSQL refuses NUL in a query parameter: a 500 from every lookup by a name taken from the URL.
    with django_assert_num_queries(0), pytest.raises(NotFound):
        accounts_api.get_profile_by_username("learner\x00")
    with django_assert_num_queries(0), pytest.raises(NotFound):
        accounts_api.set_mark_attendance("learner\x00", True)


@pytest.mark.parametrize("url", ["/api/v1/users/a%00b/permissions", "/api/v1/courses/{course}/team/a%00b"])
def test_a_nul_in_a_path_parameter_is_404(world, client_for, url):
    response = client_for("staff").put(url.format(course=world.course_key), {"role": "staff"}, format="json")
    assert response.status_code == 404


def test_a_nul_in_a_query_parameter_is_400(world, client_for):
    response = client_for("staff").get(f"/api/v1/courses/{world.course_key}/certificates?status=%00")
    assert (response.status_code, response.json()) == (
        400,
        {"errors": {"status": ["Must not contain NUL characters."]}},
    )


def test_a_nul_in_an_exceptions_csv_row_is_that_row_s_error(world, client_for):
    rows = SimpleUploadedFile("rows.csv", b"username,notes\nlearner,\x00\nemployee,fine\n")
    response = client_for("instructor").post(
        f"/api/v1/courses/{world.course_key}/certificates/exceptions/csv", {"file": rows}, format="multipart"
    )
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"row": 2, "username": "learner", "ok": False, "error": "Must not contain NUL characters."},
        {"row": 3, "username": "employee", "ok": True, "error": None},
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("end", "9999-12-31T23:59:59-14:00"),  # past year 9999 in UTC
        ("start", "0001-01-01T00:00:00+14:00"),  # before year 1 in UTC
    ],
)
def test_a_date_that_leaves_the_calendar_in_utc_is_a_field_error(world, client_for, field, value):
    response = client_for("instructor").patch(SETTINGS_URL.format(world.course_key), {field: value}, format="json")
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [field]


def test_domain_text_and_dates_are_checked_without_the_api_parser(db):
    from datetime import UTC, datetime, timedelta, timezone

    from llp_edx_plugin.courses import api as courses_api
    from llp_edx_plugin.errors import FieldErrors

    far = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-14)))
    with pytest.raises(FieldErrors) as refused:
        courses_api.create_course(
            course_key="course-v1:X+Y+Z", title="T\x00", start=datetime(2026, 1, 1, tzinfo=UTC), end=far
        )
    assert refused.value.errors == {
        "title": ["Must not contain NUL characters."],
        "end": ["The date is out of range (years 1 to 9999 in UTC)."],
    }
