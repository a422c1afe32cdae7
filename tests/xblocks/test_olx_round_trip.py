"""OLX through XBlock's own parser (``Runtime.parse_xml_string`` -> ``parse_xml``, ``export_to_xml`` ->
``add_xml_to_node``) on XBlock's test runtime, with the block classes loaded by their ``xblock.v1`` entry points.

XBlock's default ``parse_xml`` makes every child element a child block: ``PluginMissingError: question`` for a
quiz and a reading's HTML lost. Here the body must come back unchanged.
"""

import io
from pathlib import Path

import pytest
from lxml import etree
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.tools import TestRuntime

from llp_edx_plugin.courses.olx.xml import inner_xml as importer_inner_xml
from xblocks.llp_quiz.block import LlpQuizBlock
from xblocks.llp_reading.block import LlpReadingBlock
from xblocks.llp_video.block import LlpVideoBlock
from xblocks.olx import inner_xml

ROOT = Path(__file__).resolve().parents[2]
OLX_FILES = sorted(
    [
        *ROOT.glob("llp_edx_plugin/demo/courses/*/course/*.xml"),
        *ROOT.glob("tests/fixtures/olx/**/*.xml"),
    ]
)
LLP_TAGS = ("llp_quiz", "llp_reading", "llp_video")


def documented_elements() -> list[tuple[str, etree._Element]]:
    """Every llp_* element of the demo courses and the OLX fixtures (the documented OLX, as shipped)."""
    found = []
    for path in OLX_FILES:
        for element in etree.parse(str(path)).getroot().iter(*LLP_TAGS):
            found.append((f"{path.relative_to(ROOT)}:{element.sourceline}", element))
    return found


DOCUMENTED = documented_elements()


def runtime() -> TestRuntime:
    return TestRuntime(services={"field-data": KvsFieldData(DictKeyValueStore())})


def parse(olx: str | bytes):
    rt = runtime()
    return rt.get_block(rt.parse_xml_string(olx))


def export(block) -> bytes:
    out = io.BytesIO()
    block.runtime.export_to_xml(block, out)
    return out.getvalue()


def canonical(element: etree._Element) -> str:
    """The element as compared: without the runtime's attributes (url_name, xblock-family), namespace
    declarations and the whitespace around the body (the body itself compared as written)."""
    element = etree.fromstring(etree.tostring(element))
    for name in ("url_name", "xblock-family"):
        element.attrib.pop(name, None)
    element.tail = None
    element.text = (element.text or "").strip() or None
    if len(element):
        element[-1].tail = (element[-1].tail or "").strip() or None
    etree.cleanup_namespaces(element)
    return etree.tostring(element, method="c14n").decode()


def test_the_documented_olx_has_each_block_type():
    assert {element.tag for _, element in DOCUMENTED} == set(LLP_TAGS)


@pytest.mark.parametrize(("where", "element"), DOCUMENTED, ids=[where for where, _ in DOCUMENTED])
def test_documented_olx_parses_and_exports_unchanged(where, element):
    olx = etree.tostring(element, encoding="unicode", with_tail=False)
    block = parse(olx)
    exported = export(block)
    assert canonical(etree.fromstring(exported)) == canonical(element)
    # and what XBlock's parser keeps as the body is what the plugin's own importer reads
    if element.tag != "llp_video":
        assert block.data == importer_inner_xml(element)
    again = parse(exported)
    assert {n: f.read_from(again) for n, f in again.fields.items() if f.is_set_on(again)} == {
        n: f.read_from(block) for n, f in block.fields.items() if f.is_set_on(block)
    }


QUIZ_OLX = """<llp_quiz url_name="w1_quiz" display_name="Check 1" pass_score="0.7" max_attempts="3" weight="5">
  <question id="q1" correct="b">
    <prompt>What is <em>first</em>?</prompt>
    <choice id="a">Delegating &amp; hoping</choice>
    <choice id="b">Knowing your values</choice>
  </question>
  <!-- a course team's note -->
  <question id="q2" correct="a,c" text="Primes?"><choice id="a">2</choice><choice id="b">4</choice>
    <choice id="c">5</choice></question>
</llp_quiz>"""


def test_a_quiz_keeps_its_questions_and_choices():
    block = parse(QUIZ_OLX)
    assert isinstance(block, LlpQuizBlock)
    assert (block.display_name, block.pass_score, block.max_attempts, block.weight) == ("Check 1", 0.7, 3, 5.0)
    assert [(q.id, q.prompt, q.kind, sorted(q.correct), q.choices) for q in block.questions()] == [
        ("q1", "What is first?", "single", ["b"], (("a", "Delegating & hoping"), ("b", "Knowing your values"))),
        ("q2", "Primes?", "multiple", ["a", "c"], (("a", "2"), ("b", "4"), ("c", "5"))),
    ]
    assert not block.has_children  # <question> is content, not a child block
    assert canonical(etree.fromstring(export(block))) == canonical(etree.fromstring(QUIZ_OLX))


