"""The support domain through its api: the facts it gathers, requests it records, answers it e-mails."""

import pytest
from django.core import mail

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.errors import FieldErrors, Forbidden, NotFound
from llp_edx_plugin.support import api as support_api
from tests.learning.builders import set_state
from tests.people import make_user
from tests.support.conftest import issue

pytestmark = pytest.mark.django_db


def actor(world, name):
    return accounts_api.get_actor(world.users[name] if name else None)


def test_a_learner_missing_a_video_gets_a_diagnosis_naming_it(world, video_course):
    learner = world.users["learner"]
    set_state(learner, video_course["Intro"], watched=[[0, 100], [150, 205]], watched_ratio=0.62)
    set_state(learner, video_course["Welcome"], complete=True)

    findings = support_api.diagnosis_for(learner.pk, world.course_key)

    assert [(f.code, f.message) for f in findings] == [
        ("video_not_watched", "Video 'Intro' watched 62% of 4:10 — it must be watched in full")
    ]
    assert findings[0].link_url == f"/courses/{world.course_key}/progress"


def test_the_diagnosis_lists_what_the_progress_page_lists(world, video_course):
    from llp_edx_plugin.learning import api as learning_api

    learner = world.users["learner"]
    progress = learning_api.get_progress(learner.pk, world.course_key)

    findings = support_api.diagnosis_for(learner.pk, world.course_key)

    assert [(f.code, f.message) for f in findings] == [(r.code, r.message) for r in progress.unmet_requirements]
    assert len(findings) == 2


def test_an_employee_gets_the_company_admin_rule_with_the_admins_name(world, video_course):
    issue(world.users["employee"], world.course_key)

    findings = support_api.diagnosis_for(world.users["employee"].pk, world.course_key)

    assert [f.code for f in findings] == ["held_by_company_admin"]
    assert "managed by your Company Admin, Company Admin: ask them for a copy." in findings[0].message
    assert findings[0].link_url is None


def test_only_the_employees_own_company_admins_are_named_and_inactive_ones_are_not(world, video_course):
    acme = world.companies["acme"]
    second = make_user("zoe_admin", "company_admin", acme.id, full_name="Zoe Zimmer")
    gone = make_user("gone_admin", "company_admin", acme.id, full_name="Gone Admin")
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    assert [p.full_name for p in accounts_api.company_admins(acme.id)] == ["Company Admin", "Zoe Zimmer"]
    issue(world.users["employee"], world.course_key)
    message = support_api.diagnosis_for(world.users["employee"].pk, world.course_key)[0].message
    assert "(Company Admin or Zoe Zimmer)" in message
    assert "Other Company Admin" not in message
    assert second.username not in message


def test_an_individual_with_a_certificate_is_told_where_it_is(world, video_course):
    cert = issue(world.users["learner"], world.course_key)

    (finding,) = support_api.diagnosis_for(world.users["learner"].pk, world.course_key)

    assert finding.code == "certificate_ready"
    assert finding.link_url == f"/certificates/{cert.verify_uuid}/download"


def test_an_invalidated_certificate_is_named(world, video_course):
    issue(world.users["learner"], world.course_key, status="invalidated")

    assert [f.code for f in support_api.diagnosis_for(world.users["learner"].pk, world.course_key)] == ["invalidated"]


def test_a_live_event_learner_gets_attendance_not_yet_marked(world, live_event):
    findings = support_api.diagnosis_for(world.users["learner"].pk, live_event)

    assert [(f.code, f.message) for f in findings] == [
        ("attendance_not_marked", "Attendance not yet marked for 'Kick-off live session'")
    ]


def test_a_learner_not_enrolled_is_told_so(world, video_course):
    findings = support_api.diagnosis_for(world.users["instructor"].pk, world.course_key)

    assert [f.code for f in findings] == ["not_enrolled"]


def test_unknown_or_malformed_training_and_visitors(world):
    assert [f.code for f in support_api.diagnosis_for(world.users["learner"].pk, "course-v1:X+Y+Z")] == [
        "unknown_training"
    ]
    assert [f.code for f in support_api.diagnosis_for(world.users["learner"].pk, "not a key")] == ["unknown_training"]
    assert [f.code for f in support_api.diagnosis_for(None, world.course_key)] == ["sign_in"]


