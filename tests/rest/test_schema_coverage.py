"""The schema describes every endpoint: drf-spectacular has nothing to guess (no error, no warning), lists show
their pages, every answer its errors, and the schema-only serializers name exactly the keys the views write."""

from datetime import UTC, datetime

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

from llp_edx_plugin.company import api as company_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from llp_edx_plugin.reports import api as reports_api
from llp_edx_plugin.rest_api.v1 import schema as doc
from llp_edx_plugin.rest_api.v1.company import employee_json
from llp_edx_plugin.rest_api.v1.events import roster_json
from llp_edx_plugin.rest_api.v1.reports import report_json
from llp_edx_plugin.rest_api.v1.support import request_json
from llp_edx_plugin.support.data import Finding, SupportRequestData
from tests.rest.shapes import assert_shape

pytestmark = pytest.mark.django_db

C = "/api/v1/courses/{course_key}"
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

# Every list answered in pages (ArrayPagination or the roster's own): (method, path).
PAGED = {
    ("get", "/api/v1/me/certificates"),
    ("get", f"{C}/certificates"),
    ("get", f"{C}/certificates/templates"),
    ("get", f"{C}/certificates/history"),
    ("get", f"{C}/certificates/exceptions"),
    ("get", f"{C}/certificates/invalidations"),
    ("get", f"{C}/attendance"),
    ("get", "/api/v1/company/employees"),
    ("get", "/api/v1/company/certificates"),
    ("get", "/api/v1/reports"),
    ("get", "/api/v1/support/requests"),
}

# Anyone may call these: no 401 to document.
PUBLIC = {
    ("get", "/api/v1/schema"),
    ("post", "/api/v1/auth/token"),
    ("get", "/api/v1/verify/{uuid}"),
    ("post", "/api/v1/verify/pdf"),
    ("post", "/api/v1/verify/credential"),
    ("get", "/api/v1/credentials/status-list"),
    ("post", "/api/v1/support/requests"),
    ("get", "/api/v1/support/diagnosis"),
}

FILTERS = {
    ("get", f"{C}/certificates"): {"status", "username", "search", "issued_after", "issued_before"},
    ("get", "/api/v1/company/employees"): {"company", "search", "course_key", "status"},
    ("get", "/api/v1/company/certificates"): {"company", "course_key", "status"},
    ("get", "/api/v1/support/requests"): {"status"},
}


@pytest.fixture(scope="module")
def generated(django_db_blocker):
    """The schema and what drf-spectacular complained of while generating it."""
    with django_db_blocker.unblock():
        GENERATOR_STATS.reset()
        schema = SchemaGenerator(urlconf="llp_edx_plugin.urls").get_schema(request=None, public=True)
        complaints = {"errors": sorted(GENERATOR_STATS._error_cache), "warnings": sorted(GENERATOR_STATS._warn_cache)}
        GENERATOR_STATS.reset()
    return schema, complaints


def _operations(schema: dict) -> dict[tuple[str, str], dict]:
    methods = {"get", "post", "put", "patch", "delete"}
    return {(m, path): op for path, item in schema["paths"].items() for m, op in item.items() if m in methods}


def test_generating_the_schema_raises_no_error_and_no_warning(generated):
    # A new view without a serializer or ``extend_schema`` makes drf-spectacular guess: this fails then.
    _, complaints = generated
    assert complaints == {"errors": [], "warnings": []}


