"""Support pages: the contact form with its diagnosis, the requests list, the staff answer; the links to them."""

import pytest
from django.core import mail
from django.urls import reverse

from llp_edx_plugin.support.models import SupportRequest
from tests.learning.builders import page_client
from tests.support.conftest import issue

pytestmark = pytest.mark.django_db

CONTACT = "/support/contact"
REQUESTS = "/support/requests"


def test_the_contact_page_shows_the_diagnosis_of_the_preselected_training(world, video_course):
    response = page_client(world.users["learner"]).get(CONTACT, {"course_key": world.course_key})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Video &#x27;Intro&#x27; watched 0% of 4:10 — it must be watched in full" in html
    assert f'<option value="{world.course_key}" selected>' in html
    assert 'value="Learner"' in html
    assert 'value="learner@example.com"' in html
    assert "Many requests end here" in html


def test_a_learner_with_one_training_has_it_chosen(world, video_course):
    html = page_client(world.users["learner"]).get(CONTACT).content.decode()

    assert f'<option value="{world.course_key}" selected>' in html
    assert 'data-code="video_not_watched"' in html


def test_a_visitor_sees_the_form_with_a_free_text_training(world):
    response = page_client().get(CONTACT)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="training"' in html
    assert "<select" not in html
    assert "/login?next=" in html


def test_a_learner_sends_the_form_and_lands_on_the_request(world, video_course):
    client = page_client(world.users["learner"])

    response = client.post(
        CONTACT, {"name": "Lena", "email": "lena@example.com", "course_key": world.course_key, "message": "Where?"}
    )

    row = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("llp_edx_plugin:support-request-detail", args=[row.pk])
    assert [f["code"] for f in row.diagnosis] == ["video_not_watched", "block_incomplete"]
    page = client.get(response.url).content.decode()
    assert "Where?" in page
    assert "Automatic check when you sent it" in page


def test_a_visitor_sends_the_form(world):
    response = page_client().post(
        CONTACT, {"name": "Val", "email": "val@example.com", "training": "Leading", "message": "?"}
    )

    assert response.status_code == 201
    assert "request #" in response.content.decode()
    assert SupportRequest.objects.get().training == "Leading"


def test_a_bad_form_is_shown_again_with_its_errors(world):
    response = page_client().post(CONTACT, {"name": "", "email": "nope", "training": "", "message": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in html
    assert html.count("This field is required.") == 2
    assert SupportRequest.objects.count() == 0


def _send(world, who):
    client = page_client(world.users[who])
    client.post(
        CONTACT, {"name": who, "email": f"{who}@example.com", "course_key": world.course_key, "message": f"From {who}"}
    )
    return SupportRequest.objects.filter(user=world.users[who]).get()


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("learner", {"From learner"}),
        ("employee", {"From employee"}),
        ("company_admin", set()),
        ("other_company_admin", set()),
        ("instructor", set()),
        ("other_instructor", set()),
        ("staff", {"From learner", "From employee"}),
    ],
)
def test_who_sees_which_requests_on_the_page(world, video_course, role, sees):
    _send(world, "learner")
    _send(world, "employee")

    html = page_client(world.users[role]).get(REQUESTS).content.decode()

    assert {m for m in ("From learner", "From employee") if m in html} == sees


def test_anonymous_is_sent_to_sign_in(world):
    assert page_client().get(REQUESTS).status_code == 302
    assert page_client().get(f"{REQUESTS}/1").status_code == 302


@pytest.mark.parametrize(("role", "status"), [("employee", 404), ("instructor", 404), ("company_admin", 404)])
def test_nobody_else_opens_a_learners_request(world, video_course, role, status):
    row = _send(world, "learner")

    assert page_client(world.users[role]).get(f"{REQUESTS}/{row.pk}").status_code == status


