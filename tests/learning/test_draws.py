"""library_content and split_test: each learner's draw, made once, kept, and the only content they must do.

The fixture course ``tests/fixtures/olx/branching`` uses them as the Open edX demo course does: a unit holding
``<library_content url_name=.../>`` (``max_count="2"`` of six problem pointers), and a content experiment
(``split_test`` with ``group_id_to_child`` naming its child units by usage key, groups from
``user_partitions``).
"""

import random

import pytest

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.data import BlockData
from llp_edx_plugin.errors import NotFound
from llp_edx_plugin.learning import api as learning_api
from llp_edx_plugin.learning import draws
from llp_edx_plugin.learning.models import LearnerDraw
from tests import people
from tests.courses.olx.archives import FIXTURES, course_folder
from tests.learning.builders import page_client, set_state

BRANCH = "course-v1:LLP+BRANCH101+2026"
LIBRARY = "block-v1:LLP+BRANCH101+2026+type@library_content+block@34a4d5e71d974c029cbde1956bd7c820"
LIBRARY_CHILDREN = [f"lib_q{i}" for i in range(1, 7)]
GROUP_BLOCKS = {"100": {"explain_text"}, "101": {"explain_diagram", "diagram_check"}}


def _block(block_type, block_id, parent=None, **fields):
    key = f"block-v1:LLP+X+1+type@{block_type}+block@{block_id}"
    return BlockData(key, block_type, block_id, parent, 0, block_id, False, "", True, fields)


# --- pure selection ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("children", "max_count", "kept", "must_keep", "size"),
    [
        (["a", "b", "c", "d"], 2, None, [], 2),
        (["a", "b", "c", "d"], 2, ["c", "a"], ["c", "a"], 2),  # kept as it was
        (["a", "b", "c", "d"], 2, ["c", "gone"], ["c"], 2),  # a vanished child is replaced
        (["a", "b", "c", "d"], 1, ["c", "a"], None, 1),  # max_count lowered: one of the kept stays
        (["a", "b"], 5, None, [], 2),  # more asked than there are: all
        (["a", "b", "c"], -1, None, [], 3),  # -1: all of them
        ([], 2, None, [], 0),
    ],
)
def test_select_children_keeps_what_it_can_and_draws_the_rest(children, max_count, kept, must_keep, size):
    chosen = draws.select_children(children, max_count, kept, random.Random(7))
    assert len(chosen) == size == len(set(chosen))
    assert set(chosen) <= set(children)
    if must_keep is None:
        assert set(chosen) <= set(kept)
    else:
        assert chosen[: len(must_keep)] == must_keep


@pytest.mark.parametrize(
    ("groups", "kept", "expected"),
    [
        (["1", "2"], ["2"], [["2"]]),
        (["1", "2"], ["9"], [["1"], ["2"]]),
        (["1", "2"], None, [["1"], ["2"]]),
        ([], None, [[]]),
    ],
)
def test_select_group_keeps_a_group_while_it_exists(groups, kept, expected):
    assert draws.select_group(groups, kept, random.Random(3)) in expected


def test_personalize_drops_the_children_not_drawn_and_the_other_groups():
    unit = _block("vertical", "unit")
    library = _block("library_content", "lib", unit.usage_key, max_count=1)
    a, b = _block("problem", "a", library.usage_key), _block("problem", "b", library.usage_key)
    split = _block("split_test", "ab", unit.usage_key, user_partition_id="5", group_id_to_child={"0": "g0", "1": "g1"})
    g0, g1 = _block("vertical", "g0", split.usage_key), _block("vertical", "g1", split.usage_key)
    in_g1 = _block("html", "in_g1", g1.usage_key)
    structure = [unit, library, a, b, split, g0, g1, in_g1]

    kept = draws.personalize(structure, {library.usage_key: ["b"], "partition:5": ["1"]})

    assert [blk.block_id for blk in kept] == ["unit", "lib", "b", "ab", "g1", "in_g1"]
    # A group the split test does not map shows nothing of it.
    assert [blk.block_id for blk in draws.personalize(structure, {library.usage_key: [], "partition:5": ["7"]})] == [
        "unit",
        "lib",
        "ab",
    ]


# --- the fixture course --------------------------------------------------------------------------------------


