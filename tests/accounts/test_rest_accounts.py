"""REST: companies, company logos, accounts and the attendance permission (CONTRACT.md "Accounts")."""

import pytest
from django.contrib.auth import get_user_model

from llp_edx_plugin.accounts import api as accounts_api
from tests.accounts.logo_files import BAD_LOGOS, good_jpeg, good_png, png_declaring, too_big_png, upload
from tests.people import ROLES

User = get_user_model()


def _expected(role: str, allowed: set[str], ok: int) -> int:
    if role == "anonymous":
        return 401
    return ok if role in allowed else 403


# --- POST /api/v1/companies -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_a_company(world, client_for, role):
    response = client_for(None if role == "anonymous" else role).post(
        "/api/v1/companies", {"name": "Initech"}, format="json"
    )
    assert response.status_code == _expected(role, {"staff"}, 201)
    created = [c for c in ("Initech",) if _company_named(c)]
    assert created == (["Initech"] if role == "staff" else [])


def _company_named(name: str) -> bool:
    from llp_edx_plugin.models import Company

    return Company.objects.filter(name=name).exists()


def test_created_company_reply(world, client_for):
    response = client_for("staff").post("/api/v1/companies", {"name": "  Initech  "}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body == {"id": body["id"], "name": "Initech", "logo_url": None}
    assert accounts_api.get_company(body["id"]).name == "Initech"


@pytest.mark.parametrize(
    "payload",
    [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 201}, {"name": "Acme Corp"}, {"name": None}],
    ids=["missing", "empty", "blank", "too_long", "duplicate", "null"],
)
def test_bad_company_name_is_400_and_nothing_stored(world, client_for, payload):
    from llp_edx_plugin.models import Company

    before = Company.objects.count()
    response = client_for("staff").post("/api/v1/companies", payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["name"]
    assert Company.objects.count() == before


# --- PUT /api/v1/companies/{id}/logo ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_the_acme_logo(world, client_for, media_root, role):
    acme = world.companies["acme"]
    response = client_for(None if role == "anonymous" else role).put(
        f"/api/v1/companies/{acme.id}/logo", {"logo": good_png()}, format="multipart"
    )
    assert response.status_code == _expected(role, {"company_admin", "staff"}, 200)
    logo_url = accounts_api.get_company(acme.id).logo_url
    if response.status_code == 200:
        assert response.json() == {"logo_url": logo_url}
        assert logo_url == f"/media/company_logos/{acme.id}/logo.png"
    else:
        assert logo_url is None


def test_a_jpeg_replaces_the_png_and_the_old_file_is_removed(world, client_for, media_root):
    acme = world.companies["acme"]
    client = client_for("company_admin")
    client.put(f"/api/v1/companies/{acme.id}/logo", {"logo": good_png()}, format="multipart")
    assert (media_root / f"company_logos/{acme.id}/logo.png").exists()
    response = client.put(f"/api/v1/companies/{acme.id}/logo", {"logo": good_jpeg()}, format="multipart")
    assert response.status_code == 200
    assert response.json() == {"logo_url": f"/media/company_logos/{acme.id}/logo.jpg"}
    assert sorted(p.name for p in (media_root / f"company_logos/{acme.id}").iterdir()) == ["logo.jpg"]


@pytest.mark.parametrize("case", sorted(BAD_LOGOS))
def test_a_file_that_is_not_png_or_jpeg_is_400_and_nothing_stored(world, client_for, media_root, case):
    acme = world.companies["acme"]
    name, data, content_type = BAD_LOGOS[case]
    response = client_for("company_admin").put(
        f"/api/v1/companies/{acme.id}/logo", {"logo": upload(name, data, content_type)}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["logo"]
    assert accounts_api.get_company(acme.id).logo_url is None
    assert list(media_root.rglob("*.*")) == []


def test_a_too_big_logo_is_400_and_the_old_logo_stays(world, client_for, media_root, settings):
    acme = world.companies["acme"]
    client = client_for("staff")
    client.put(f"/api/v1/companies/{acme.id}/logo", {"logo": good_png()}, format="multipart")
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "LOGO_MAX_BYTES": 2000}
    response = client.put(f"/api/v1/companies/{acme.id}/logo", {"logo": too_big_png(2000)}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"errors": {"logo": ["The logo must be at most 2 KB (this file is 2 KB)."]}}
    assert accounts_api.get_company(acme.id).logo_url == f"/media/company_logos/{acme.id}/logo.png"


def test_a_small_file_of_too_many_pixels_is_400_and_nothing_is_stored(world, client_for, media_root):
    acme = world.companies["acme"]
    response = client_for("company_admin").put(
        f"/api/v1/companies/{acme.id}/logo", {"logo": png_declaring(12000, 12000)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"logo": ["The logo must be at most 4096 x 4096 pixels (this one is 12000 x 12000)."]}
    }
    assert accounts_api.get_company(acme.id).logo_url is None
    assert list(media_root.rglob("*.*")) == []


def test_the_default_limit_is_2_mb(world, client_for, media_root):
    acme = world.companies["acme"]
    response = client_for("staff").put(
        f"/api/v1/companies/{acme.id}/logo", {"logo": too_big_png(2 * 1024 * 1024)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["logo"] == ["The logo must be at most 2.0 MB (this file is 2.0 MB)."]


@pytest.mark.parametrize(
    ("payload", "fmt"),
    [({}, "multipart"), ({"logo": "not a file"}, "multipart"), ({"logo": "x"}, "json")],
    ids=["missing", "text_field", "json_body"],
)
def test_no_file_in_logo_is_400(world, client_for, media_root, payload, fmt):
    acme = world.companies["acme"]
    response = client_for("company_admin").put(f"/api/v1/companies/{acme.id}/logo", payload, format=fmt)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["logo"]


def test_unknown_company_is_404_for_staff(world, client_for, media_root):
    response = client_for("staff").put("/api/v1/companies/999999/logo", {"logo": good_png()}, format="multipart")
    assert response.status_code == 404


# --- POST /api/v1/users -----------------------------------------------------------------------------


def _user_payload(world, **changes) -> dict:
    payload = {
        "username": "new_hire",
        "password": "s3cret-pass",
        "email": "new_hire@example.com",
        "full_name": "New Hire",
        "account_type": "employee",
        "company_id": world.companies["acme"].id,
    }
    payload.update(changes)
    return {k: v for k, v in payload.items() if v is not ...}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_an_acme_employee(world, client_for, role):
    response = client_for(None if role == "anonymous" else role).post(
        "/api/v1/users", _user_payload(world), format="json"
    )
    assert response.status_code == _expected(role, {"company_admin", "staff"}, 201)
    assert User.objects.filter(username="new_hire").exists() is (response.status_code == 201)


def test_created_account_reply_and_login(world, client_for):
    response = client_for("staff").post("/api/v1/users", _user_payload(world), format="json")
    assert response.status_code == 201
    assert response.json() == {
        "username": "new_hire",
        "email": "new_hire@example.com",
        "full_name": "New Hire",
        "account_type": "employee",
        "company_id": world.companies["acme"].id,
        "is_active": True,
    }
    assert User.objects.get(username="new_hire").check_password("s3cret-pass")


@pytest.mark.parametrize(
    "changes",
    [
        {"account_type": "company_admin"},
        {"account_type": "individual", "company_id": None},
        {"company_id": "globex"},
    ],
    ids=["company_admin", "individual", "other_company"],
)
def test_a_company_admin_creates_only_employees_of_their_company(world, client_for, changes):
    if changes.get("company_id") == "globex":
        changes["company_id"] = world.companies["globex"].id
    response = client_for("company_admin").post("/api/v1/users", _user_payload(world, **changes), format="json")
    assert response.status_code == 403
    assert not User.objects.filter(username="new_hire").exists()


def test_a_company_admin_without_company_id_creates_an_employee_of_their_company(world, client_for):
    response = client_for("company_admin").post("/api/v1/users", _user_payload(world, company_id=...), format="json")
    assert response.status_code == 201
    assert response.json()["company_id"] == world.companies["acme"].id


@pytest.mark.parametrize(
    ("account_type", "company"),
    [("individual", None), ("employee", "globex"), ("company_admin", "acme")],
)
def test_staff_creates_every_account_type(world, client_for, account_type, company):
    company_id = world.companies[company].id if company else None
    payload = _user_payload(world, account_type=account_type, company_id=company_id)
    response = client_for("staff").post("/api/v1/users", payload, format="json")
    assert response.status_code == 201
    profile = accounts_api.get_profile_by_username("new_hire")
    assert (profile.account_type, profile.company_id) == (account_type, company_id)


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("username", {"username": ...}),
        ("username", {"username": ""}),
        ("username", {"username": "bad name!"}),
        ("username", {"username": "u" * 151}),
        ("username", {"username": "learner"}),
        ("password", {"password": ...}),
        ("password", {"password": ""}),
        ("email", {"email": ...}),
        ("email", {"email": "not-an-email"}),
        ("full_name", {"full_name": ...}),
        ("full_name", {"full_name": "n" * 256}),
        ("account_type", {"account_type": ...}),
        ("account_type", {"account_type": "boss"}),
        ("company_id", {"company_id": "acme"}),
        ("company_id", {"company_id": 999999}),
        ("company_id", {"company_id": None}),
        ("company_id", {"account_type": "individual"}),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}={str(x)[:12]}" for k, x in v.items()),
)
def test_bad_account_field_is_400_naming_it_and_nothing_stored(world, client_for, field, changes):
    users_before = User.objects.count()
    response = client_for("staff").post("/api/v1/users", _user_payload(world, **changes), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert User.objects.count() == users_before


# --- PUT /api/v1/users/{username}/permissions -------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_grant_attendance_marking(world, client_for, role):
    response = client_for(None if role == "anonymous" else role).put(
        "/api/v1/users/learner/permissions", {"mark_attendance": True}, format="json"
    )
    assert response.status_code == _expected(role, {"staff"}, 200)
    granted = accounts_api.get_actor(User.objects.get(username="learner")).can_mark_attendance
    assert granted is (role == "staff")


def test_grant_then_withdraw(world, client_for):
    client = client_for("staff")
    response = client.put("/api/v1/users/learner/permissions", {"mark_attendance": True}, format="json")
    assert response.json() == {"username": "learner", "mark_attendance": True}
    response = client.put("/api/v1/users/attendance_admin/permissions", {"mark_attendance": False}, format="json")
    assert response.status_code == 200
    assert response.json() == {"username": "attendance_admin", "mark_attendance": False}
    assert accounts_api.get_actor(User.objects.get(username="attendance_admin")).can_mark_attendance is False


@pytest.mark.parametrize("payload", [{}, {"mark_attendance": "maybe"}, {"mark_attendance": None}])
def test_bad_permission_value_is_400(world, client_for, payload):
    response = client_for("staff").put("/api/v1/users/learner/permissions", payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["mark_attendance"]
    assert accounts_api.get_actor(User.objects.get(username="learner")).can_mark_attendance is False


def test_permissions_of_an_unknown_user_is_404(world, client_for):
    response = client_for("staff").put("/api/v1/users/nobody/permissions", {"mark_attendance": True}, format="json")
    assert response.status_code == 404
