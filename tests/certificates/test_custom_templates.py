"""Course teams' own templates: validated, versioned, snapshotted at issue time."""

import io

import pytest
from opaque_keys.edx.keys import CourseKey
from pypdf import PdfReader

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import CertificateTemplate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from tests.certificates.conftest import CERT_COURSE, build_reading_course

pytestmark = pytest.mark.django_db

TEMPLATE = """<html><head><style>@page { size: A4 landscape; }</style></head>
<body><h1>{VERSION} award</h1><p>{{ learner_name }}</p><p>{{ course_title }}</p><p>{{ verify_url }}</p></body></html>"""


def upload(client, version_word: str, **extra):
    body = {"name": "gala", "language": "en", "html": TEMPLATE.replace("{VERSION}", version_word), **extra}
    return client.post(f"/api/v1/courses/{CERT_COURSE}/certificates/templates", body, format="json")


@pytest.fixture
def course_with_team(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    from llp_edx_plugin.accounts import api as accounts_api

    accounts_api.set_course_role(CERT_COURSE, "instructor", "instructor")
    return readings


def test_uploads_are_numbered_versions(course_with_team, client_for):
    instructor = client_for("instructor")
    assert upload(instructor, "First").json()["version"] == 1
    assert upload(instructor, "Second").json()["version"] == 2
    listed = instructor.get(f"/api/v1/courses/{CERT_COURSE}/certificates/templates").json()
    assert [(t["name"], t["version"]) for t in listed] == [("gala", 2), ("gala", 1)]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"html": "{% load static %}<p>x</p>"}, "html"),
        ({"html": "{% include 'x.html' %}"}, "html"),
        ({"html": "{% if %}"}, "html"),
        ({"html": ""}, "html"),
        ({"html": 42}, "html"),
        ({"html": "<p>{{ learner_name }}</p>" + '<p style="page-break-before: always">2</p>'}, "html"),
        ({"name": "Bad Name!"}, "name"),
        ({"name": "classic"}, "name"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_templates_are_refused_with_the_field_named(course_with_team, client_for, extra, field):
    response = upload(client_for("instructor"), "X", **extra)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert CertificateTemplate.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "code"),
    [(None, 401), ("learner", 403), ("company_admin", 403), ("other_instructor", 403), ("staff", 201)],
)
def test_only_the_course_team_uploads(course_with_team, client_for, who, code):
    assert upload(client_for(who), "X").status_code == code


def test_issued_certificates_keep_their_template_version(course_with_team, client_for, world, complete, client):
    upload(client_for("instructor"), "First")
    Course.objects.filter(course_key=CourseKey.from_string(CERT_COURSE)).update(certificate_template="gala")
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete(learner, CERT_COURSE, course_with_team)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    assert (cert.template, cert.template_version) == ("gala", 1)

    upload(client_for("instructor"), "Second")
    client.force_login(learner)
    text = PdfReader(io.BytesIO(client.get(f"/certificates/{cert.uuid}/download").content)).pages[0].extract_text()

    assert "First award" in text
    assert "Second award" not in text
