"""The automatic diagnosis of "where is my certificate?": one pure function over plain facts.

Each rule yields a ``Finding`` with an exact message; the contact form shows them before the learner sends
their request, the request keeps them as they were, and staff see them again recomputed.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .data import DiagnosisFacts, Finding

SIGN_IN = gettext_noop("Sign in so that we can check your training automatically; you can still send your request.")
UNKNOWN_TRAINING = gettext_noop("Choose one of your trainings so that we can check it automatically.")
NOT_ENROLLED = gettext_noop("You are not enrolled in '{title}', so it cannot give you a certificate.")
NO_CERTIFICATES = gettext_noop("'{title}' does not issue certificates.")
INVALIDATED = gettext_noop("Your certificate for '{title}' has been invalidated by the course team.")
READY = gettext_noop(
    "Your certificate for '{title}' was issued{on}: download it, or find it on your Learning records page."
)
HELD_BY_ADMIN = gettext_noop(
    "Your certificate for '{title}' was issued{on} and is managed by your Company Admin{names}: ask them for a copy."
)
GENERATING = gettext_noop(
    "Your certificate for '{title}' is being generated: it appears on your Learning records page shortly."
)
NOT_ACTIVATED = gettext_noop("Certificates for '{title}' have not been activated by the course team yet.")
ATTENDANCE_NOT_MARKED = gettext_noop("Attendance not yet marked for '{title}'")
ABSENT = gettext_noop("You were marked absent from '{title}': a certificate needs your attendance marked present.")
NOT_GENERATED = gettext_noop(
    "You meet every requirement of '{title}'; it is an instructor-paced course and the instructor has not "
    "generated its certificates yet."
)
NOT_PASSING_AT_GENERATION = gettext_noop(
    "You meet every requirement of '{title}' now, but you were not passing when the instructor generated its "
    "certificates: the instructor must generate them again."
)
QUALIFIED = gettext_noop("You qualified for a certificate in '{title}': use Request Certificate on the Progress page.")
NOTHING_FOUND = gettext_noop(
    "We found nothing blocking your certificate for '{title}'. Send us your request and we will look."
)

DOWNLOAD_LABEL = gettext_noop("Download Your Certificate")
RECORDS_LABEL = gettext_noop("Learning records")
PROGRESS_LABEL = gettext_noop("Progress page")


def _issued_on(facts: DiagnosisFacts) -> str:
    issued = facts.certificate_issued_at
    return _(" on {date}").format(date=issued.date().isoformat()) if issued else ""


def _admin_names(names: tuple[str, ...]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return f", {names[0]}"
    return _(" ({names} or {last})").format(names=", ".join(names[:-1]), last=names[-1])


def diagnose(facts: DiagnosisFacts) -> tuple[Finding, ...]:
    """Every reason the learner has no certificate yet, or where the certificate they have is."""
    if not facts.signed_in:
        return (Finding("sign_in", _(SIGN_IN)),)
    if not facts.course_known:
        return (Finding("unknown_training", _(UNKNOWN_TRAINING)),)
    title = facts.course_title
    if not facts.enrolled:
        return (Finding("not_enrolled", _(NOT_ENROLLED).format(title=title)),)
    if not facts.issues_certificates:
        return (Finding("no_certificates", _(NO_CERTIFICATES).format(title=title)),)

    status = facts.certificate_status
    if status == "invalidated":
        return (Finding("invalidated", _(INVALIDATED).format(title=title)),)
    if status == "downloadable":
        if facts.is_employee:
            message = _(HELD_BY_ADMIN).format(
                title=title, on=_issued_on(facts), names=_admin_names(facts.company_admin_names)
            )
            return (Finding("held_by_company_admin", message),)
        message = _(READY).format(title=title, on=_issued_on(facts))
        return (Finding("certificate_ready", message, facts.download_url, _(DOWNLOAD_LABEL)),)
    if status == "generating":
        return (Finding("generating", _(GENERATING).format(title=title), facts.records_url, _(RECORDS_LABEL)),)

    findings: list[Finding] = []
    if not facts.certificates_active:
        findings.append(Finding("not_activated", _(NOT_ACTIVATED).format(title=title)))
    if facts.kind == "live_event":
        if facts.attendance is None:
            findings.append(Finding("attendance_not_marked", _(ATTENDANCE_NOT_MARKED).format(title=title)))
        elif facts.attendance is False:
            findings.append(Finding("absent", _(ABSENT).format(title=title)))
        return tuple(findings) or (Finding("nothing_found", _(NOTHING_FOUND).format(title=title)),)

    unmet = [Finding(req.code, req.message, facts.progress_url, _(PROGRESS_LABEL)) for req in facts.unmet_requirements]
    findings.extend(unmet)
    if not unmet and facts.certificates_active:
        if not (facts.self_paced or facts.learner_generated):
            template = NOT_PASSING_AT_GENERATION if status == "notpassing" else NOT_GENERATED
            findings.append(Finding("not_generated_yet", _(template).format(title=title)))
        else:
            findings.append(
                Finding("qualified", _(QUALIFIED).format(title=title), facts.progress_url, _(PROGRESS_LABEL))
            )
    return tuple(findings) or (Finding("nothing_found", _(NOTHING_FOUND).format(title=title)),)
