"""Release dates: a chapter or sequential with a future start is locked, its date shown, its content
unreachable and still required (ADR 0037)."""

from datetime import UTC, datetime, timedelta

import pytest
from opaque_keys.edx.keys import UsageKey

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.data import BlockData
from llp_edx_plugin.courses.models import CourseBlock
from llp_edx_plugin.learning import api as learning_api
from llp_edx_plugin.learning import release, state
from tests import people
from tests.courses.olx.archives import course_folder
from tests.learning.builders import Lesson, Seq, build_structure, page_client, reading, set_state

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=10)


def _block(block_type, block_id, parent=None, start=None):
    fields = {"start": start.isoformat()} if start else {}
    key = f"block-v1:LLP+X+1+type@{block_type}+block@{block_id}"
    return BlockData(key, block_type, block_id, parent, 0, block_id, False, "", True, fields)


def test_opening_dates_inherit_the_latest_future_start_of_the_ancestors():
    ch1 = _block("chapter", "ch1")
    seq_past = _block("sequential", "past", ch1.usage_key, start=NOW - timedelta(days=1))
    seq_future = _block("sequential", "future", ch1.usage_key, start=LATER)
    leaf = _block("html", "leaf", seq_future.usage_key)
    ch2 = _block("chapter", "ch2", start=LATER)
    seq_earlier = _block("sequential", "earlier", ch2.usage_key, start=NOW + timedelta(days=1))
    seq_later = _block("sequential", "later", ch2.usage_key, start=LATER + timedelta(days=5))
    structure = [ch1, seq_past, seq_future, leaf, ch2, seq_earlier, seq_later]

    opens = release.opening_dates(structure, NOW)

    assert opens == {
        seq_future.usage_key: LATER,
        leaf.usage_key: LATER,
        ch2.usage_key: LATER,
        seq_earlier.usage_key: LATER,  # never before its chapter
        seq_later.usage_key: LATER + timedelta(days=5),
    }
    assert [b.block_id for b in release.unreleased_sections(structure, opens)] == ["future", "ch2"]
    assert release.opening_dates(structure, LATER + timedelta(days=6)) == {}


def test_a_start_that_is_exactly_now_is_released():
    assert release.opening_dates([_block("chapter", "c", start=NOW)], NOW) == {}


@pytest.fixture
def dated(db, world, monkeypatch):
    """Lesson 1 open; lesson 2's chapter opens LATER; in lesson 1 a second sequential opens LATER too."""
    monkeypatch.setattr(state, "now", lambda: NOW)
    keys = build_structure(
        people.COURSE,
        [
            Lesson("Week 1", [Seq("Open", [reading("Intro")]), Seq("Soon", [reading("Extra")])]),
            Lesson("Week 2", [Seq("Later", [reading("Deep dive")])]),
        ],
    )
    for name in ("Week 2", "Soon"):
        CourseBlock.objects.filter(usage_key=UsageKey.from_string(keys[name])).update(
            fields={"start": LATER.isoformat()}
        )
    learner = world.users["learner"]
    courses_api.enroll(people.COURSE, learner.pk)
    return keys, learner


def test_a_future_chapter_is_locked_with_its_date_and_stays_required(dated):
    keys, learner = dated
    for name in ("Intro",):
        set_state(learner, keys[name], complete=True)

    progress = learning_api.get_progress(learner.pk, people.COURSE)

    week1, week2 = progress.lessons
    assert (week2.locked, week2.opens_at) == (True, LATER)
    assert week2.as_json()["opens_at"] == LATER
    assert week1.opens_at is None
    assert "opens_at" not in week1.as_json()
    extra = next(b for b in week1.blocks if b.display_name == "Extra")
    assert (extra.locked, extra.required, extra.detail) == (True, True, "Opens on 2026-03-11 09:00 UTC")
    assert progress.completion.total == 3  # the unreleased content still counts
    messages = [(r.code, r.message) for r in progress.unmet_requirements if r.code == "not_released"]
    assert messages == [
        ("not_released", "Section 'Soon' opens on 2026-03-11 09:00 UTC"),
        ("not_released", "Lesson 'Week 2' opens on 2026-03-11 09:00 UTC"),
    ]
    assert learning_api.is_block_locked(learner.pk, people.COURSE, keys["Extra"]) is True
    assert learning_api.is_block_locked(learner.pk, people.COURSE, keys["Intro"]) is False


