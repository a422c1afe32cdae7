"""In a real browser: a lesson that opens later is locked with its date, in the courseware and on Progress."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone
from opaque_keys.edx.keys import UsageKey

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import CourseBlock
from tests.learning.builders import Lesson, Seq, build_structure, reading, set_state
from tests.people import PASSWORD

from .conftest import PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_lesson_that_opens_later_shows_its_date(world, new_page):
    keys = build_structure(
        world.course_key,
        [Lesson("Week 1", [Seq("Start", [reading("Welcome")])]), Lesson("Week 2", [Seq("Next", [reading("More")])])],
    )
    opens = (timezone.now() + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    chapter = UsageKey.from_string(keys["Week 2"])
    CourseBlock.objects.filter(usage_key=chapter).update(fields={"start": opens.isoformat()})
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    set_state(world.users["learner"], keys["Welcome"], complete=True)
    text = f"{opens:%Y-%m-%d} 09:00 UTC"
    page = new_page(PHONE)
    log_in(page, "learner", PASSWORD)

    page.goto(f"/courses/{world.course_key}/?lesson={quote(keys['Week 2'])}")
    assert page.locator("#lesson-locked").inner_text().startswith(f"Lesson 'Week 2' opens on {text}")
    screenshot(page, "courseware-opens-later-phone")
    assert horizontal_overflow(page) <= 0

    page.goto(f"/courses/{world.course_key}/progress")
    assert page.get_by_text(f"Opens on {text}").first.is_visible()
    screenshot(page, "progress-opens-later-phone")
    assert page.failed_responses == []
