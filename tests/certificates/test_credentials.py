"""Open Badges 3.0 credentials: signed as VC-JOSE, published keys, rotation, revocation, embedded in the PDF."""

import io
import json
import threading
from datetime import UTC, datetime

import pytest
from defusedxml import ElementTree
from django.db import connection
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from pypdf import PdfReader

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates import signing
from llp_edx_plugin.certificates.credentials import (
    ATTACHMENT_NAME,
    CredentialFacts,
    build_credential,
    criteria_narrative,
    identity_hash,
    summarize,
)
from llp_edx_plugin.certificates.models import CredentialKey
from llp_edx_plugin.certificates.sharing import linkedin_add_to_profile_url
from llp_edx_plugin.certificates.status_list import MIN_BITS, BadStatusList, decode, encode, is_set, list_length
from tests.certificates.conftest import CERT_COURSE
from tests.people import ROLES

pytestmark = pytest.mark.django_db

FACTS = CredentialFacts(
    uuid="6b3e8a70-1111-4222-8333-444455556666",
    verify_url="https://llp.example/verify/6b3e8a70-1111-4222-8333-444455556666",
    issuer_name="LLP",
    issuer_url="https://llp.example/",
    achievement_id="https://llp.example/courses/course-v1:A+B+C/",
    achievement_name="Leading Teams",
    achievement_description="Certificate of completion of Leading Teams.",
    criteria="Completed every lesson.",
    email="Ann.Learner@Example.com",
    salt="pepper",
    valid_from=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
    status_list_url="https://llp.example/api/v1/credentials/status-list",
    status_index=42,
)


# --- pure builders ---------------------------------------------------------------------------------------------


def test_the_credential_has_the_vc_2_and_ob_3_shape():
    credential = build_credential(FACTS)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == f"urn:uuid:{FACTS.uuid}"
    assert credential["issuer"] == {
        "id": "https://llp.example/",
        "type": ["Profile"],
        "name": "LLP",
        "url": "https://llp.example/",
    }
    assert credential["validFrom"] == "2026-03-01T09:30:00Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["name"] == "Leading Teams"
    assert subject["achievement"]["criteria"] == {"narrative": "Completed every lesson."}
    assert credential["credentialStatus"] == {
        "id": "https://llp.example/api/v1/credentials/status-list#42",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "42",
        "statusListCredential": "https://llp.example/api/v1/credentials/status-list",
    }


def test_the_recipient_is_a_salted_hash_never_the_email():
    credential = build_credential(FACTS)
    [identity] = credential["credentialSubject"]["identifier"]
    assert identity == {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": identity_hash("ann.learner@example.com", "pepper"),
        "salt": "pepper",
    }
    assert identity["identityHash"].startswith("sha256$")
    assert len(identity["identityHash"]) == 7 + 64
    text = json.dumps(credential).lower()
    assert "ann.learner@example.com" not in text
    assert 'example.com"' not in text
    assert identity_hash("a@b.c", "s1") != identity_hash("a@b.c", "s2")


@pytest.mark.parametrize(
    ("kind", "cutoff", "members", "narrative"),
    [
        (
            "online",
            0.7,
            (),
            "Completed every required lesson in order, watched each required video in full and passed each "
            "required quiz, with an overall grade of at least 70%.",
        ),
        (
            "online",
            None,
            (),
            "Completed every required lesson in order, watched each required video in full and passed each "
            "required quiz.",
        ),
        ("live_event", 0.5, (), "Registered for the live event and was marked present by an attendance administrator."),
        ("program", None, ("A", "B"), "Earned the certificate of every member training of the program: A, B."),
    ],
)
def test_criteria_narrative_from_the_completion_rules(kind, cutoff, members, narrative):
    assert criteria_narrative(kind, cutoff, members) == narrative


def test_summarize_survives_any_shape():
    assert summarize({"issuer": "x", "credentialSubject": [1], "credentialStatus": {"statusListIndex": 5}}).uuid is None
    assert summarize(build_credential(FACTS)).status_index == 42


def test_linkedin_add_to_profile_url():
    url = linkedin_add_to_profile_url(
        name="Leading Teams & Co",
        organization="LLP — Accelerated Leadership",
        issued_at=datetime(2026, 3, 1, tzinfo=UTC),
        cert_id="abc",
        cert_url="https://llp.example/verify/abc",
    )
    assert url == (
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Leading+Teams+%26+Co"
        "&organizationName=LLP+%E2%80%94+Accelerated+Leadership&issueYear=2026&issueMonth=3&certId=abc"
        "&certUrl=https%3A%2F%2Fllp.example%2Fverify%2Fabc"
    )
    unissued = linkedin_add_to_profile_url(name="N", organization="O", issued_at=None, cert_id="i", cert_url="u")
    assert "issueYear" not in unissued


