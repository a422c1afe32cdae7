"""Background work of the company domain: regenerating the company's certificates (a new logo), large ZIPs."""

import secrets
import tempfile
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage

from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..errors import FieldErrors
from ..jobs import api as jobs_api
from .archive import ZIP_FOLDER, certificate_archive
from .scope import company_for

REGENERATE_COMPANY = "company_regeneration"
COMPANY_ZIP = "company_zip"


def _company_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    company_id = parameters.get("company_id")
    if isinstance(company_id, bool) or not isinstance(company_id, int) or company_id <= 0:
        raise FieldErrors.single("company_id", "Give the company's id.")
    if set(parameters) - {"company_id"}:
        raise FieldErrors.single("parameters", "Only 'company_id'.")
    return {"company_id": company_id}


@jobs_api.job_task(REGENERATE_COMPANY, validate=_company_parameters)
def regenerate_company_certificates(self: jobs_api.JobTask, run: jobs_api.JobRun) -> dict[str, Any]:
    """Re-snapshot (new logo, current name) and re-render every issued certificate of the company's members."""
    member_ids = accounts_api.company_member_ids(run.parameters["company_id"])  # employees and admins
    certificates = certificates_api.certificates_for_users(member_ids, statuses=["downloadable"])
    run.set_total(len(certificates))
    regenerated = failed = 0
    for certificate in certificates:
        try:
            fresh = certificates_api.regenerate_certificate(certificate.uuid, actor_id=run.requested_by_id)
            certificates_api.render_certificate(fresh.id)
        except Exception:  # one broken certificate must not stop the others; it is counted and left as it was
            failed += 1
            run.add(failed=1)
            continue
        regenerated += 1
        run.add(done=1)
    return {"regenerated": regenerated, "failed": failed}


def _zip_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    course_key = parameters.get("course_key")
    if course_key is not None and not isinstance(course_key, str):
        raise FieldErrors.single("course_key", "Give a course key.")
    clean = _company_parameters({"company_id": parameters.get("company_id")})
    if set(parameters) - {"company_id", "course_key"}:
        raise FieldErrors.single("parameters", "Only 'company_id' and 'course_key'.")
    return {**clean, **({"course_key": course_key} if course_key else {})}


@jobs_api.job_task(COMPANY_ZIP, validate=_zip_parameters)
def build_company_zip(self: jobs_api.JobTask, run: jobs_api.JobRun) -> dict[str, Any]:
    """Write the company's ZIP of certificates to storage, counting each PDF as it is added."""
    actor = accounts_api.get_actor_by_id(run.requested_by_id)
    company = company_for(actor, run.parameters["company_id"])  # the requester may still manage it
    filename, count, chunks = certificate_archive(
        actor, company, course_key=run.parameters.get("course_key"), on_pdf=lambda: run.add(done=1)
    )
    run.set_total(count)
    with tempfile.TemporaryFile() as spool:  # the ZIP never sits in memory, only on disk
        for chunk in chunks:
            spool.write(chunk)
        spool.seek(0)
        path = default_storage.save(f"{ZIP_FOLDER}/{secrets.token_urlsafe(24)}.zip", File(spool))
    return {"path": path, "filename": filename, "certificates": count}
