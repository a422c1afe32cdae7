"""An issued certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (W3C VC Data Model 2.0): pure functions.

Field names follow the OB 3.0 specification (``AchievementSubject``, ``IdentityObject``, ``Criteria.narrative``)
and the Bitstring Status List (``BitstringStatusListEntry``). The recipient is named by a salted SHA-256 of
their e-mail, never the e-mail itself (ADR 0033).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
STATUS_PURPOSE = "revocation"
# The credential inside the certificate's PDF (an embedded file of the PDF/A-3b document).
ATTACHMENT_NAME = "credential.jwt"
ATTACHMENT_MIME = "application/vc+jwt"


@dataclass(frozen=True)
class CredentialFacts:
    """Everything a certificate's credential says, as plain data."""

    uuid: str
    verify_url: str
    issuer_name: str
    issuer_url: str
    achievement_id: str
    achievement_name: str
    achievement_description: str
    criteria: str
    email: str
    salt: str
    valid_from: datetime
    status_list_url: str
    status_index: int
    kind: str = "course"  # course | live_event | program (OB achievementType below)


ACHIEVEMENT_TYPES = {"course": "Course", "online": "Course", "live_event": "Course", "program": "LearningProgram"}


def iso(moment: datetime) -> str:
    """An XML Schema dateTimeStamp in UTC with a Z (the form VC examples use)."""
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def identity_hash(email: str, salt: str) -> str:
    """OB's hashed identity: ``sha256$`` and the hex SHA-256 of the lower-cased e-mail followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def criteria_narrative(kind: str, lowest_cutoff: float | None, members: tuple[str, ...] = ()) -> str:
    """What the learner did to earn it, from the completion rules of DESIGN.md §3 (and §4 for programs)."""
    if kind == "live_event":
        return "Registered for the live event and was marked present by an attendance administrator."
    if kind == "program":
        listed = ", ".join(members) if members else "its member trainings"
        return f"Earned the certificate of every member training of the program: {listed}."
    rules = (
        "Completed every required lesson in order, watched each required video in full and passed each required quiz"
    )
    if lowest_cutoff is None:
        return rules + "."
    return f"{rules}, with an overall grade of at least {round(lowest_cutoff * 100)}%."


def build_credential(facts: CredentialFacts) -> dict:
    """The unsigned credential (JSON-LD compacted form) of one certificate."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{facts.uuid}",
        "type": list(CREDENTIAL_TYPES),
        "name": facts.achievement_name,
        "issuer": {"id": facts.issuer_url, "type": ["Profile"], "name": facts.issuer_name, "url": facts.issuer_url},
        "validFrom": iso(facts.valid_from),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": identity_hash(facts.email, facts.salt),
                    "salt": facts.salt,
                }
            ],
            "achievement": {
                "id": facts.achievement_id,
                "type": ["Achievement"],
                "achievementType": ACHIEVEMENT_TYPES.get(facts.kind, "Course"),
                "name": facts.achievement_name,
                "description": facts.achievement_description,
                "criteria": {"narrative": facts.criteria},
            },
        },
        "credentialStatus": {
            "id": f"{facts.status_list_url}#{facts.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(facts.status_index),
            "statusListCredential": facts.status_list_url,
        },
        "evidence": [{"id": facts.verify_url, "type": ["Evidence"], "name": "Verification page"}],
    }


@dataclass(frozen=True)
class CredentialSummary:
    """What a verifier shows of a credential (the verify page and the verify answers)."""

    uuid: str | None
    issuer_name: str
    issuer_url: str
    achievement_name: str
    achievement_description: str
    criteria: str
    valid_from: str
    status_index: int | None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def summarize(credential: dict) -> CredentialSummary:
    """The fields a person reads, from a credential dict of any shape (missing or odd fields come out empty)."""
    issuer = credential.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else {}
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    criteria = achievement.get("criteria")
    criteria = criteria if isinstance(criteria, dict) else {}
    status = credential.get("credentialStatus")
    status = status if isinstance(status, dict) else {}
    index = _text(status.get("statusListIndex"))
    ident = _text(credential.get("id"))
    return CredentialSummary(
        uuid=ident.removeprefix("urn:uuid:") if ident.startswith("urn:uuid:") else None,
        issuer_name=_text(issuer.get("name")),
        issuer_url=_text(issuer.get("url")),
        achievement_name=_text(achievement.get("name")),
        achievement_description=_text(achievement.get("description")),
        criteria=_text(criteria.get("narrative")),
        valid_from=_text(credential.get("validFrom")),
        status_index=int(index) if index.isdigit() and len(index) < 12 else None,
    )
