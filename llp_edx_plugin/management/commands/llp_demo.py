"""``manage.py llp_demo``: seed the demo (companies, people, two online courses, a live event, a pathway of them).
Idempotent."""

import io
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from ...accounts import api as accounts_api
from ...company import api as company_api
from ...courses import api as courses_api
from ...errors import NotFound
from ...events import api as events_api
from ...instructor import api as instructor_api
from ...programs import api as programs_api
from ...support import api as support_api

DEMO_COURSES = Path(__file__).resolve().parents[2] / "demo" / "courses"
PASSWORD = "demo1234"  # noqa: S105 - published demo password, printed by --logins
LIVE_EVENT_KEY = "course-v1:LLP+KICKOFF+2026"
PATHWAY_SLUG = "leadership"

# username, full name, account type, company name, what they are in the demo
PEOPLE = (
    ("alice", "Alice Martín", "individual", None, "individual learner"),
    ("erik", "Erik Johansson", "employee", "Acme Corp", "employee of Acme Corp"),
    ("carla", "Carla Núñez", "company_admin", "Acme Corp", "Company Admin of Acme Corp"),
    ("ines", "Inès Dubois", "individual", None, "instructor of both online courses"),
    ("aaron", "Aaron Lee", "individual", None, "attendance admin: marks the kick-off session's attendance"),
    ("maria", "María López", "employee", "Acme Corp", "employee of Acme Corp: attended the kick-off (carla holds it)"),
    ("tomas", "Tomás Berg", "employee", "Acme Corp", "employee of Acme Corp: assigned a course, not started"),
    ("nina", "Nina Patel", "employee", "Acme Corp", "employee of Acme Corp: account deactivated by carla"),
)


