"""REST API of the Certificates tab: who may call every endpoint, and bad input answers 400/404/409, never 500."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.instructor import api as instructor_api
from tests.people import COURSE, ROLES

pytestmark = pytest.mark.django_db

BASE = f"/api/v1/courses/{COURSE}/certificates"
ALLOWED = {"instructor", "staff"}


def _certificate(world, name: str, status: str = "downloadable") -> str:
    courses_api.enroll(COURSE, world.users[name].pk)
    cert = Certificate.objects.create(
        user=world.users[name],
        course_key=CourseKey.from_string(COURSE),
        status=status,
        name=name,
        course_title="Leading Teams",
        pdf="certificates/x.pdf" if status == "downloadable" else "",
    )
    return str(cert.verify_uuid)


def _no_setup(world) -> dict:
    return {}


def _with_example(world) -> dict:
    return {"job": instructor_api.generate_examples(COURSE, None).job_id}


def _with_exception(world) -> dict:
    certificates_api.add_exception(COURSE, "learner", "grandfathered")
    return {}


def _with_certificate(world) -> dict:
    return {"uuid": _certificate(world, "learner")}


def _with_invalidation(world) -> dict:
    _certificate(world, "learner")
    certificates_api.invalidate(COURSE, "learner", "copied")
    return {}


@dataclass(frozen=True)
class Endpoint:
    method: str
    url: str
    allowed_status: int
    body: Any = None
    setup: Any = _no_setup
    multipart: bool = False


ENDPOINTS = {
    "examples": Endpoint("post", f"{BASE}/examples", 201),
    "example preview": Endpoint("get", BASE + "/examples/{job}/preview", 200, setup=_with_example),
    "activation get": Endpoint("get", f"{BASE}/activation", 200),
    "activation put": Endpoint("put", f"{BASE}/activation", 200, {"active": False}),
    "learner generation": Endpoint("put", f"{BASE}/learner-generation", 200, {"enabled": True}),
    "generate": Endpoint("post", f"{BASE}/generate", 202, {}),
    "regenerate by status": Endpoint("post", f"{BASE}/generate", 202, {"statuses": ["downloadable", "error"]}),
    "history": Endpoint("get", f"{BASE}/history", 200),
    "exceptions list": Endpoint("get", f"{BASE}/exceptions", 200),
    "exception add": Endpoint("post", f"{BASE}/exceptions", 201, {"username": "employee@example.com", "notes": "ok"}),
    "exception remove": Endpoint("delete", f"{BASE}/exceptions", 204, {"username": "learner"}, _with_exception),
    "exceptions csv": Endpoint(
        "post", f"{BASE}/exceptions/csv", 200, {"file": b"learner,late\nnobody,x\n"}, multipart=True
    ),
    "invalidations list": Endpoint("get", f"{BASE}/invalidations", 200),
    "invalidate": Endpoint(
        "post", f"{BASE}/invalidations", 201, {"username": "learner", "notes": "copied"}, _with_certificate
    ),
    "revalidate": Endpoint("delete", f"{BASE}/invalidations", 204, {"username": "learner"}, _with_invalidation),
    "delete certificate": Endpoint("delete", "/api/v1/certificates/{uuid}", 204, None, _with_certificate),
    "regenerate certificate": Endpoint("post", "/api/v1/certificates/{uuid}/regenerate", 202, {}, _with_certificate),
}


@pytest.fixture
def course(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True, self_paced=False)
    return COURSE


def _call(client, endpoint: Endpoint, values: dict):
    url = endpoint.url.format(**values)
    if endpoint.multipart:
        files = {k: SimpleUploadedFile("rows.csv", v, content_type="text/csv") for k, v in endpoint.body.items()}
        return getattr(client, endpoint.method)(url, files, format="multipart")
    if endpoint.body is None:
        return getattr(client, endpoint.method)(url)
    return getattr(client, endpoint.method)(url, endpoint.body, format="json")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_only_the_course_team_may_call_each_endpoint(course, world, client_for, name, role):
    endpoint = ENDPOINTS[name]
    values = endpoint.setup(world)

    response = _call(client_for(None if role == "anonymous" else role), endpoint, values)

    expected = endpoint.allowed_status if role in ALLOWED else 401 if role == "anonymous" else 403
    assert response.status_code == expected, response.content


def test_another_courses_instructor_may_not_touch_this_courses_certificate(course, world, client_for):
    uuid = _certificate(world, "learner")
    client = client_for("other_instructor")
    assert client.delete(f"/api/v1/certificates/{uuid}").status_code == 403
    assert client.post(f"/api/v1/certificates/{uuid}/regenerate").status_code == 403
    assert Certificate.objects.get(verify_uuid=uuid).status == "downloadable"


def test_examples_answer_the_contract_shape(course, client_for):
    response = client_for("instructor").post(f"{BASE}/examples")

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["error"]) == ("success", None)
    pdf = client_for("instructor").get(body["preview_url"])
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:4]) == (200, "application/pdf", b"%PDF")


def test_activation_is_refused_until_an_example_succeeded(course, client_for):
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=False)
    client = client_for("instructor")

    refused = client.put(f"{BASE}/activation", {"active": True}, format="json")
    client.post(f"{BASE}/examples")
    accepted = client.put(f"{BASE}/activation", {"active": True}, format="json")

    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["active"]
    assert accepted.status_code == 200
    assert (accepted.json()["active"], accepted.json()["example_succeeded"]) == (True, True)


def test_a_second_generation_while_one_runs_is_a_conflict(course, client_for):
    client = client_for("instructor")
    first = client.post(f"{BASE}/generate", {}, format="json")  # stays pending: on-commit does not run here

    again = client.post(f"{BASE}/generate", {"statuses": ["notpassing"]}, format="json")

    assert first.status_code == 202
    assert again.status_code == 409
    assert str(first.json()["job_id"]) in again.json()["detail"]


def test_the_history_lists_the_run_with_who_and_what(course, client_for):
    client_for("staff").post(f"{BASE}/generate", {"statuses": ["error"]}, format="json")

    (run,) = client_for("instructor").get(f"{BASE}/history").json()

    assert (run["kind"], run["requested_by"], run["statuses"], run["status"]) == (
        "certificate_generation",
        "staff",
        ["error"],
        "pending",
    )


def test_exceptions_csv_reports_each_row(course, client_for):
    upload = SimpleUploadedFile("rows.csv", b"username,notes\nlearner,late\nemployee@example.com,\nnobody,x\n")

    response = client_for("instructor").post(f"{BASE}/exceptions/csv", {"file": upload}, format="multipart")

    assert response.status_code == 200
    body = response.json()
    assert (body["added"], body["failed"]) == (2, 1)
    assert [(r["row"], r["ok"]) for r in body["results"]] == [(2, True), (3, True), (4, False)]
    listed = client_for("instructor").get(f"{BASE}/exceptions").json()
    assert [(e["username"], e["notes"]) for e in listed] == [("employee", ""), ("learner", "late")]


def test_invalidating_then_revalidating_a_certificate(course, world, client_for):
    uuid = _certificate(world, "learner")
    client = client_for("instructor")

    client.post(f"{BASE}/invalidations", {"username": "learner", "notes": "copied"}, format="json")
    listed = client.get(f"{BASE}/invalidations").json()
    invalid = certificates_api.verify(uuid).valid
    client.delete(f"{BASE}/invalidations", {"username": "learner"}, format="json")

    assert [(i["username"], i["notes"], i["certificate_uuid"]) for i in listed] == [("learner", "copied", uuid)]
    assert invalid is False
    assert certificates_api.verify(uuid).valid is True


def test_the_certificate_detail_still_answers_get_next_to_delete(course, world, client_for):
    uuid = _certificate(world, "learner")
    assert client_for("instructor").get(f"/api/v1/certificates/{uuid}").json()["status"] == "downloadable"
    assert client_for("instructor").delete(f"/api/v1/certificates/{uuid}").status_code == 204
    assert client_for("instructor").get(f"/api/v1/certificates/{uuid}").json()["status"] == "deleted"


BAD_INPUT = [
    ("put", f"{BASE}/activation", {"active": "yes"}, 400, "active"),
    ("put", f"{BASE}/activation", {}, 400, "active"),
    ("put", f"{BASE}/activation", ["active"], 400, "body"),
    ("put", f"{BASE}/learner-generation", {"enabled": 1}, 400, "enabled"),
    ("post", f"{BASE}/generate", {"statuses": ["deleted"]}, 400, "statuses"),
    ("post", f"{BASE}/generate", {"statuses": "downloadable"}, 400, "statuses"),
    ("post", f"{BASE}/generate", {"statuses": [None]}, 400, "statuses"),
    ("post", f"{BASE}/exceptions", {}, 400, "username"),
    ("post", f"{BASE}/exceptions", {"username": 5}, 400, "username"),
    ("post", f"{BASE}/exceptions", {"username": "nobody"}, 400, "username"),
    ("post", f"{BASE}/exceptions", {"username": "learner", "notes": ["x"]}, 400, "notes"),
    ("delete", f"{BASE}/exceptions", {"username": "learner"}, 404, None),
    ("post", f"{BASE}/invalidations", {"username": "learner"}, 400, "username"),
    ("delete", f"{BASE}/invalidations", {"username": "learner"}, 400, "username"),
    ("post", "/api/v1/courses/course-v1:No+Such+Course/certificates/generate", {}, 404, None),
    ("post", "/api/v1/courses/not-a-key/certificates/examples", {}, 404, None),
    ("delete", "/api/v1/certificates/not-a-uuid", None, 404, None),
    ("post", "/api/v1/certificates/00000000-0000-4000-8000-000000000000/regenerate", {}, 404, None),
    ("get", f"{BASE}/examples/999/preview", None, 404, None),
    ("get", f"{BASE}/examples/999/preview?index=x", None, 400, "index"),
]


@pytest.mark.parametrize(("method", "url", "body", "status", "field"), BAD_INPUT)
def test_bad_input_is_a_clear_client_error(course, client_for, method, url, body, status, field):
    client = client_for("instructor")
    response = getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)

    assert response.status_code == status, response.content
    if field:
        assert field in response.json()["errors"]


@pytest.mark.parametrize(
    "files",
    [{}, {"file": SimpleUploadedFile("rows.csv", b"\xff\xfe\x00bad")}, {"file": SimpleUploadedFile("e.csv", b"\n\n")}],
)
def test_a_bad_exceptions_csv_is_a_400_on_file(course, client_for, files):
    response = client_for("instructor").post(f"{BASE}/exceptions/csv", files, format="multipart")

    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["file"]


def test_with_certificates_off_the_endpoints_are_not_found(course, client_for, settings):
    settings.LLP_CERTIFICATES = {"ENABLED": False}
    assert client_for("instructor").get(f"{BASE}/history").status_code == 404
