"""Accounts API: account field rules and company logos, below the REST layer."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.errors import FieldErrors, NotFound
from tests.accounts.logo_files import good_jpeg, upload
from tests.people import PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("username", {"username": "two words"}),
        ("username", {"username": "x" * 151}),
        ("email", {"email": "nope"}),
        ("full_name", {"full_name": "n" * 256}),
        ("account_type", {"account_type": "boss"}),
        ("company_id", {"account_type": "employee"}),
    ],
)
def test_create_account_refuses_a_bad_field_and_stores_nothing(field, changes):
    values = {"username": "someone", "password": PASSWORD, "email": "someone@example.com", **changes}
    with pytest.raises(FieldErrors) as exc:
        accounts_api.create_account(**values)
    assert list(exc.value.errors) == [field]
    with pytest.raises(NotFound):
        accounts_api.get_profile_by_username(values["username"])


@pytest.mark.django_db
def test_password_validators_of_the_site_apply(settings):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}}
    ]
    with pytest.raises(FieldErrors) as exc:
        accounts_api.create_account(username="someone", password="short")
    assert list(exc.value.errors) == ["password"]


def test_set_company_logo_stores_the_real_format(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    acme = world.companies["acme"]
    company = accounts_api.set_company_logo(acme.id, upload("evil.png.exe", good_jpeg().read(), "image/png"))
    assert company.logo_path == f"company_logos/{acme.id}/logo.jpg"
    assert (tmp_path / company.logo_path).read_bytes()[:2] == b"\xff\xd8"


def test_set_company_logo_refuses_a_fake_and_keeps_nothing(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    acme = world.companies["acme"]
    with pytest.raises(FieldErrors):
        accounts_api.set_company_logo(acme.id, upload("logo.png", b"GIF89a not really", "image/png"))
    assert accounts_api.get_company(acme.id).logo_url is None
    assert list(tmp_path.rglob("*.*")) == []


@pytest.mark.django_db
def test_set_company_logo_of_an_unknown_company_is_not_found():
    with pytest.raises(NotFound):
        accounts_api.set_company_logo(999999, good_jpeg())