def _logo_png(text: str, colour: tuple[int, int, int]) -> bytes:
    """A simple square logo with initials, so the demo company's certificates are branded."""
    image = Image.new("RGB", (240, 240), colour)
    ImageDraw.Draw(image).text((70, 95), text, fill=(255, 255, 255), font_size=64)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Seed the demo data (idempotent). --logins prints the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true", help="only print the demo logins")

    def handle(self, *args, logins: bool = False, **options) -> None:
        if logins:
            self._print_logins()
            return
        with transaction.atomic():
            companies = self._companies()
            self._people(companies)
            course_keys = self._courses()
        admin_id = accounts_api.get_profile_by_username("admin").user_id
        for course_key in course_keys:
            if not courses_api.get_course(course_key).certificates_active:
                # As a course team would: an example certificate first, then activation (DESIGN.md §4).
                example = instructor_api.generate_examples(course_key, admin_id)
                problems = instructor_api.activation_problems(course_key)
                if example.status == "success" and not problems:
                    instructor_api.set_activation(course_key, True)
                else:
                    messages = [m for field in problems.values() for m in field] or [example.error or "example failed"]
                    self.stderr.write(f"{course_key}: certificates not activated: {' '.join(messages)}")
            accounts_api.set_course_role(course_key, "ines", "instructor")
            for username in ("alice", "erik"):
                user_id = accounts_api.get_profile_by_username(username).user_id
                courses_api.enroll(course_key, user_id)
        self._company_states(course_keys[0])
        self._support_request(course_keys[0])
        self._pathway(course_keys)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {len(course_keys)} trainings, {len(PEOPLE) + 1} accounts."))

    def _company_states(self, course_key: str) -> None:
        """Acme's employees in different states for carla's Company page (each step is idempotent)."""
        user_model = get_user_model()
        carla = accounts_api.get_actor(user_model.objects.get(username="carla"))
        aaron = accounts_api.get_actor(user_model.objects.get(username="aaron"))
        company_api.assign_training(carla, ["maria", "tomas", "nina"], course_key)
        company_api.assign_training(carla, ["maria"], LIVE_EVENT_KEY)
        events_api.mark_attendance(LIVE_EVENT_KEY, "maria", True, actor=aaron)  # issues her certificate
        company_api.set_employee_active(carla, "nina", False)  # kept, hidden, restorable

    def _pathway(self, course_keys: list[str]) -> None:
        """A pathway of the demo trainings, in order, that alice and erik follow (created once, kept as edited)."""
        admin = accounts_api.get_actor(get_user_model().objects.get(username="admin"))
        try:
            programs_api.get_program(PATHWAY_SLUG)
        except NotFound:
            programs_api.create_program(
                admin,
                slug=PATHWAY_SLUG,
                title="Leadership Pathway",
                kind="pathway",
                members=course_keys,
                description="Every demo training, one after the other: its certificate comes with the last one.",
                in_order=True,
            )
        for username in ("alice", "erik"):
            programs_api.enroll(PATHWAY_SLUG, accounts_api.get_profile_by_username(username).user_id)

    def _support_request(self, course_key: str) -> None:
        """One open request from Alice with its diagnosis, for staff to answer on /support/requests (once)."""
        alice = accounts_api.get_profile_by_username("alice")
        actor = accounts_api.get_actor(get_user_model().objects.get(pk=alice.user_id))
        if support_api.list_requests(actor, limit=1)[1]:
            return
        support_api.create_request(
            actor,
            name=alice.full_name,
            email=alice.email,
            course_key=course_key,
            message="I watched every video of the course but I cannot find my certificate. Can you help?",
        )

    def _companies(self) -> dict[str, int]:
        ids = {}
        for name, initials, colour in (("Acme Corp", "AC", (31, 78, 121)), ("Globex", "GX", (120, 40, 40))):
            company = accounts_api.find_company(name) or accounts_api.create_company(name=name)
            if company.logo_url is None:
                company = accounts_api.set_company_logo(
                    company.id, ContentFile(_logo_png(initials, colour), "logo.png")
                )
            ids[name] = company.id
        return ids

    def _people(self, companies: dict[str, int]) -> None:
        user_model = get_user_model()
        if not user_model.objects.filter(username="admin").exists():
            accounts_api.create_account(
                username="admin",
                password=PASSWORD,
                email="admin@example.com",
                full_name="Platform Admin",
                is_staff=True,
            )
            user_model.objects.filter(username="admin").update(is_superuser=True)
        for username, full_name, account_type, company, _ in PEOPLE:
            try:
                accounts_api.get_profile_by_username(username)
            except NotFound:
                accounts_api.create_account(
                    username=username,
                    password=PASSWORD,
                    email=f"{username}@example.com",
                    full_name=full_name,
                    account_type=account_type,
                    company_id=companies[company] if company else None,
                )
        accounts_api.set_mark_attendance("aaron", True)

    def _courses(self) -> list[str]:
        keys = [courses_api.import_olx(folder).course_key for folder in sorted(DEMO_COURSES.iterdir())]
        self._live_event()
        return [*keys, LIVE_EVENT_KEY]

    def _live_event(self) -> None:
        """The kick-off session started an hour ago, so ``aaron`` can mark its registered learners at once.

        A later run leaves a started event alone (its marks stay meaningful); one that has not started yet
        (an older demo) is moved to have started.
        """
        start = timezone.now() - timedelta(hours=1)
        if not courses_api.course_exists(LIVE_EVENT_KEY):
            courses_api.create_course(
                course_key=LIVE_EVENT_KEY,
                title="Kick-off live session",
                kind="live_event",
                start=start,
                end=start + timedelta(hours=3),
            )
        event = courses_api.get_course(LIVE_EVENT_KEY)
        changes = {
            "time_zone": "Europe/Madrid",
            "location": "Madrid HQ, room 4 (and online)",
            "join_url": "https://meet.example.com/llp-kickoff",
            "capacity": 40,
        }
        if event.start is None or event.start > timezone.now():
            changes.update(start=start.isoformat(), end=(start + timedelta(hours=3)).isoformat())
        courses_api.update_advanced_settings(LIVE_EVENT_KEY, changes)

    def _print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password for all: {PASSWORD}):")
        self.stdout.write(f"  {'admin':<8} platform staff (Django admin at /admin/)")
        for username, full_name, _, _, role in PEOPLE:
            self.stdout.write(f"  {username:<8} {full_name} — {role}")
