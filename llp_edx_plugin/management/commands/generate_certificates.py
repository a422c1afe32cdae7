"""``manage.py generate_certificates COURSE_KEY [--statuses ...]``: bulk generation in this process, with a bar.

The same job as the Instructor Dashboard's Generate Certificates (a Job row in the history), run inline:
Celery runs its tasks eagerly in this process, so no broker or worker is needed.
"""

from celery import current_app
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.errors import Conflict, FieldErrors
from llp_edx_plugin.instructor import api as instructor_api
from llp_edx_plugin.instructor import tasks as instructor_tasks
from llp_edx_plugin.jobs import api as jobs_api


def _messages(exc: FieldErrors) -> str:
    return " ".join(message for messages in exc.errors.values() for message in messages)


class Command(BaseCommand):
    help = "Generate (or regenerate by status) the certificates of every enrolled learner of a course."

    def add_arguments(self, parser) -> None:
        parser.add_argument("course_key", help="course-v1:ORG+NUMBER+RUN")
        parser.add_argument(
            "--statuses",
            nargs="+",
            choices=[str(s) for s in certificates_api.REGENERABLE],
            help="Regenerate the certificates in these statuses (replaces their PDFs; history keeps the old ones).",
        )
        parser.add_argument(
            "--chunk-size", type=int, default=None, help=f"Learners per chunk (default {instructor_tasks.CHUNK_SIZE})."
        )

    def handle(self, *args, course_key: str, statuses: list[str] | None, chunk_size: int | None, **options) -> None:
        if not courses_api.course_exists(course_key):
            raise CommandError(f"Unknown course '{course_key}'.")
        bar = tqdm(total=0, unit="learner", desc="Generating", file=self.stderr._out, disable=False)

        def progress(job_id: int, processed: int, total: int) -> None:
            bar.total = total
            bar.n = processed
            bar.refresh()

        extra = {"chunk_size": chunk_size} if chunk_size is not None else {}
        eager = current_app.conf.task_always_eager
        current_app.conf.task_always_eager = True  # this process runs the job and its render batches
        instructor_tasks.progress_listeners.append(progress)
        try:
            job = instructor_api.start_generation(course_key, None, statuses, **extra)
            if jobs_api.get_job(job.id).status == "pending":
                # Called inside a transaction (call_command from code), the eager send waits for the commit:
                # run it now; the send then finds the job finished and does nothing.
                instructor_tasks.generate_certificates(job.id)
        except Conflict as exc:
            raise CommandError(f"{exc} Wait for it to finish.") from exc
        except FieldErrors as exc:
            raise CommandError(f"Cannot generate certificates for {course_key}: {_messages(exc)}") from exc
        finally:
            instructor_tasks.progress_listeners.remove(progress)
            current_app.conf.task_always_eager = eager
            bar.close()
        job = jobs_api.get_job(job.id)
        if job.status != "done":
            raise CommandError(f"Job {job.id} {job.status}: {job.result.get('error', '')}")
        result = job.result
        self.stdout.write(
            self.style.SUCCESS(
                f"Job {job.id} done: {result['issued']} issued, {result['notpassing']} not passing, "
                f"{result['skipped']} skipped, {result['errors']} errors."
            )
        )
        for status, count in sorted(result.get("certificates", {}).items()):
            self.stdout.write(f"  {status}: {count}")