@pytest.mark.parametrize("operation", sorted(PAGED))
def test_a_list_documents_its_pages(generated, operation):
    op = _operations(generated[0])[operation]
    assert {"page", "page_size"} <= {p["name"] for p in op["parameters"] if p["in"] == "query"}
    answer = op["responses"]["200"]
    assert set(answer["headers"]) == {"X-Total-Count", "Link"}
    body = answer["content"]["application/json"]["schema"]
    if "$ref" in body:
        body = generated[0]["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert body["type"] == "array"  # the plain JSON array of the contract, not an envelope


@pytest.mark.parametrize(("operation", "names"), sorted(FILTERS.items()))
def test_a_list_documents_its_filters(generated, operation, names):
    op = _operations(generated[0])[operation]
    assert names <= {p["name"] for p in op["parameters"] if p["in"] == "query"}


def test_every_operation_documents_its_answers_and_errors(generated):
    for (method, path), op in _operations(generated[0]).items():
        codes = set(op["responses"])
        assert codes & {"200", "201", "202", "204"}, (method, path)
        if (method, path) not in PUBLIC:
            assert "401" in codes, (method, path)
        for code, answer in op["responses"].items():
            if int(code) >= 400:
                assert answer.get("description"), (method, path, code)


def test_public_operations_need_no_authentication_and_the_others_do(generated):
    for (method, path), op in _operations(generated[0]).items():
        security = op.get("security") or [{}]
        assert ({} in security) == ((method, path) in PUBLIC), (method, path, security)


def test_course_and_usage_keys_are_described_strings(generated):
    for (method, path), op in _operations(generated[0]).items():
        for parameter in op.get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] in {"course_key", "usage_key"}:
                assert parameter["schema"]["type"] == "string", (method, path)
                assert parameter.get("description"), (method, path)


def test_file_answers_are_binary_with_their_media_type(generated):
    ops = _operations(generated[0])
    files = {
        ("get", "/api/v1/company/certificates.zip"): "application/zip",
        ("get", "/api/v1/reports/{report_id}/download"): "text/csv",
        ("get", f"{C}/certificates/examples/{{job_id}}/preview"): "application/pdf",
    }
    for operation, media_type in files.items():
        content = ops[operation]["responses"]["200"]["content"]
        assert content == {media_type: {"schema": {"type": "string", "format": "binary"}}}


# --- The schema-only serializers match the dicts the views build, key for key -------------------------------


def test_the_employee_answer_matches_its_schema():
    training = company_api.TrainingState(
        course_key="course-v1:O+C+R",
        title="Safety",
        kind="online",
        assigned=True,
        progress_percent=40,
        completed=False,
        certificate_status="downloadable",
        certificate_uuid="abc",
        downloadable=True,
        first_downloaded=False,
    )
    employee = company_api.EmployeeData(
        user_id=1, username="ann", full_name="Ann", email="a@x.test", is_active=True, trainings=(training,)
    )
    assert_shape(employee_json(employee), doc.EmployeeOut())


def test_the_report_answer_matches_its_schema():
    report = reports_api.ReportData(
        id=7,
        kind="progress",
        kind_label="Progress",
        course_key="course-v1:O+C+R",
        training="Safety",
        company="",
        requested_by="staff",
        created=NOW,
        finished=NOW,
        status="done",
        percent=100,
        rows=3,
        error=None,
        downloadable=True,
    )
    assert_shape(report_json(report), doc.ReportOut())


def test_the_roster_row_matches_its_schema():
    entry = events_api.RosterEntry(
        user_id=1,
        username="ann",
        full_name="Ann",
        email="a@x.test",
        company=None,
        registered_at=NOW,
        present=True,
        marked_at=NOW,
        marked_by="mark",
    )
    assert_shape(roster_json(entry, "downloadable"), doc.RosterEntryOut())


def test_the_support_request_matches_its_schema():
    item = SupportRequestData(
        id=3,
        name="Ann",
        email="a@x.test",
        user_id=1,
        username="ann",
        course_key="course-v1:O+C+R",
        course_title="Safety",
        training="",
        message="Help",
        diagnosis=(Finding(code="not_enrolled", message="m", link_url="/x", link_label="Go"),),
        status="open",
        answer="",
        answered_by=None,
        answered_at=None,
        created=NOW,
    )
    assert_shape(request_json(item), doc.SupportRequestOut())


@pytest.mark.parametrize("kind", ["online", "live_event"])
def test_the_course_settings_match_their_schema(kind):
    course = courses_api.create_course(course_key=f"course-v1:Schema+{kind}+R", title="Safety", kind=kind)
    assert_shape(courses_api.get_advanced_settings(course.course_key), doc.CourseSettingsOut())
    updated = courses_api.update_advanced_settings(course.course_key, {"title": "Safety 2"})
    assert_shape(updated, doc.CourseSettingsUpdatedOut())
