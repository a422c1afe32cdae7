"""Django admin: every model has a working admin for a superuser."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from llp_edx_plugin import models
from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from tests.accounts.logo_files import BAD_LOGOS, good_jpeg, upload
from tests.people import COURSE

MODELS = [
    "company",
    "profile",
    "courseaccessrole",
    "course",
    "courseblock",
    "enrollment",
    "job",
    "blockstate",
    "courseprogress",
    "certificate",
    "certificatetemplate",
    "certificateexception",
    "certificateinvalidation",
    "attendance",
    "attendancehistory",
    "certificatedownload",
    "supportrequest",
    "program",
    "programmember",
]


@pytest.fixture
def superuser_client(world) -> Client:
    get_user_model().objects.create_superuser("root", "root@example.com", "pass-root")
    client = Client()
    client.force_login(get_user_model().objects.get(username="root"))
    return client


@pytest.fixture
def rows(world):
    """One row of every model, so the changelists render real values."""
    learner = world.users["learner"]
    courses_api.enroll(COURSE, learner.pk, assigned_by_id=world.users["staff"].pk)
    course = models.Course.objects.get(title="Leading Teams")
    block = models.CourseBlock.objects.create(
        course=course,
        usage_key=course.course_key.make_usage_key("chapter", "intro"),
        block_type="chapter",
        block_id="intro",
        display_name="Introduction",
    )
    models.BlockState.objects.create(
        user=learner, course_key=course.course_key, usage_key=block.usage_key, block_type="chapter", complete=True
    )
    models.CourseProgress.objects.create(user=learner, course_key=course.course_key, complete_count=1, total_count=2)
    models.Job.objects.create(kind="generate", course_key=course.course_key, requested_by=world.users["staff"])
    cert = models.Certificate.objects.create(user=learner, course_key=course.course_key, status="downloadable")
    models.CertificateTemplate.objects.create(course_key=course.course_key, name="gala", version=1, html="<p></p>")
    models.CertificateException.objects.create(user=learner, course_key=course.course_key, notes="pilot")
    models.CertificateInvalidation.objects.create(certificate=cert, notes="checked")
    now = timezone.now()
    models.Attendance.objects.create(user=learner, course_key=course.course_key, present=True, marked_at=now)
    models.AttendanceHistory.objects.create(
        user=learner, course_key=course.course_key, previous=None, present=True, changed_at=now
    )
    models.CertificateDownload.objects.create(certificate=cert, user=world.users["staff"], kind="copy")
    models.SupportRequest.objects.create(
        name="Learner", email="learner@example.com", user=learner, course_key=course.course_key, message="Where?"
    )
    program = models.Program.objects.create(course_key=course.course_key, slug="leaders", kind="pathway")
    models.ProgramMember.objects.create(program=program, training_key=course.course_key, position=0)
    return world


def test_every_model_is_registered():
    registered = {model._meta.model_name for model in admin.site._registry if model._meta.app_label == "llp_edx_plugin"}
    assert registered == set(MODELS)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders_for_a_superuser(superuser_client, rows, model):
    response = superuser_client.get(f"/admin/llp_edx_plugin/{model}/")
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("company", "acme"),
        ("profile", "employee"),
        ("courseaccessrole", "LEAD101"),
        ("course", "LEAD101"),
        ("courseblock", "intro"),
        ("enrollment", "learner"),
        ("job", "LEAD101"),
        ("blockstate", "learner"),
        ("courseprogress", "LEAD101"),
        ("certificate", "learner"),
        ("certificatetemplate", "gala"),
        ("certificateexception", "learner"),
        ("certificateinvalidation", "learner"),
        ("attendance", "learner"),
        ("attendancehistory", "LEAD101"),
        ("supportrequest", "learner"),
        ("program", "leaders"),
        ("programmember", "LEAD101"),
    ],
)
def test_search_finds_the_row(superuser_client, rows, model, query):
    response = superuser_client.get(f"/admin/llp_edx_plugin/{model}/", {"q": query})
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", MODELS)
def test_change_page_renders(superuser_client, rows, model):
    obj = apps.get_model("llp_edx_plugin", model).objects.first()
    response = superuser_client.get(f"/admin/llp_edx_plugin/{model}/{obj.pk}/change/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model",
    [
        "courseblock",
        "job",
        "blockstate",
        "courseprogress",
        "certificate",
        "certificatetemplate",
        "certificateexception",
        "certificateinvalidation",
        "attendance",
        "attendancehistory",
        "supportrequest",
    ],
)
def test_read_only_models_cannot_be_added(superuser_client, model):
    assert superuser_client.get(f"/admin/llp_edx_plugin/{model}/add/").status_code == 403


def test_course_blocks_are_listed_per_course(superuser_client, rows):
    url = "/admin/llp_edx_plugin/courseblock/"
    course = models.Course.objects.get(title="Leading Teams")
    other = models.Course.objects.get(title="Other Course")
    in_course = superuser_client.get(url, {"course__id__exact": course.pk}).context["cl"]
    in_other = superuser_client.get(url, {"course__id__exact": other.pk}).context["cl"]
    assert (in_course.result_count, in_other.result_count) == (1, 0)


def test_user_change_page_has_the_profile_inline(superuser_client, world):
    employee = world.users["employee"]
    response = superuser_client.get(f"/admin/auth/user/{employee.pk}/change/")
    assert response.status_code == 200
    assert b'name="llp_profile-0-account_type"' in response.content
    assert b"Acme Corp" in response.content


def test_the_user_list_still_renders(superuser_client):
    assert superuser_client.get("/admin/auth/user/").status_code == 200


def test_a_company_logo_uploaded_in_admin_is_checked(superuser_client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    acme = world.companies["acme"]
    name, data, content_type = BAD_LOGOS["gif_named_png"]
    response = superuser_client.post(
        f"/admin/llp_edx_plugin/company/{acme.id}/change/",
        {"name": "Acme Corp", "logo": upload(name, data, content_type)},
    )
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["logo"]
    assert accounts_api.get_company(acme.id).logo_url is None

    response = superuser_client.post(
        f"/admin/llp_edx_plugin/company/{acme.id}/change/", {"name": "Acme Corp", "logo": good_jpeg()}
    )
    assert response.status_code == 302
    assert accounts_api.get_company(acme.id).logo_path == f"company_logos/{acme.id}/logo.jpg"


def test_the_admin_refuses_non_staff(world):
    client = Client()
    client.force_login(world.users["company_admin"])
    response = client.get("/admin/llp_edx_plugin/company/")
    assert response.status_code == 302


def test_a_support_request_is_answered_on_the_support_page_not_in_the_admin(superuser_client, rows):
    request = models.SupportRequest.objects.get()
    response = superuser_client.get(f"/admin/llp_edx_plugin/supportrequest/{request.pk}/change/")
    assert f'href="/support/requests/{request.pk}"'.encode() in response.content
    assert b'name="answer"' not in response.content