def test_status_list_round_trip():
    assert list_length(0) == MIN_BITS
    assert list_length(MIN_BITS) == 2 * MIN_BITS
    bits = decode(encode([0, 9, MIN_BITS - 1], MIN_BITS))
    assert len(bits) == MIN_BITS // 8
    assert [i for i in (0, 1, 8, 9, MIN_BITS - 1, MIN_BITS) if is_set(bits, i)] == [0, 9, MIN_BITS - 1]
    assert (bits[0], bits[1]) == (0x80, 0x40)  # index 0 is the first byte's most significant bit
    for junk in ("", "zabc", "u!!!", "uAAAA", 5):
        with pytest.raises(BadStatusList):
            decode(junk)


# --- keys and signing ------------------------------------------------------------------------------------------


def _published() -> KeySet:
    return KeySet.import_key_set(signing.jwks())


def test_the_first_key_is_made_on_demand_and_only_its_public_half_is_published():
    assert signing.jwks() == {"keys": []}
    token = signing.sign({"iat": int(datetime.now(UTC).timestamp()), "hello": "world"})
    [key] = signing.jwks()["keys"]
    assert set(key) == {"kty", "crv", "x", "kid", "use", "alg", "valid_from", "valid_until"}
    assert (key["kty"], key["crv"], key["alg"], key["valid_until"]) == ("OKP", "Ed25519", "EdDSA", None)
    row = CredentialKey.objects.get()
    assert "PRIVATE" not in row.private_key_encrypted  # stored encrypted
    header = jws.extract_compact(token.encode()).protected
    assert header == {"alg": "EdDSA", "kid": key["kid"], "typ": "vc+jwt", "cty": "vc"}


def test_a_second_current_key_is_impossible():
    first = signing.current_key()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        signing._new_key_row(first.valid_from).save()
    assert signing.current_key() == first


@pytest.mark.django_db(transaction=True)
def test_two_requests_making_the_first_key_at_once_end_with_one():
    """PostgreSQL: A inserts the first key and holds its transaction open; B finds no key, inserts, waits on the
    unique index until A commits, then must answer with A's key instead of failing."""
    if connection.vendor == "sqlite":  # the in-memory database is one connection: threads would share it
        first, second = signing.current_key(), signing.current_key()
        assert first == second
        assert CredentialKey.objects.count() == 1
        return
    from django.db import transaction

    inserted = threading.Event()
    kids: dict[str, str] = {}
    errors: list[BaseException] = []

    def b_is_waiting_on_a_lock() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            return cursor.fetchone()[0] > 0

    def request_a():
        try:
            with transaction.atomic():
                kids["a"] = signing.current_key().kid
                inserted.set()
                for _ in range(500):  # until B blocks on A's row (bounded: never hang the suite)
                    if b_is_waiting_on_a_lock():
                        break
                    threading.Event().wait(0.01)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    def request_b():
        try:
            inserted.wait(10)
            kids["b"] = signing.current_key().kid
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=request_a), threading.Thread(target=request_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert kids["a"] == kids["b"]
    assert CredentialKey.objects.count() == 1


def test_rotation_keeps_old_keys_published_and_verifying():
    old_token = signing.sign({"iat": int(datetime.now(UTC).timestamp())})
    old = signing.current_key()
    new = signing.rotate()
    assert new.kid != old.kid
    keys = {key["kid"]: key for key in signing.jwks()["keys"]}
    assert keys[old.kid]["valid_until"] is not None
    assert keys[new.kid]["valid_until"] is None
    new_token = signing.sign({"iat": int(datetime.now(UTC).timestamp())})
    assert jws.extract_compact(new_token.encode()).protected["kid"] == new.kid
    assert signing.verify(old_token).kid == old.kid  # the retired key still vouches for what it signed
    assert signing.verify(new_token).kid == new.kid
    # A token "signed" by the retired key after it was retired is refused.
    late = signing.sign({"iat": int(datetime.now(UTC).timestamp()) + 3600}, key=CredentialKey.objects.get(kid=old.kid))
    with pytest.raises(signing.BadSignature):
        signing.verify(late)


@pytest.mark.parametrize("junk", ["", "abc", "a.b.c", "é.é.é", "x" * 70_000, "eyJhbGciOiJub25lIn0.e30."])
def test_verify_refuses_junk(junk):
    with pytest.raises(signing.BadSignature):
        signing.verify(junk)


def test_rotate_command(capsys):
    from django.core.management import call_command

    call_command("llp_rotate_credential_key")
    call_command("llp_rotate_credential_key")
    assert CredentialKey.objects.count() == 2
    assert CredentialKey.objects.filter(current=True).count() == 1
    assert "kid" in capsys.readouterr().out


# --- certificates' credentials ---------------------------------------------------------------------------------


def _credential(client_for, uuid: str, who: str = "staff") -> dict:
    response = client_for(who).get(f"/api/v1/certificates/{uuid}/credential")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("who", "learner_cert", "employee_cert"),
    [
        (None, 401, 401),
        ("learner", 200, 403),
        ("employee", 403, 403),  # an employee's certificate is held by their Company Admin
        ("company_admin", 403, 200),
        ("other_company_admin", 403, 403),
        ("instructor", 200, 200),
        ("other_instructor", 403, 403),
        ("staff", 200, 200),
    ],
)
def test_who_may_read_a_credential(issued, client_for, who, learner_cert, employee_cert):
    assert set(ROLES) >= {who or "anonymous"}
    client = client_for(who)
    assert client.get(f"/api/v1/certificates/{issued['learner'].uuid}/credential").status_code == learner_cert
    assert client.get(f"/api/v1/certificates/{issued['employee'].uuid}/credential").status_code == employee_cert


