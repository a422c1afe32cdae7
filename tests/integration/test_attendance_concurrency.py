"""Concurrent marks of one learner on PostgreSQL: one attendance row, one history entry per real change."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from llp_edx_plugin.events.models import Attendance, AttendanceHistory
from tests.events.conftest import EVENT, make_event
from tests.people import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_present_marks_give_one_row_and_one_change(postgres, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_event(EVENT, starts_in=-timedelta(hours=1))
    learner = make_user("racer")
    admin = make_user("marker", is_staff=True)
    courses_api.enroll(EVENT, learner.pk)
    actor = accounts_api.get_actor(admin)

    def mark(_: int) -> bool:
        try:
            return events_api.mark_attendance(EVENT, "racer", True, actor=actor).changed
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        changed = list(pool.map(mark, range(20)))

    assert sum(changed) == 1
    assert Attendance.objects.filter(user=learner).count() == 1
    assert list(AttendanceHistory.objects.filter(user=learner).values_list("previous", "present")) == [(None, True)]