def test_staff_see_both_diagnoses_and_the_links(world, video_course):
    row = _send(world, "learner")
    issue(world.users["learner"], world.course_key)

    html = page_client(world.users["staff"]).get(f"{REQUESTS}/{row.pk}").content.decode()

    assert "Diagnosis when sent" in html
    assert "Current state" in html
    assert 'data-code="video_not_watched"' in html
    assert 'data-code="certificate_ready"' in html
    assert f'href="/courses/{world.course_key}/progress?username=learner"' in html
    assert f'href="/courses/{world.course_key}/instructor"' in html
    assert 'data-testid="answer-form"' in html


def test_a_learner_does_not_get_the_answer_form(world, video_course):
    row = _send(world, "learner")

    html = page_client(world.users["learner"]).get(f"{REQUESTS}/{row.pk}").content.decode()

    assert 'data-testid="answer-form"' not in html
    assert "Current state" not in html


def test_staff_answer_on_the_page_e_mails_the_learner(world, video_course):
    row = _send(world, "learner")

    response = page_client(world.users["staff"]).post(
        f"{REQUESTS}/{row.pk}", {"action": "answer", "answer": "Watch it all."}
    )

    row.refresh_from_db()
    assert response.status_code == 302
    assert (row.status, row.answer, row.answered_by) == ("answered", "Watch it all.", world.users["staff"])
    assert mail.outbox[0].to == ["learner@example.com"]
    learner_page = page_client(world.users["learner"]).get(f"{REQUESTS}/{row.pk}").content.decode()
    assert "Watch it all." in learner_page


def test_staff_close_and_reopen_without_e_mail(world, video_course):
    row = _send(world, "learner")
    staff = page_client(world.users["staff"])

    staff.post(f"{REQUESTS}/{row.pk}", {"action": "close"})
    row.refresh_from_db()
    closed = row.status
    staff.post(f"{REQUESTS}/{row.pk}", {"action": "reopen"})
    row.refresh_from_db()

    assert (closed, row.status) == ("closed", "open")
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["learner", "employee", "instructor"])
def test_a_non_staff_post_answers_nothing(world, video_course, role):
    row = _send(world, "learner")

    response = page_client(world.users[role]).post(f"{REQUESTS}/{row.pk}", {"action": "answer", "answer": "Hi"})

    row.refresh_from_db()
    assert response.status_code == 403
    assert (row.status, row.answer) == ("open", "")
    assert mail.outbox == []


def test_an_empty_answer_is_shown_again(world, video_course):
    row = _send(world, "learner")

    response = page_client(world.users["staff"]).post(f"{REQUESTS}/{row.pk}", {"action": "answer", "answer": " "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert mail.outbox == []


def test_the_progress_page_links_certificate_missing_with_the_training(world, video_course):
    html = page_client(world.users["learner"]).get(f"/courses/{world.course_key}/progress").content.decode()

    assert "Certificate missing?" in html
    assert f'href="/support/contact?course_key={world.course_key.replace(":", "%3A").replace("+", "%2B")}"' in html


def test_the_learning_records_page_links_to_support(world, video_course):
    issue(world.users["learner"], world.course_key)

    html = page_client(world.users["learner"]).get("/learning-records").content.decode()

    assert 'href="/support/contact"' in html
    assert "Certificate missing?" in html
    assert "/support/contact?course_key=" in html


def test_a_hand_typed_link_with_an_unencoded_plus_still_preselects_the_training(world, video_course):
    html = page_client(world.users["learner"]).get(f"{CONTACT}?course_key={world.course_key}").content.decode()

    assert f'<option value="{world.course_key}" selected>' in html
    assert 'data-code="video_not_watched"' in html


def test_the_contact_page_shares_the_apis_sending_allowance(world, settings, api_client):
    settings.LLP_CERTIFICATES = {"SUPPORT_THROTTLE_ANON": "2/hour"}
    form = {"name": "V", "email": "v@example.com", "training": "T", "message": "?"}
    api_client.post("/api/v1/support/requests", form, format="json")
    page = page_client()

    sent = page.post(CONTACT, form)
    refused = page.post(CONTACT, form)

    assert sent.status_code == 201
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "please try again in" in refused.content.decode()
    assert SupportRequest.objects.count() == 2
