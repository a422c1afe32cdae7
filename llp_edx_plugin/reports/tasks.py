"""The report jobs: each writes its CSV to storage with a progress bar (the one Job model, DESIGN.md §7)."""

from typing import Any

from ..errors import FieldErrors
from ..jobs import api as jobs_api
from . import rows, storage

PROGRESS = "report_progress"
CERTIFICATES = "report_certificates"
COMPANY = "report_company"
KINDS = (PROGRESS, CERTIFICATES, COMPANY)


def _parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """Only ``company_id`` (a positive id): the rows hold that company's people and no one else."""
    if set(parameters) - {"company_id"}:
        raise FieldErrors.single("parameters", "Only 'company_id'.")
    company_id = parameters.get("company_id")
    if company_id is not None and (isinstance(company_id, bool) or not isinstance(company_id, int) or company_id < 1):
        raise FieldErrors.single("company_id", "Give a company id.")
    return {"company_id": company_id} if company_id is not None else {}


def _run(run: jobs_api.JobRun, header, total, produced) -> dict[str, Any]:
    run.set_total(total)
    path, count = storage.save_csv(header, produced)
    return {"path": path, "rows": count}


@jobs_api.job_task(PROGRESS, validate=_parameters)
def progress_report(self: jobs_api.JobTask, run: jobs_api.JobRun) -> dict[str, Any]:
    """One row per enrolled learner of the training (the company's people only, when the job names one)."""
    header, total, produced = rows.progress_report(
        run.course_key, company_id=run.parameters.get("company_id"), on_chunk=lambda n: run.add(done=n)
    )
    return _run(run, header, total, produced)


@jobs_api.job_task(CERTIFICATES, validate=_parameters)
def certificates_report(self: jobs_api.JobTask, run: jobs_api.JobRun) -> dict[str, Any]:
    """Every certificate of the training, or of the company's people in any training."""
    header, total, produced = rows.certificates_report(
        course_key=run.course_key, company_id=run.parameters.get("company_id"), on_chunk=lambda n: run.add(done=n)
    )
    return _run(run, header, total, produced)


@jobs_api.job_task(COMPANY, validate=_parameters)
def company_report(self: jobs_api.JobTask, run: jobs_api.JobRun) -> dict[str, Any]:
    """Every person of the company in every training they are enrolled in."""
    header, total, produced = rows.company_report(run.parameters["company_id"], on_chunk=lambda n: run.add(done=n))
    return _run(run, header, total, produced)