@pytest.fixture
def branching(db, tmp_path):
    report = courses_api.import_olx(course_folder(tmp_path, "branching"))
    courses_api.set_certificates_active(BRANCH, True)  # set up: learners get their courseware
    return report


def _drawn(progress) -> tuple[frozenset, frozenset]:
    """(library problems, split-test blocks) the learner must do, from their progress."""
    ids = {b.usage_key.rsplit("@", 1)[-1] for lesson in progress.lessons for b in lesson.blocks if b.required}
    return frozenset(ids & set(LIBRARY_CHILDREN)), frozenset(ids & (GROUP_BLOCKS["100"] | GROUP_BLOCKS["101"]))


def test_the_fixture_is_shaped_like_the_demo_course():
    library = (FIXTURES / "branching/library_content/34a4d5e71d974c029cbde1956bd7c820.xml").read_text()
    assert 'max_count="2"' in library
    assert 'source_library_id="library-v1:' in library
    assert (
        '<library_content url_name="34a4d5e71d974c029cbde1956bd7c820"/>'
        in (FIXTURES / "branching/vertical/check_unit.xml").read_text()
    )


def test_the_import_report_counts_the_children_and_says_what_learners_get(branching):
    assert branching.counts == {
        "chapter": 2,
        "sequential": 2,
        "vertical": 4,
        "html": 3,
        "library_content": 1,
        "problem": 7,
        "split_test": 1,
    }
    assert branching.unsupported == []
    assert branching.warnings == []
    assert branching.notes == [
        "library_content '34a4d5e71d974c029cbde1956bd7c820': each learner gets 2 of its 6 blocks, drawn once.",
        "split_test 'explain_experiment': each learner is assigned one of 2 groups, kept.",
    ]
    library = next(b for b in courses_api.get_structure(BRANCH) if b.usage_key == LIBRARY)
    assert library.fields == {"max_count": 2, "source_library_id": "library-v1:LLP+RespiratoryQuestions"}


def test_two_learners_get_stable_draws_of_max_count_children_and_one_group(branching):
    learners = [people.make_user(f"learner{i}") for i in range(12)]
    for learner in learners:
        courses_api.enroll(BRANCH, learner.pk)
    first = {learner.pk: _drawn(learning_api.get_progress(learner.pk, BRANCH)) for learner in learners}
    again = {learner.pk: _drawn(learning_api.get_progress(learner.pk, BRANCH)) for learner in learners}

    assert first == again  # drawn once, kept
    for library, group in first.values():
        assert len(library) == 2
        assert group in {frozenset(blocks) for blocks in GROUP_BLOCKS.values()}
    # 15 pairs of 6 problems: twelve learners all drawing the same pair would be a broken draw (p < 1e-13).
    assert len({library for library, _ in first.values()}) > 1
    assert LearnerDraw.objects.filter(course_key=BRANCH).count() == 2 * len(learners)


def test_only_the_drawn_content_is_required_and_counted(branching):
    learner = people.make_user("solo")
    courses_api.enroll(BRANCH, learner.pk)
    progress = learning_api.get_progress(learner.pk, BRANCH)
    _library, group = _drawn(progress)
    # check_intro + 2 library problems + the group's blocks
    assert progress.completion.total == 1 + 2 + len(group)
    for key in [b.usage_key for lesson in progress.lessons for b in lesson.blocks if b.required]:
        set_state(learner, key, complete=True, score=1.0)
    progress = learning_api.get_progress(learner.pk, BRANCH)
    assert progress.completed
    assert progress.qualified


def test_a_block_not_drawn_cannot_be_reached(branching):
    learner = people.make_user("curious")
    courses_api.enroll(BRANCH, learner.pk)
    library, _group = _drawn(learning_api.get_progress(learner.pk, BRANCH))
    other = sorted(set(LIBRARY_CHILDREN) - library)[0]
    key = LIBRARY.replace("type@library_content+block@34a4d5e71d974c029cbde1956bd7c820", f"type@problem+block@{other}")
    with pytest.raises(NotFound):
        learning_api.is_block_locked(learner.pk, BRANCH, key)
    assert learning_api.render_student_views(learner.pk, BRANCH, [key]).html == {}


