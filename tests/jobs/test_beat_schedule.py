"""The plugin's settings hook schedules the broker-outage sweep in Celery beat, standalone and in Open edX."""

from types import SimpleNamespace

from llp_edx_plugin.conf import SWEEP_BEAT_ENTRY, SWEEP_TASK
from llp_edx_plugin.jobs import tasks as jobs_tasks
from llp_edx_plugin.settings import common, production
from settings.celery import app


def test_the_hook_schedules_the_sweep_every_sweep_every_seconds_and_keeps_the_platform_schedule():
    platform = SimpleNamespace(
        CELERY_BEAT_SCHEDULE={"platform-task": {"task": "lms.x", "schedule": 30.0}},
        LLP_CERTIFICATES={"SWEEP_EVERY_SECONDS": 15},
    )

    common.plugin_settings(platform)

    assert platform.CELERY_BEAT_SCHEDULE == {
        "platform-task": {"task": "lms.x", "schedule": 30.0},
        SWEEP_BEAT_ENTRY: {"task": SWEEP_TASK, "schedule": 15.0},
    }


def test_an_entry_the_platform_already_configured_is_left_as_it_is():
    own = {"task": SWEEP_TASK, "schedule": 600.0, "options": {"queue": "low"}}
    platform = SimpleNamespace(CELERY_BEAT_SCHEDULE={SWEEP_BEAT_ENTRY: own})

    production.plugin_settings(platform)

    assert {SWEEP_BEAT_ENTRY: own} == platform.CELERY_BEAT_SCHEDULE
    assert platform.LLP_CERTIFICATES["SWEEP_AFTER_SECONDS"] == 300


def test_the_standalone_project_beats_the_sweep_task_by_its_registered_name():
    entry = app.conf.beat_schedule[SWEEP_BEAT_ENTRY]

    assert entry == {"task": SWEEP_TASK, "schedule": 60.0}
    assert jobs_tasks.sweep_stuck_task.name == SWEEP_TASK
    assert SWEEP_TASK in app.tasks  # the worker knows the name beat sends
