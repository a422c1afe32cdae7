"""The runtime itself: student views with the learner's state, publish routing, read-only settings."""

import pytest
from xblock.fields import Scope
from xblock.runtime import KeyValueStore

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import runtime, state
from tests.learning.runtime.conftest import complete_lesson1


def make_runtime(world, records=None):
    structure = courses_api.get_structure(world.course_key)
    return runtime.LearningRuntime(
        user_id=world.users["learner"].pk,
        course_key=world.course_key,
        blocks={b.usage_key: b for b in structure},
        records={} if records is None else records,
    )


def test_render_student_views_uses_the_stored_state(world, learner, blocks, django_assert_num_queries):
    complete_lesson1(learner, blocks, world.course_key)
    structure = courses_api.get_structure(world.course_key)
    keys = [blocks[name] for name in ("lesson1", "intro", "check", "legacy", "wrap", "capa")]
    with django_assert_num_queries(1):
        fragments = runtime.render_student_views(learner.pk, world.course_key, structure, keys)
    assert list(fragments) == [blocks["intro"], blocks["check"], blocks["wrap"], blocks["capa"]]
    intro_html = fragments[blocks["intro"]].body_html()
    assert f"/courses/{world.course_key}/xblock/{blocks['intro']}/handler/progress" in intro_html
    assert 'src="/media/intro.mp4"' in intro_html
    assert "Thanks" in fragments[blocks["wrap"]].body_html()
    assert "1 attempt left" in fragments[blocks["capa"]].body_html()


def test_a_completed_reading_renders_as_read(world, learner, blocks):
    records = {
        blocks["wrap"]: state.StateRecord(usage_key=blocks["wrap"], block_type="llp_reading", complete=True, pk=1)
    }
    html = make_runtime(world, records).render(make_runtime(world, records).get_block(blocks["wrap"]), "student_view")
    assert 'llp-reading-done" hidden' in html.body_html()


def test_publish_keeps_completion_and_the_best_score(world, blocks):
    records: dict = {}
    rt = make_runtime(world, records)
    block = rt.get_block(blocks["check"])
    rt.publish(block, "grade", {"value": 2, "max_value": 4})
    rt.publish(block, "grade", {"value": 1, "max_value": 4})
    rt.publish(block, "grade", {"value": 1, "max_value": 0})  # no possible points: ignored
    rt.publish(block, "completion", {"completion": 0.5})
    assert (records[blocks["check"]].score, records[blocks["check"]].complete) == (0.5, False)
    rt.publish(block, "completion", {"completion": 1.0})
    assert records[blocks["check"]].complete is True


def test_settings_come_from_the_structure_and_cannot_be_written(world, blocks):
    rt = make_runtime(world)
    block = rt.get_block(blocks["intro"])
    assert (block.display_name, block.src, block.duration) == ("Intro", "/media/intro.mp4", 600)
    key = KeyValueStore.Key(Scope.settings, None, blocks["intro"], "src")
    with pytest.raises(KeyError):
        rt._store.set(key, "/elsewhere.mp4")


def test_unknown_block_types_have_no_class():
    assert runtime.block_class("chapter") is None
    assert runtime.has_handler("llp_quiz", "submit") is True
    assert runtime.has_handler("llp_quiz", "student_view") is False
