"""Run N learners completing the same reading at once (real threads, one DB connection each); print a JSON summary.

Usage: ``python -m tests.concurrency.learners_at_once N`` with ``DATABASE_URL`` pointing at a fresh database
(SQLite file or PostgreSQL) and ``DJANGO_SETTINGS_MODULE=settings.test``. Celery runs eagerly, so each request
also refreshes progress and issues and renders the learner's certificate, as the embedded default does.
Used by tests/concurrency/test_sqlite_learners.py (a subprocess: the file database is its own) and, in process,
by tests/integration/test_learners_at_once.py (PostgreSQL).
"""

import json
import sys
import threading


def seed(count: int) -> tuple[str, str, list]:
    from opaque_keys.edx.keys import CourseKey

    from llp_edx_plugin.courses import api as courses_api
    from llp_edx_plugin.courses.models import Course, CourseBlock
    from tests.people import make_user

    course_key = "course-v1:LLP+RUSH+2026"
    courses_api.create_course(course_key=course_key, title="Rush hour", self_paced=True)
    courses_api.set_certificates_active(course_key, True)
    key = CourseKey.from_string(course_key)
    course = Course.objects.get(course_key=key)
    parent = None
    for order, (block_type, block_id) in enumerate(
        [("chapter", "c"), ("sequential", "s"), ("vertical", "v"), ("llp_reading", "read")]
    ):
        parent = CourseBlock.objects.create(
            course=course,
            usage_key=key.make_usage_key(block_type, block_id),
            block_type=block_type,
            block_id=block_id,
            parent=parent,
            order=order,
            display_name=block_id,
            content="<p>Read me</p>",
        )
    users = []
    for n in range(count):
        user = make_user(f"rush{n:02d}")
        courses_api.enroll(course_key, user.pk)
        users.append(user)
    return course_key, str(key.make_usage_key("llp_reading", "read")), users


def run(count: int) -> dict:
    from django.db import connection
    from rest_framework.test import APIClient

    from llp_edx_plugin.certificates.models import Certificate
    from llp_edx_plugin.learning.models import BlockState, CourseProgress

    course_key, usage_key, users = seed(count)
    connection.close()
    url = f"/courses/{course_key}/xblock/{usage_key}/handler/complete"
    barrier = threading.Barrier(count)
    statuses: list[int] = [0] * count
    errors: list[str] = []

    def learner(index: int) -> None:
        client = APIClient(raise_request_exception=False)
        client.force_authenticate(users[index])
        try:
            barrier.wait(timeout=60)
            response = client.post(url, {}, format="json")
            statuses[index] = response.status_code
            if response.status_code >= 500:
                errors.append(response.content.decode(errors="replace")[:300])
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=learner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return {
        "statuses": statuses,
        "errors": errors[:5],
        "completed_blocks": BlockState.objects.filter(usage_key=usage_key, complete=True).count(),
        "completed_progress": CourseProgress.objects.filter(completed=True).count(),
        "certificates": dict(
            (status, Certificate.objects.filter(status=status).count())
            for status in Certificate.objects.values_list("status", flat=True).distinct()
        ),
    }


def main() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(json.dumps(run(int(sys.argv[1]))))


if __name__ == "__main__":
    main()
