"""The diagnosis is a pure function over plain facts: one table row per rule, with the exact messages."""

from datetime import UTC, datetime

import pytest

from llp_edx_plugin.support.data import DiagnosisFacts, Finding, RequirementFact
from llp_edx_plugin.support.diagnosis import diagnose

T = "Leading Teams"
VIDEO = RequirementFact(
    "video_not_watched",
    "Video 'Intro' watched 62% of 4:10 — it must be watched in full",
    "block-v1:A+B+C+type@v+block@i",
)
QUIZ = RequirementFact("quiz_not_passed", "Quiz 'Check 1' not passed: best 40%, needs 70%")
ISSUED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
PROGRESS = "/courses/course-v1:A+B+C/progress"
DOWNLOAD = "/certificates/abc/download"
RECORDS = "/learning-records"


def facts(**overrides) -> DiagnosisFacts:
    base = {
        "signed_in": True,
        "course_known": True,
        "course_title": T,
        "enrolled": True,
        "progress_url": PROGRESS,
        "download_url": None,
        "records_url": RECORDS,
    }
    return DiagnosisFacts(**{**base, **overrides})


CASES = [
    (
        "visitor",
        DiagnosisFacts(signed_in=False, course_known=False),
        [("sign_in", "Sign in so that we can check your training automatically; you can still send your request.")],
    ),
    (
        "no training chosen",
        DiagnosisFacts(signed_in=True, course_known=False),
        [("unknown_training", "Choose one of your trainings so that we can check it automatically.")],
    ),
    (
        "not enrolled",
        facts(enrolled=False, unmet_requirements=(VIDEO,)),
        [("not_enrolled", "You are not enrolled in 'Leading Teams', so it cannot give you a certificate.")],
    ),
    (
        "course without certificates",
        facts(issues_certificates=False, unmet_requirements=(VIDEO,)),
        [("no_certificates", "'Leading Teams' does not issue certificates.")],
    ),
    (
        "unmet requirements, in the Progress page's order, each with the Progress page",
        facts(unmet_requirements=(VIDEO, QUIZ)),
        [("video_not_watched", VIDEO.message), ("quiz_not_passed", QUIZ.message)],
    ),
    (
        "certificates not activated, with the requirements",
        facts(certificates_active=False, unmet_requirements=(QUIZ,)),
        [
            ("not_activated", "Certificates for 'Leading Teams' have not been activated by the course team yet."),
            ("quiz_not_passed", QUIZ.message),
        ],
    ),
    (
        "certificates not activated, everything met",
        facts(certificates_active=False),
        [("not_activated", "Certificates for 'Leading Teams' have not been activated by the course team yet.")],
    ),
    (
        "instructor-paced, qualified, not generated yet",
        facts(self_paced=False, learner_generated=False),
        [
            (
                "not_generated_yet",
                "You meet every requirement of 'Leading Teams'; it is an instructor-paced course and the instructor "
                "has not generated its certificates yet.",
            )
        ],
    ),
    (
        "instructor-paced, not passing at generation, qualified now",
        facts(self_paced=False, certificate_status="notpassing"),
        [
            (
                "not_generated_yet",
                "You meet every requirement of 'Leading Teams' now, but you were not passing when the instructor "
                "generated its certificates: the instructor must generate them again.",
            )
        ],
    ),
    (
        "instructor-paced, requirements unmet: only the requirements",
        facts(self_paced=False, unmet_requirements=(QUIZ,)),
        [("quiz_not_passed", QUIZ.message)],
    ),
    (
        "instructor-paced with learner-generated certificates, qualified: request it",
        facts(self_paced=False, learner_generated=True),
        [
            (
                "qualified",
                "You qualified for a certificate in 'Leading Teams': use Request Certificate on the Progress page.",
            )
        ],
    ),
    (
        "self-paced, qualified, no certificate: request it",
        facts(self_paced=True),
        [
            (
                "qualified",
                "You qualified for a certificate in 'Leading Teams': use Request Certificate on the Progress page.",
            )
        ],
    ),
    (
        "certificate generated: where to find it",
        facts(certificate_status="downloadable", certificate_issued_at=ISSUED, download_url=DOWNLOAD),
        [
            (
                "certificate_ready",
                "Your certificate for 'Leading Teams' was issued on 2026-03-02: download it, or find it on your "
                "Learning records page.",
            )
        ],
    ),
    (
        "employee: held by the Company Admin, named",
        facts(
            certificate_status="downloadable",
            certificate_issued_at=ISSUED,
            is_employee=True,
            company_admin_names=("Ada Admin",),
        ),
        [
            (
                "held_by_company_admin",
                "Your certificate for 'Leading Teams' was issued on 2026-03-02 and is managed by your Company Admin, "
                "Ada Admin: ask them for a copy.",
            )
        ],
    ),
    (
        "employee with two Company Admins",
        facts(certificate_status="downloadable", is_employee=True, company_admin_names=("Ada", "Bo")),
        [
            (
                "held_by_company_admin",
                "Your certificate for 'Leading Teams' was issued and is managed by your Company Admin (Ada or Bo): "
                "ask them for a copy.",
            )
        ],
    ),
    (
        "employee of a company without an admin",
        facts(certificate_status="downloadable", is_employee=True),
        [
            (
                "held_by_company_admin",
                "Your certificate for 'Leading Teams' was issued and is managed by your Company Admin: "
                "ask them for a copy.",
            )
        ],
    ),
    (
        "invalidated: that is the answer, whatever else",
        facts(certificate_status="invalidated", unmet_requirements=(QUIZ,), certificates_active=False),
        [("invalidated", "Your certificate for 'Leading Teams' has been invalidated by the course team.")],
    ),
    (
        "being generated",
        facts(certificate_status="generating"),
        [
            (
                "generating",
                "Your certificate for 'Leading Teams' is being generated: it appears on your Learning records page "
                "shortly.",
            )
        ],
    ),
    (
        "live event, attendance not marked",
        facts(kind="live_event", attendance=None),
        [("attendance_not_marked", "Attendance not yet marked for 'Leading Teams'")],
    ),
    (
        "live event, marked absent",
        facts(kind="live_event", attendance=False),
        [
            (
                "absent",
                "You were marked absent from 'Leading Teams': a certificate needs your attendance marked present.",
            )
        ],
    ),
    (
        "live event, present, certificates not activated",
        facts(kind="live_event", attendance=True, certificates_active=False),
        [("not_activated", "Certificates for 'Leading Teams' have not been activated by the course team yet.")],
    ),
    (
        "live event, present, nothing blocking",
        facts(kind="live_event", attendance=True),
        [
            (
                "nothing_found",
                "We found nothing blocking your certificate for 'Leading Teams'. "
                "Send us your request and we will look.",
            )
        ],
    ),
]


@pytest.mark.parametrize(("case", "given", "expected"), CASES, ids=[c[0] for c in CASES])
def test_diagnosis_table(case, given, expected):
    assert [(f.code, f.message) for f in diagnose(given)] == expected


def test_links_point_where_the_learner_can_act():
    ready = diagnose(facts(certificate_status="downloadable", download_url=DOWNLOAD))
    unmet = diagnose(facts(unmet_requirements=(VIDEO,)))
    generating = diagnose(facts(certificate_status="generating"))
    employee = diagnose(facts(certificate_status="downloadable", download_url=DOWNLOAD, is_employee=True))

    assert ready[0].link_url == DOWNLOAD
    assert ready[0].link_label == "Download Your Certificate"
    assert unmet[0].link_url == PROGRESS
    assert unmet[0].link_label == "Progress page"
    assert generating[0].link_url == RECORDS
    assert employee[0].link_url is None  # an employee cannot download: no link to a 403


def test_finding_json_leaves_out_an_absent_link():
    assert Finding("a", "b").as_json() == {"code": "a", "message": "b"}
    assert Finding("a", "b", "/x", "X").as_json() == {"code": "a", "message": "b", "link_url": "/x", "link_label": "X"}