def test_a_reimport_keeps_the_draws_that_still_exist(branching, tmp_path):
    learner = people.make_user("kept")
    courses_api.enroll(BRANCH, learner.pk)
    library, group = _drawn(learning_api.get_progress(learner.pk, BRANCH))
    gone = sorted(library)[0]
    children = "".join(f'  <problem url_name="{c}"/>\n' for c in LIBRARY_CHILDREN if c != gone)
    path = "library_content/34a4d5e71d974c029cbde1956bd7c820.xml"
    text = (FIXTURES / "branching" / path).read_text()
    edited = text.split(">\n", 1)[0] + ">\n" + children + "</library_content>\n"
    courses_api.import_olx(course_folder(tmp_path, "branching", {path: edited}))

    library_after, group_after = _drawn(learning_api.get_progress(learner.pk, BRANCH))
    assert library - {gone} <= library_after
    assert gone not in library_after
    assert len(library_after) == 2
    assert group_after == group


def _problem_key(block_id: str) -> str:
    return f"block-v1:LLP+BRANCH101+2026+type@problem+block@{block_id}"


def test_the_courseware_shows_only_the_drawn_children_and_the_group(branching):
    learner = people.make_user("reader")
    courses_api.enroll(BRANCH, learner.pk)
    library, group = _drawn(learning_api.get_progress(learner.pk, BRANCH))
    client = page_client(learner)
    structure = {b.block_id: b.usage_key for b in courses_api.get_structure(BRANCH)}

    first = client.get(f"/courses/{BRANCH}/").content.decode()
    for block_id in {"check_intro"} | library:  # lesson 1 done: lesson 2 opens
        set_state(learner, structure[block_id], complete=True, score=1.0)
    second = client.get(f"/courses/{BRANCH}/", {"lesson": structure["experiment_chapter"]}).content.decode()

    shown = {block_id for block_id, key in structure.items() if f'data-usage-key="{key}"' in first + second}
    assert shown == {"check_intro"} | library | group


def test_a_handler_of_a_block_not_drawn_is_a_404(branching, client_for):
    learner = people.make_user("poker")
    courses_api.enroll(BRANCH, learner.pk)
    library, _group = _drawn(learning_api.get_progress(learner.pk, BRANCH))
    client = client_for(None)
    client.force_authenticate(user=learner)
    other = sorted(set(LIBRARY_CHILDREN) - library)[0]
    url = f"/courses/{BRANCH}/xblock/{_problem_key(other)}/handler/submit"
    assert client.post(url, {"answers": {}}, format="json").status_code == 404
    drawn = sorted(library)[0]
    url = f"/courses/{BRANCH}/xblock/{_problem_key(drawn)}/handler/submit"
    assert client.post(url, {"answers": {}}, format="json").status_code != 404


def test_progress_of_a_branching_course_costs_one_query_more_once_drawn(branching, django_assert_num_queries):
    learner = people.make_user("counted")
    courses_api.enroll(BRANCH, learner.pk)
    learning_api.get_progress(learner.pk, BRANCH)  # draws made
    with django_assert_num_queries(4):  # the course, its structure, the learner's draws, their block states
        learning_api.get_progress(learner.pk, BRANCH)


def test_a_problem_bank_of_libraries_v2_draws_the_same_way(db, tmp_path):
    problems = "".join(f'  <problem url_name="lib_q{i}"/>\n' for i in range(1, 7))
    unit = (
        '<vertical display_name="Randomized questions">\n  <html url_name="check_intro"/>\n'
        f'  <itembank url_name="bank" display_name="Bank" max_count="3">\n{problems}  </itembank>\n</vertical>\n'
    )
    report = courses_api.import_olx(course_folder(tmp_path, "branching", {"vertical/check_unit.xml": unit}))
    courses_api.set_certificates_active(BRANCH, True)
    assert report.counts["itembank"] == 1
    assert report.counts["problem"] == 7
    assert "itembank 'bank': each learner gets 3 of its 6 blocks, drawn once." in report.notes
    learner = people.make_user("banker")
    courses_api.enroll(BRANCH, learner.pk)
    library, _group = _drawn(learning_api.get_progress(learner.pk, BRANCH))
    assert len(library) == 3
    assert _drawn(learning_api.get_progress(learner.pk, BRANCH))[0] == library