def test_once_open_the_sections_unlock(dated, monkeypatch):
    keys, learner = dated
    monkeypatch.setattr(state, "now", lambda: LATER)
    for name in ("Intro", "Extra"):
        set_state(learner, keys[name], complete=True)
    progress = learning_api.get_progress(learner.pk, people.COURSE)
    assert [lesson.locked for lesson in progress.lessons] == [False, False]
    assert not [r for r in progress.unmet_requirements if r.code == "not_released"]


def test_an_unreleased_block_cannot_be_reached(dated, client_for):
    keys, _learner = dated
    url = f"/courses/{people.COURSE}/xblock/{keys['Extra']}/handler/complete"
    response = client_for("learner").post(url, {}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This section opens on 2026-03-11 09:00 UTC."


def test_the_courseware_and_progress_pages_show_the_date(dated):
    keys, learner = dated
    client = page_client(learner)
    week1 = client.get(f"/courses/{people.COURSE}/").content.decode()
    assert "Opens on 2026-03-11 09:00 UTC" in week1  # the Soon sequential's reading, and the sidebar
    assert f'data-usage-key="{keys["Extra"]}"' in week1
    week2 = client.get(f"/courses/{people.COURSE}/", {"lesson": keys["Week 2"]}).content.decode()
    assert "Lesson &#x27;Week 2&#x27; opens on 2026-03-11 09:00 UTC" in week2
    progress = client.get(f"/courses/{people.COURSE}/progress").content.decode()
    assert "Opens on 2026-03-11 09:00 UTC" in progress


def test_the_import_keeps_chapter_and_sequential_starts(db, tmp_path):
    chapter = (
        '<chapter display_name="Two ways to explain" start="&quot;2030-05-01T08:00:00Z&quot;">\n'
        '  <sequential url_name="experiment_seq"/>\n</chapter>\n'
    )
    courses_api.import_olx(course_folder(tmp_path, "branching", {"chapter/experiment_chapter.xml": chapter}))
    structure = {b.block_id: b for b in courses_api.get_structure("course-v1:LLP+BRANCH101+2026")}
    assert structure["experiment_chapter"].fields == {"start": "2030-05-01T08:00:00+00:00"}
    assert "start" not in structure["basics_chapter"].fields


def test_a_future_chapter_is_locked_even_when_everything_before_it_is_done(dated):
    keys, learner = dated
    CourseBlock.objects.filter(usage_key=UsageKey.from_string(keys["Soon"])).update(fields={})
    for name in ("Intro", "Extra"):
        set_state(learner, keys[name], complete=True)
    progress = learning_api.get_progress(learner.pk, people.COURSE)
    assert [(lesson.locked, lesson.opens_at) for lesson in progress.lessons] == [(False, None), (True, LATER)]
    assert [r.code for r in progress.unmet_requirements] == ["not_released", "block_incomplete"]
    assert not progress.completed


def test_the_progress_api_says_when_a_lesson_opens(dated, client_for):
    keys, _learner = dated
    answer = client_for("learner").get(f"/api/v1/courses/{people.COURSE}/progress").json()
    week1, week2 = answer["lessons"]
    assert week2["opens_at"] == "2026-03-11T09:00:00Z"
    assert week2["locked"] is True
    assert "opens_at" not in week1
    extra = next(b for b in week1["blocks"] if b["usage_key"] == keys["Extra"])
    assert (extra["locked"], extra["opens_at"]) == (True, "2026-03-11T09:00:00Z")
    assert {"code": "not_released", "message": "Lesson 'Week 2' opens on 2026-03-11 09:00 UTC"} in [
        {k: r[k] for k in ("code", "message")} for r in answer["unmet_requirements"]
    ]