READING_OLX = """<llp_reading display_name="Reading: GROW">
  Intro &lt;b&gt; is literal text &amp; so is this.
  <h3>The GROW model</h3>
  <p>Start with the <strong>Goal</strong>,<br/> then <a href="https://example.com/?a=1&amp;b=2">read</a>.</p>
  <img src="/static/grow.png" alt="GROW"/>
</llp_reading>"""


def test_a_reading_keeps_its_html_body():
    block = parse(READING_OLX)
    assert isinstance(block, LlpReadingBlock)
    assert block.data.startswith("Intro &lt;b&gt; is literal text &amp; so is this.\n  <h3>The GROW model</h3>")
    assert '<a href="https://example.com/?a=1&amp;b=2">read</a>' in block.data
    assert canonical(etree.fromstring(export(block))) == canonical(etree.fromstring(READING_OLX))
    assert parse(export(block)).data == block.data


def test_a_reading_whose_html_is_not_xml_exports_as_well_formed_olx():
    # Course HTML edited in Studio may be HTML, not XML: the export writes the same HTML in XML syntax.
    block = parse('<llp_reading display_name="R"/>')
    block.data = "<p>One<br>two&nbsp;three</p>"
    exported = parse(export(block))
    assert exported.data == "<p>One<br/>two\xa0three</p>"


def test_a_video_round_trips_its_settings():
    block = parse('<llp_video url_name="v1" display_name="Intro" src="https://cdn.example.com/i.mp4" duration="250"/>')
    assert isinstance(block, LlpVideoBlock)
    assert (block.display_name, block.src, block.duration) == ("Intro", "https://cdn.example.com/i.mp4", 250)
    exported = etree.fromstring(export(block))
    assert dict(exported.attrib) == {
        "xblock-family": "xblock.v1",
        "display_name": "Intro",
        "src": "https://cdn.example.com/i.mp4",
        "duration": "250",
    }


def test_learner_state_is_never_exported():
    block = parse(QUIZ_OLX)
    block.attempts, block.best_score, block.passed = 2, 1.0, True
    exported = etree.fromstring(export(block))
    assert not {"attempts", "best_score", "passed", "last_answers", "data"} & set(exported.attrib)


class CourseFolder:
    """The part of a pyfilesystem ``FS`` (Open edX's ``resources_fs``) that pointer tags use: ``open``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def open(self, path: str, mode: str = "r"):
        return (self.folder / path).open(mode)


class ImportRuntime(TestRuntime):
    """XBlock's test runtime with the course folder Open edX's import runtime gives blocks (``resources_fs``)."""

    def __init__(self, folder: Path):
        super().__init__(services={"field-data": KvsFieldData(DictKeyValueStore())})
        self.resources_fs = CourseFolder(folder)


REFERENCED = ROOT / "tests/fixtures/olx/referenced"


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ('<llp_quiz url_name="quiz_1"/>', {"display_name": "Check 1", "pass_score": 0.7, "max_attempts": 3}),
        ('<llp_reading url_name="reading_1"/>', {"display_name": "Reading 1"}),
        (
            '<llp_video url_name="intro_video"/>',
            {"display_name": "Intro", "src": "https://cdn.example.com/intro.mp4", "duration": 250},
        ),
    ],
)
def test_a_pointer_tag_loads_its_definition_file(pointer, expected):
    # <llp_quiz url_name="quiz_1"/> in a vertical, its definition in llp_quiz/quiz_1.xml (as Open edX exports)
    rt = ImportRuntime(REFERENCED)
    block = rt.get_block(rt.parse_xml_string(pointer))
    assert {name: getattr(block, name) for name in expected} == expected
    tag = etree.fromstring(pointer).tag
    definition_file = etree.parse(str(REFERENCED / tag / f"{etree.fromstring(pointer).get('url_name')}.xml"))
    if tag != "llp_video":
        assert block.data == inner_xml(definition_file.getroot())
    if tag == "llp_quiz":
        assert [q.id for q in block.questions()] == ["q1", "q2"]


def test_without_a_course_folder_a_pointer_is_an_empty_block_not_an_error():
    block = parse('<llp_quiz url_name="quiz_1"/>')
    assert (block.data, block.display_name) == ("", "Quiz")


def test_a_reading_of_plain_text_keeps_it():
    block = parse('<llp_reading display_name="Note">Plain text, no markup &amp; one ampersand.</llp_reading>')
    assert block.data == "Plain text, no markup &amp; one ampersand."
    assert etree.fromstring(export(block)).text == "Plain text, no markup & one ampersand."
