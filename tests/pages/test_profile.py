"""The Profile Settings page (``/profile/settings``): the account, and the company logo for Company Admins."""

import pytest
from django.test import Client

from llp_edx_plugin.accounts import api as accounts_api
from tests.accounts.logo_files import BAD_LOGOS, good_jpeg, good_png, too_big_png, upload
from tests.people import ROLES

URL = "/profile/settings"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def page_client(world):
    """``page_client("learner")``: a browser-like client logged in (session + CSRF checks on)."""

    def make(name: str | None) -> Client:
        client = Client(enforce_csrf_checks=False)
        if name is not None:
            client.force_login(world.users[name])
        return client

    return make


def _text(response) -> str:
    return response.content.decode()


def test_anonymous_is_sent_to_login(world, page_client):
    response = page_client(None).get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/login?next=/profile/settings"


@pytest.mark.parametrize(
    ("role", "account_type", "company"),
    [
        ("learner", "Individual", "—"),
        ("employee", "Employee", "Acme Corp"),
        ("company_admin", "Company Admin", "Acme Corp"),
        ("other_company_admin", "Company Admin", "Globex"),
        ("instructor", "Individual", "—"),
        ("staff", "Individual", "—"),
    ],
)
def test_the_page_shows_the_account(world, page_client, role, account_type, company):
    response = page_client(role).get(URL)
    assert response.status_code == 200
    context = response.context
    assert context["profile"].username == role
    assert context["account_type_label"] == account_type
    text = _text(response)
    assert f'data-testid="full-name">{role.replace("_", " ").title()}</dd>' in text
    assert f'data-testid="email">{role}@example.com</dd>' in text
    assert f'data-testid="company">{company}</dd>' in text
    assert account_type in text


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_only_company_admins_see_the_logo_form(world, page_client, role):
    text = _text(page_client(role).get(URL))
    shows = role in {"company_admin", "other_company_admin"}
    assert ('data-testid="logo-form"' in text) is shows
    assert ("Company logo" in text) is shows


def test_staff_is_marked_as_platform_staff(world, page_client):
    assert "Platform staff" in _text(page_client("staff").get(URL))
    assert "Platform staff" not in _text(page_client("learner").get(URL))


@pytest.mark.parametrize("role", [r for r in ROLES if r not in {"anonymous", "company_admin", "other_company_admin"}])
def test_nobody_else_may_post_a_logo(world, page_client, media_root, role):
    response = page_client(role).post(URL, {"logo": good_png()})
    assert response.status_code == 403
    assert accounts_api.get_company(world.companies["acme"].id).logo_url is None
    assert list(media_root.rglob("*.*")) == []


def test_a_company_admin_uploads_the_logo_of_their_own_company(world, page_client, media_root):
    acme, globex = world.companies["acme"], world.companies["globex"]
    client = page_client("company_admin")
    response = client.post(URL, {"logo": good_png()})
    assert response.status_code == 302
    assert response["Location"] == URL
    logo_url = accounts_api.get_company(acme.id).logo_url
    assert logo_url == f"/media/company_logos/{acme.id}/logo.png"
    assert accounts_api.get_company(globex.id).logo_url is None
    page = client.get(URL)
    assert f'src="{logo_url}"' in _text(page)
    assert "The company logo was updated." in _text(page)


def test_a_new_logo_replaces_the_old_one(world, page_client, media_root):
    acme = world.companies["acme"]
    client = page_client("company_admin")
    client.post(URL, {"logo": good_png()})
    client.post(URL, {"logo": good_jpeg()})
    assert accounts_api.get_company(acme.id).logo_url == f"/media/company_logos/{acme.id}/logo.jpg"
    assert sorted(p.name for p in (media_root / f"company_logos/{acme.id}").iterdir()) == ["logo.jpg"]


@pytest.mark.parametrize("case", sorted(BAD_LOGOS))
def test_a_bad_file_shows_the_error_on_the_form_and_keeps_nothing(world, page_client, media_root, case):
    name, data, content_type = BAD_LOGOS[case]
    response = page_client("company_admin").post(URL, {"logo": upload(name, data, content_type)})
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert len(errors) == 1
    assert "is-invalid" in _text(response)
    assert f'<div class="invalid-feedback">{errors[0]}</div>' in _text(response)
    assert accounts_api.get_company(world.companies["acme"].id).logo_url is None
    assert list(media_root.rglob("*.*")) == []


def test_a_too_big_file_is_refused_on_the_form(world, page_client, media_root, settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "LOGO_MAX_BYTES": 1000}
    response = page_client("company_admin").post(URL, {"logo": too_big_png(1000)})
    assert response.context["form"].errors["logo"] == ["The logo must be at most 1000 bytes (this file is 1001 bytes)."]
    assert accounts_api.get_company(world.companies["acme"].id).logo_url is None


def test_a_post_without_a_file_asks_for_one(world, page_client, media_root):
    response = page_client("company_admin").post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == ["This field is required."]


def test_the_form_needs_the_csrf_token(world, media_root):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["company_admin"])
    response = client.post(URL, {"logo": good_png()})
    assert response.status_code == 403
    assert accounts_api.get_company(world.companies["acme"].id).logo_url is None


def test_other_methods_are_refused(world, page_client):
    assert page_client("learner").put(URL).status_code == 405