def test_the_contact_form_offers_the_learners_own_trainings(world, video_course, live_event):
    choices = support_api.trainings_of(world.users["learner"].pk)

    assert [(c.title, c.kind) for c in choices] == [
        ("Kick-off live session", "live_event"),
        ("Leading Teams", "online"),
    ]
    assert support_api.trainings_of(world.users["instructor"].pk) == []


def test_a_request_keeps_the_diagnosis_as_it_was_when_sent(world, video_course):
    learner = world.users["learner"]
    sent = support_api.create_request(
        actor(world, "learner"), name="Lena", email="lena@example.com", course_key=world.course_key, message="Where?"
    )
    issue(learner, world.course_key)  # later the certificate is issued

    stored = support_api.get_request(actor(world, "learner"), sent.id)

    assert [f.code for f in stored.diagnosis] == ["video_not_watched", "block_incomplete"]
    assert [f.code for f in support_api.diagnosis_for(learner.pk, world.course_key)] == ["certificate_ready"]
    assert (stored.course_title, stored.status, stored.username) == ("Leading Teams", "open", "learner")


def test_a_signed_in_learners_blank_name_and_email_default_to_their_account(world, video_course):
    sent = support_api.create_request(
        actor(world, "learner"), name="", email="", course_key=world.course_key, message="Help"
    )

    assert (sent.name, sent.email) == ("Learner", "learner@example.com")


@pytest.mark.parametrize(
    ("who", "fields", "errors"),
    [
        (None, {}, {"name", "email", "message", "course_key"}),
        (None, {"email": "not-an-address"}, {"email"}),
        (None, {"name": "x" * 201}, {"name"}),
        (None, {"message": "x" * 5001}, {"message"}),
        (None, {"course_key": "course-v1:NO+SUCH+COURSE"}, {"course_key"}),
        (None, {"name": 12}, {"name"}),
        ("learner", {"course_key": "course-v1:NO+SUCH+COURSE"}, {"course_key"}),
        ("learner", {"course_key": "garbage"}, {"course_key"}),
        ("learner", {"course_key": "course-v1:LLP+OTHER201+2026"}, {"course_key"}),  # exists, not enrolled
        ("learner", {"course_key": "", "training": ""}, {"course_key"}),
        ("learner", {"message": "   "}, {"message"}),
    ],
)
def test_bad_requests_are_field_errors_and_record_nothing(world, video_course, who, fields, errors):
    good = {"name": "Vic", "email": "vic@example.com", "course_key": world.course_key, "message": "Hi"}
    if who is None:
        good = {"name": "Vic", "email": "vic@example.com", "course_key": None, "training": "Leading", "message": "Hi"}
        if not fields:
            good = {"name": None, "email": None, "course_key": None, "training": None, "message": None}

    with pytest.raises(FieldErrors) as caught:
        support_api.create_request(actor(world, who), **{**good, **fields})

    assert set(caught.value.errors) == errors
    assert support_api.list_requests(actor(world, "staff"))[1] == 0


def test_a_visitor_describes_the_training_in_words(world):
    sent = support_api.create_request(
        actor(world, None), name="Val", email="val@example.com", course_key="", training="Leading, March", message="?"
    )

    assert (sent.user_id, sent.course_key, sent.training, sent.training_label) == (
        None,
        None,
        "Leading, March",
        "Leading, March",
    )
    assert [f.code for f in sent.diagnosis] == ["sign_in"]


def _three_requests(world, video_course):
    for name in ("learner", "employee"):
        support_api.create_request(
            actor(world, name), name=name, email=f"{name}@example.com", course_key=world.course_key, message="?"
        )
    support_api.create_request(
        actor(world, None), name="V", email="v@example.com", course_key="", training="T", message="?"
    )


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("learner", ["learner"]),
        ("employee", ["employee"]),
        ("company_admin", []),
        ("other_company_admin", []),
        ("instructor", []),
        ("other_instructor", []),
        ("staff", [None, "employee", "learner"]),
    ],
)
def test_who_sees_which_requests(world, video_course, who, sees):
    _three_requests(world, video_course)

    items, total = support_api.list_requests(actor(world, who))

    assert [item.username for item in items] == sees
    assert total == len(sees)