def test_an_unknown_certificate_has_no_credential(issued, client_for):
    assert client_for("staff").get("/api/v1/certificates/nonsense/credential").status_code == 404


def test_the_credential_verifies_with_joserfc_against_the_published_jwks(issued, client_for, client):
    answer = _credential(client_for, issued["learner"].uuid, "learner")
    keys = KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    verified = jws.deserialize_compact(answer["jwt"], keys, algorithms=["EdDSA"])
    credential = json.loads(verified.payload)
    assert credential == answer["credential"]
    assert credential["id"] == f"urn:uuid:{issued['learner'].uuid}"
    assert credential["credentialSubject"]["achievement"]["name"] == "Feedback Skills: Été"
    assert "learner@example.com" not in answer["jwt"]
    assert "learner@example.com" not in json.dumps(credential)
    assert credential["credentialStatus"]["statusListIndex"] == str(issued["learner"].id)
    check = client.post("/api/v1/verify/credential", {"jwt": answer["jwt"]}, content_type="application/json").json()
    assert (check["authentic"], check["valid"], check["revoked"]) == (True, True, False)


def test_a_tampered_credential_fails(issued, client_for, client):
    token = _credential(client_for, issued["learner"].uuid)["jwt"]
    header, payload, signature = token.split(".")
    claims = json.loads(jws.extract_compact(token.encode()).payload)
    claims["credentialSubject"]["achievement"]["name"] = "Something Else"
    import base64

    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    keys = KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    # One signature character changed (in the middle: the last one carries padding bits that decode alike).
    flipped = signature[:10] + ("B" if signature[10] == "A" else "A") + signature[11:]
    for bad in (f"{header}.{forged}.{signature}", f"{header}.{payload}.{flipped}"):
        with pytest.raises(JoseError):
            jws.deserialize_compact(bad, keys, algorithms=["EdDSA"])
        check = client.post("/api/v1/verify/credential", {"jwt": bad}, content_type="application/json").json()
        assert (check["present"], check["authentic"], check["valid"]) == (True, False, False)


def test_a_revoked_credential_fails_and_shows_in_the_status_list(issued, client_for, client):
    uuid = issued["learner"].uuid
    token = _credential(client_for, uuid)["jwt"]
    certificates_api.invalidate(CERT_COURSE, "learner", "copied work")

    check = client.post("/api/v1/verify/credential", {"jwt": token}, content_type="application/json").json()
    assert (check["authentic"], check["revoked"], check["valid"]) == (True, True, False)
    assert check["message"] == "This credential has been revoked."

    listed = client.get("/api/v1/credentials/status-list")
    assert listed.status_code == 200
    assert listed["Content-Type"] == "application/vc+jwt"
    keys = KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    status_credential = json.loads(jws.deserialize_compact(listed.content.decode(), keys, algorithms=["EdDSA"]).payload)
    assert status_credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    bits = decode(status_credential["credentialSubject"]["encodedList"])
    assert is_set(bits, issued["learner"].id) is True
    assert is_set(bits, issued["employee"].id) is False

    certificates_api.revalidate(CERT_COURSE, "learner")
    again = client.post("/api/v1/verify/credential", {"jwt": token}, content_type="application/json").json()
    assert (again["revoked"], again["valid"]) == (False, True)


