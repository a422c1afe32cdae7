"""Background work of the company domain: regenerating the company's issued certificates (e.g. a new logo)."""

from typing import Any

from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..errors import FieldErrors
from ..jobs import api as jobs_api

REGENERATE_COMPANY = "company_regeneration"


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