def test_anonymous_may_not_list_or_read(world, video_course):
    _three_requests(world, video_course)

    with pytest.raises(Forbidden):
        support_api.list_requests(actor(world, None))
    with pytest.raises(Forbidden):
        support_api.get_request(actor(world, None), 1)


def test_nobody_reads_someone_elses_request(world, video_course):
    _three_requests(world, video_course)
    learners = support_api.list_requests(actor(world, "learner"))[0][0]

    for who in ("employee", "company_admin", "instructor"):
        with pytest.raises(NotFound):
            support_api.get_request(actor(world, who), learners.id)
    assert support_api.get_request(actor(world, "staff"), learners.id).id == learners.id


@pytest.mark.parametrize("who", ["learner", "employee", "company_admin", "instructor", "other_instructor", None])
def test_only_staff_answer_or_close(world, video_course, who):
    _three_requests(world, video_course)
    mine = support_api.list_requests(actor(world, "staff"))[0][-1]

    with pytest.raises(Forbidden):
        support_api.answer_request(actor(world, who), mine.id, "Done")
    with pytest.raises(Forbidden):
        support_api.set_status(actor(world, who), mine.id, "closed")
    assert support_api.get_request(actor(world, "staff"), mine.id).status == "open"
    assert mail.outbox == []


def test_staff_answer_is_emailed_and_the_learner_sees_it(world, video_course):
    _three_requests(world, video_course)
    learners = support_api.list_requests(actor(world, "learner"))[0][0]

    answered = support_api.answer_request(actor(world, "staff"), learners.id, "Watch 'Intro' to the end.")

    assert (answered.status, answered.answered_by) == ("answered", "staff")
    assert answered.answer == "Watch 'Intro' to the end."
    assert answered.answered_at is not None
    (email,) = mail.outbox
    assert email.to == ["learner@example.com"]
    assert email.subject == f"Your support request #{learners.id}"
    assert "Watch 'Intro' to the end." in email.body
    assert "/support/requests" in email.body
    assert support_api.get_request(actor(world, "learner"), learners.id).answer == "Watch 'Intro' to the end."


def test_answer_and_close_then_reopen(world, video_course):
    _three_requests(world, video_course)
    visitor = support_api.list_requests(actor(world, "staff"))[0][0]

    closed = support_api.answer_request(actor(world, "staff"), visitor.id, "Sign in first.", close=True)
    reopened = support_api.set_status(actor(world, "staff"), visitor.id, "open")

    assert closed.status == "closed"
    assert reopened.status == "open"
    assert mail.outbox[0].to == ["v@example.com"]
    assert "/support/requests" not in mail.outbox[0].body  # a visitor has no account to read it with


def test_an_empty_answer_or_unknown_status_is_refused(world, video_course):
    _three_requests(world, video_course)
    item = support_api.list_requests(actor(world, "staff"))[0][0]

    with pytest.raises(FieldErrors):
        support_api.answer_request(actor(world, "staff"), item.id, "  ")
    with pytest.raises(FieldErrors):
        support_api.set_status(actor(world, "staff"), item.id, "pending")
    with pytest.raises(FieldErrors):
        support_api.list_requests(actor(world, "staff"), status="pending")
    with pytest.raises(NotFound):
        support_api.answer_request(actor(world, "staff"), 999_999, "Hello")
    assert mail.outbox == []


def test_staff_filter_by_status(world, video_course):
    _three_requests(world, video_course)
    first = support_api.list_requests(actor(world, "staff"))[0][0]
    support_api.answer_request(actor(world, "staff"), first.id, "Done")

    assert support_api.list_requests(actor(world, "staff"), status="answered")[1] == 1
    assert support_api.list_requests(actor(world, "staff"), status="open")[1] == 2
    assert support_api.list_requests(actor(world, "staff"), status="closed")[1] == 0


def test_an_account_without_an_e_mail_must_give_one(world, video_course):
    type(world.users["learner"]).objects.filter(pk=world.users["learner"].pk).update(email="")

    with pytest.raises(FieldErrors) as caught:
        support_api.create_request(actor(world, "learner"), name="", email="", course_key=world.course_key, message="?")

    assert caught.value.errors == {"email": ["This field is required."]}