@pytest.mark.parametrize("body", [{}, {"jwt": 5}, {"jwt": ["a"]}, {"jwt": "x" * 70_000}])
def test_verify_credential_refuses_bad_input_with_400(client, body, db):
    response = client.post("/api/v1/verify/credential", body, content_type="application/json")
    assert response.status_code == 400
    assert "jwt" in response.json()["errors"]


# --- the PDF carries the credential ----------------------------------------------------------------------------


def _pdf(uuid: str, world) -> bytes:
    from llp_edx_plugin.accounts import api as accounts_api

    pdf, _ = certificates_api.download_pdf(uuid, accounts_api.get_actor(world.users["staff"]))
    return pdf


PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def _pdfaid(xmp: bytes) -> tuple[str | None, str | None]:
    """``pdfaid:part`` and ``pdfaid:conformance`` of XMP metadata, written as attributes or as elements."""
    found: dict[str, str] = {}
    for element in ElementTree.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0]).iter():
        for name in ("part", "conformance"):
            if PDFAID + name in element.attrib:
                found[name] = element.attrib[PDFAID + name]
            if element.tag == PDFAID + name:
                found[name] = element.text
    return found.get("part"), found.get("conformance")


def _check_pdf_a_3b(pdf: bytes, uuid: str) -> None:
    """What we can check without veraPDF: XMP identification, the OutputIntent, the attachment as PDF/A-3 says."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/ID" in reader.trailer
    [token] = reader.attachments[ATTACHMENT_NAME]
    assert signing.verify(token.decode()).payload["id"] == f"urn:uuid:{uuid}"
    assert _pdfaid(root["/Metadata"].get_object().get_data()) == ("3", "B")
    [intent] = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intent.get_object()
    # WeasyPrint lists the one file spec twice in /AF (from the name tree and from its objects): the same object.
    [filespec] = {ref.idnum: ref.get_object() for ref in root["/AF"]}.values()
    assert filespec["/AFRelationship"] == "/Supplement"
    assert filespec["/F"] == filespec["/UF"] == ATTACHMENT_NAME
    stream = filespec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/vc+jwt"
    assert "/ModDate" in stream["/Params"]


def test_the_pdf_is_pdf_a_3b_with_the_credential_attached(issued, world):
    _check_pdf_a_3b(_pdf(issued["learner"].uuid, world), issued["learner"].uuid)


def test_a_batch_split_is_pdf_a_3b_with_each_certificates_own_credential(db):
    from llp_edx_plugin.certificates import rendering

    tokens = {
        uuid: signing.sign({"iat": int(datetime.now(UTC).timestamp()), "id": f"urn:uuid:{uuid}"}) for uuid in "ab"
    }
    contents = [
        rendering.CertificateContent(
            learner_name=f"Learner {uuid}",
            course_title="Leading Teams",
            course_key="course-v1:LLP+LEAD101+2026",
            completion_date=datetime(2026, 3, 1).date(),
            verify_url=f"https://llp.example/verify/{uuid}",
            verify_uuid=uuid,
            credential_jwt=tokens[uuid],
        )
        for uuid in "ab"
    ]
    for uuid, pdf in zip("ab", rendering.render_batch(contents), strict=True):
        _check_pdf_a_3b(pdf, uuid)
        info = PdfReader(io.BytesIO(pdf)).metadata
        assert info.title == f"Certificate of Completion — Learner {uuid}"


def test_verify_pdf_reports_the_embedded_credential(issued, world, client):
    pdf = _pdf(issued["learner"].uuid, world)
    answer = client.post("/api/v1/verify/pdf", {"file": io.BytesIO(pdf)}).json()
    assert (answer["authentic"], answer["valid"], answer["uuid"]) == (True, True, issued["learner"].uuid)
    assert (answer["credential"]["present"], answer["credential"]["authentic"], answer["credential"]["valid"]) == (
        True,
        True,
        True,
    )
    changed = bytearray(pdf)
    changed[len(changed) // 2] ^= 0x01
    upload = io.BytesIO(bytes(changed))
    upload.name = "changed.pdf"
    tampered = client.post("/api/v1/verify/pdf", {"file": upload}).json()
    assert (tampered["authentic"], tampered["valid"]) == (False, False)


def test_verify_pdf_of_junk_has_no_credential(client, db):
    upload = io.BytesIO(b"%PDF-1.7 not really")
    upload.name = "junk.pdf"
    answer = client.post("/api/v1/verify/pdf", {"file": upload})
    assert answer.status_code == 200
    assert answer.json()["credential"]["present"] is False
