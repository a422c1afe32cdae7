"""``manage.py llp_refresh_progress [COURSE_KEY ...]``: recompute the stored progress of every enrolled learner.

Stored completion and grade (what issuing reads) are recomputed when a learner's block changes. After a rule
change (migration 0011: CAPA problems complete once submitted) or a re-import that changes weights, run this so
learners who have nothing left to do are not left with a stale record. Changes of passed/completed send the
usual progress signal (so qualified learners get their certificate as they would have).
"""

from django.core.management.base import BaseCommand, CommandError

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import api as learning_api


class Command(BaseCommand):
    help = "Recompute the stored progress (completion and grade) of every enrolled learner of online courses."

    def add_arguments(self, parser) -> None:
        parser.add_argument("course_keys", nargs="*", metavar="COURSE_KEY", help="Only these courses (default: all).")

    def handle(self, *args, course_keys: list[str], **options) -> None:
        unknown = [key for key in course_keys if not courses_api.course_exists(key)]
        if unknown:
            raise CommandError(f"Unknown course(s): {', '.join(unknown)}.")
        courses = courses_api.list_courses(course_keys or None, kind="online")
        for course in courses:
            user_ids = courses_api.enrolled_user_ids(course.course_key)
            changed = 0
            for user_id in user_ids:
                before = learning_api.stored_progress(user_id, course.course_key)
                after = learning_api.refresh_course_progress(user_id, course.course_key)
                changed += before is None or (before.completed, before.passed) != (after.completed, after.passed)
            self.stdout.write(f"{course.course_key}: {len(user_ids)} learners, {changed} changed")
