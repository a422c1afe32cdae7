"""The site's password validators apply on every way a password is set: API, admin, createsuperuser, demo."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from llp_edx_plugin.management.commands.llp_demo import PASSWORD as DEMO_PASSWORD
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()

WEAK = [
    ("password", "too common"),
    ("Short1!", "too short"),
    ("83920174", "entirely numeric"),
    ("new_hire-", "too similar"),  # to the username
]


@pytest.mark.parametrize(("password", "reason"), WEAK, ids=[r for _, r in WEAK])
def test_the_api_refuses_a_weak_password(world, client_for, password, reason):
    payload = {
        "username": "new_hire",
        "password": password,
        "email": "new_hire@example.com",
        "full_name": "New Hire",
        "account_type": "individual",
    }
    response = client_for("staff").post("/api/v1/users", payload, format="json")
    assert response.status_code == 400
    assert reason in " ".join(response.json()["errors"]["password"])
    assert not User.objects.filter(username="new_hire").exists()


def test_the_api_accepts_a_good_password(world, client_for):
    payload = {"username": "new_hire", "password": PASSWORD, "email": "n@example.com", "account_type": "individual"}
    response = client_for("staff").post("/api/v1/users", {**payload, "full_name": "New Hire"}, format="json")
    assert response.status_code == 201


def test_the_admin_refuses_a_weak_password(world):
    root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client = Client()
    client.force_login(root)
    form = {"username": "new_hire", "password1": "password", "password2": "password", "usable_password": "true"}
    response = client.post("/admin/auth/user/add/", form)
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(username="new_hire").exists()


def test_createsuperuser_noinput_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "12345678")
    with pytest.raises(CommandError, match=r"too common|entirely numeric"):
        call_command("createsuperuser", "--noinput", "--username", "root", "--email", "root@example.com")
    assert not User.objects.filter(username="root").exists()


def test_createsuperuser_noinput_accepts_a_good_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--username", "root", "--email", "r@example.com", stdout=io.StringIO())
    assert User.objects.get(username="root").check_password(PASSWORD)


@pytest.mark.parametrize("username", ["admin", "alice", "erik", "carla", "ines", "aaron"])
def test_the_published_demo_password_passes_the_validators(username):
    validate_password(DEMO_PASSWORD, User(username=username, email=f"{username}@example.com"))
