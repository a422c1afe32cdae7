"""OLX files -> a plain course description: key, settings and the block tree in preorder (no database)."""

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from opaque_keys import InvalidKeyError
from opaque_keys.edx.locator import BlockUsageLocator, CourseLocator

from ...json_input import InputError, loads
from .. import videos
from ..data import VIDEO_TYPES
from ..media import MEDIA_SUFFIXES, measure_duration
from . import branches, capa, policy
from .archive import COURSE_FILE, STATIC_FOLDER, OlxFiles, bad_file
from .xml import inner_xml, outer_xml, parse_xml

CONTAINERS = ("chapter", "sequential", "vertical")
# The level each container expects below it (a vertical holds leaf blocks).
_CHILD_LEVEL = {None: "chapter", "chapter": "sequential", "sequential": "vertical"}
SUPPORTED_LEAVES = frozenset({"llp_video", "llp_reading", "llp_quiz", "video", "html", "problem"})
_NUMBER_FIELDS = {"duration": False, "pass_score": False, "weight": False, "max_attempts": True}
_OMITTED_FIELDS = {"url_name", "display_name", "filename", "graded", "format"}
_NAME = re.compile(r"^[\w\-~.:]+$")
_TAG = re.compile(r"^[A-Za-z_][\w\-~.]*$")
# course -> chapter -> sequential -> vertical -> leaf is 4 deep; more means a cycle of references.
MAX_DEPTH = 8
MAX_KEY_LENGTH = 255


@dataclass
class ParsedBlock:
    block_type: str
    block_id: str
    parent_index: int | None  # index of the parent in ``ParsedCourse.blocks`` (None: a chapter)
    display_name: str
    graded: bool = False
    assignment_type: str = ""
    supported: bool = True
    fields: dict[str, Any] = field(default_factory=dict)
    content: str = ""
    measured_duration: float | None = None  # a video's, from its local media file
    inherited: dict[str, Any] = field(default_factory=dict)  # settings problems inherit (capa.INHERITED)


@dataclass
class ParsedCourse:
    course_key: str
    settings: dict[str, Any]
    blocks: list[ParsedBlock]
    warnings: list[str]
    notes: list[str] = field(default_factory=list)  # what the import did that is not a problem

    def usage_key(self, block: ParsedBlock) -> str:
        return str(BlockUsageLocator(CourseLocator.from_string(self.course_key), block.block_type, block.block_id))


def _safe_name(value: str) -> bool:
    return bool(_NAME.match(value)) and all(part not in ("", ".", "..") for part in value.split(":"))


def _read_json(files: OlxFiles, path: str) -> Any:
    text = files.read_text(path)
    if text is None:
        return None
    try:
        return loads(text)  # the API's strict reader: depth, digits, finite numbers, no NUL
    except InputError as exc:
        raise bad_file(f"'{path}' is not valid JSON ({exc}).") from exc


def _read_xml(files: OlxFiles, path: str) -> Element | None:
    text = files.read_text(path)
    return None if text is None else parse_xml(text, path)


def _is_pointer(element: Element) -> bool:
    """Open edX's pointer tag: only a url_name, no content; the block lives in ``TYPE/url_name.xml``."""
    return set(element.attrib) == {"url_name"} and len(element) == 0 and not (element.text or "").strip()


class _TreeReader:
    """Walks the course from course/RUN.xml, following url_name references, and collects the blocks."""

    def __init__(self, files: OlxFiles, course_key: CourseLocator, block_policies: dict[str, Any]):
        self.files = files
        self.course_key = course_key
        self.block_policies = block_policies
        self.blocks: list[ParsedBlock] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.partitions: dict[str, list[str]] = {}  # the course policy's user_partitions: group ids
        self._used: set[tuple[str, str]] = set()

    def read_children(self, element: Element, parent_index: int | None, parent_id: str, depth: int) -> None:
        parent_type = self.blocks[parent_index].block_type if parent_index is not None else None
        for position, child in enumerate(element):
            if not isinstance(child.tag, str):
                continue
            if parent_type is None and child.tag != "chapter":
                if child.tag != "wiki":  # every export has one; it is not course content
                    self.warnings.append(f"<{child.tag}> directly in the course is not a chapter: skipped.")
                continue
            self.read_block(child, parent_index, parent_id, position, depth + 1)

    def read_block(self, element: Element, parent_index: int | None, parent_id: str, position: int, depth: int):
        if depth > MAX_DEPTH:
            raise bad_file(f"<{element.tag}> is nested too deeply (a cycle of url_name references?).")
        tag = element.tag
        if not _TAG.match(tag):
            self.warnings.append(f"<{tag}> is not a valid block type: skipped.")
            return
        element = self._resolve_pointer(element)
        block_id = self._block_id(element, parent_id, position)
        attributes: dict[str, Any] = dict(element.attrib)
        attributes.update(self.block_policies.get(f"{tag}/{block_id}") or {})
        expected = _CHILD_LEVEL.get(self.blocks[parent_index].block_type if parent_index is not None else None)
        if expected and tag != expected and tag in CONTAINERS:
            self.warnings.append(f"<{tag} url_name='{block_id}'> found where a {expected} was expected.")
        block = ParsedBlock(
            block_type=tag,
            block_id=block_id,
            parent_index=parent_index,
            display_name=str(policy.unquote(attributes.get("display_name")) or "")[:255],
        )
        self.blocks.append(block)
        block.inherited = capa.inheritable(attributes)
        if tag in CONTAINERS:
            if tag in ("chapter", "sequential") and attributes.get("start") is not None:
                start = policy.parse_date(attributes["start"], f"{tag} '{block_id}' start", self.warnings)
                if start is not None:  # its release date: locked (with the date shown) until then
                    block.fields["start"] = start.isoformat()
            if tag == "sequential":
                block.graded = bool(policy.parse_bool(attributes.get("graded"), f"{block_id} graded", self.warnings))
                block.assignment_type = str(policy.unquote(attributes.get("format")) or "")[:100]
            self.read_children(element, len(self.blocks) - 1, block_id, depth)
            return
        if tag in branches.BRANCHING:
            self._read_branching(block, element, attributes, depth)
            return
        self._fill_leaf(block, element, attributes)

    def _read_branching(self, block: ParsedBlock, element: Element, attributes: dict[str, Any], depth: int) -> None:
        """A library_content or split_test: its settings, then its children like any block's."""
        tag, index = block.block_type, len(self.blocks) - 1
        block.fields = branches.branch_fields(tag, block.block_id, attributes, self.partitions, self.warnings)
        self.read_children(element, index, block.block_id, depth)
        children = [b.block_id for b in self.blocks[index + 1 :] if b.parent_index == index]
        branches.check_children(tag, block.block_id, block.fields, children, self.warnings)
        self.notes.append(branches.describe(tag, block.block_id, block.fields, len(children)))

    def _resolve_pointer(self, element: Element) -> Element:
        if not _is_pointer(element):
            return element
        tag, url_name = element.tag, element.attrib["url_name"]
        if not _safe_name(url_name):
            raise bad_file(f"<{tag}> has an unsafe url_name: {url_name!r}.")
        path = f"{tag}/{url_name.replace(':', '/')}.xml"
        loaded = _read_xml(self.files, path)
        if loaded is None:
            if tag in CONTAINERS or tag in SUPPORTED_LEAVES:
                raise bad_file(f"<{tag} url_name='{url_name}'> refers to '{path}', which is missing.")
            self.warnings.append(f"'{path}' is missing: <{tag} url_name='{url_name}'> kept empty.")
            return element
        if loaded.tag != tag:
            raise bad_file(f"'{path}' should hold a <{tag}> element, not <{loaded.tag}>.")
        loaded.attrib["url_name"] = url_name
        return loaded

    def _block_id(self, element: Element, parent_id: str, position: int) -> str:
        tag = element.tag
        url_name = element.get("url_name")
        if not url_name:
            digest = hashlib.sha1(f"{parent_id}/{position}/{tag}".encode(), usedforsecurity=False).hexdigest()
            url_name = f"{tag}_{digest[:12]}"
            self.warnings.append(
                f"<{tag}> at position {position + 1} in '{parent_id}' has no url_name: using '{url_name}'."
            )
        elif not _safe_name(url_name):
            raise bad_file(f"<{tag}> has an invalid url_name: {url_name!r}.")
        if (tag, url_name) in self._used:
            original, suffix = url_name, 2
            while (tag, f"{original}_{suffix}") in self._used:
                suffix += 1
            url_name = f"{original}_{suffix}"
            self.warnings.append(f"<{tag} url_name='{original}'> is used twice: the second copy is '{url_name}'.")
        self._used.add((tag, url_name))
        try:
            key = str(BlockUsageLocator(self.course_key, tag, url_name))
        except InvalidKeyError as exc:
            raise bad_file(f"<{tag} url_name='{url_name}'> does not make a valid usage key.") from exc
        if len(key) > MAX_KEY_LENGTH:
            raise bad_file(f"The url_name '{url_name}' is too long for a usage key.")
        return url_name

    def _fill_leaf(self, block: ParsedBlock, element: Element, attributes: dict[str, Any]) -> None:
        tag = block.block_type
        fields: dict[str, Any] = {}
        for name, value in attributes.items():
            if name in _OMITTED_FIELDS:
                continue
            if name in _NUMBER_FIELDS:
                number = policy.parse_number(
                    value, f"{tag} '{block.block_id}' {name}", self.warnings, integer=_NUMBER_FIELDS[name]
                )
                if number is not None:
                    fields[name] = number
            else:
                fields[name] = policy.unquote(value)
        block.fields = fields
        block.supported = tag in SUPPORTED_LEAVES
        if tag == "problem":
            block.content = outer_xml(element)
            capa.analyse(block, block.content, self.warnings)
        elif tag == "html" and attributes.get("filename"):
            block.content = self._html_file(block, str(attributes["filename"]))
        else:
            block.content = inner_xml(element)
        if tag in VIDEO_TYPES:
            self._fill_video(block)
        if tag == "llp_quiz":
            self._check_quiz(block, element)

    def _fill_video(self, block: ParsedBlock) -> None:
        """Measure the video's local media file (the export's ``static/``, else the site's static files)."""
        src = videos.video_source(block.fields, block.content)
        if not src:
            self.warnings.append(f"{block.block_type} '{block.block_id}' has no source (src).")
        path = videos.static_path(src)
        if path is not None:
            block.measured_duration = self.files.media_duration(STATIC_FOLDER + path)
            if block.measured_duration is None:
                block.measured_duration = _site_static_duration(path)
        duration, _source = videos.effective_duration(block.fields.get("duration"), None, block.measured_duration)
        if duration is None and block.supported:
            self.warnings.append(
                f"{block.block_type} '{block.block_id}' has no duration (no duration attribute, no measurable local "
                "media file): set it on the course's Videos settings page before activating certificates."
            )

    def _html_file(self, block: ParsedBlock, filename: str) -> str:
        if not _safe_name(filename.replace("/", ":")):
            raise bad_file(f"html '{block.block_id}' has an unsafe filename: {filename!r}.")
        path = f"html/{filename}" if filename.endswith(".html") else f"html/{filename}.html"
        text = self.files.read_text(path)
        if text is None:
            raise bad_file(f"html '{block.block_id}' refers to '{path}', which is missing.")
        return text.strip()

    def _check_quiz(self, block: ParsedBlock, element: Element) -> None:
        pass_score = block.fields.get("pass_score")
        if pass_score is not None and not 0 <= pass_score <= 1:
            self.warnings.append(f"llp_quiz '{block.block_id}' pass_score {pass_score} is not between 0 and 1.")
        questions = element.findall("question")
        if not questions:
            self.warnings.append(f"llp_quiz '{block.block_id}' has no <question>.")
        for question in questions:
            choices = {choice.get("id") for choice in question.findall("choice")}
            if question.get("correct") not in choices:
                self.warnings.append(
                    f"llp_quiz '{block.block_id}' question '{question.get('id')}': "
                    f"its correct answer {question.get('correct')!r} is not one of its choices."
                )


def _site_static_duration(path: str) -> float | None:
    """The duration of a media file among the site's static files (e.g. the plugin's demo video), or None."""
    from django.contrib.staticfiles import finders

    if not path.lower().endswith(MEDIA_SUFFIXES):
        return None
    found = finders.find(path)
    return measure_duration(found) if isinstance(found, str) else None


def _course_key(pointer: Element) -> CourseLocator:
    org, number, run = (pointer.get(name) or "" for name in ("org", "course", "url_name"))
    try:
        key = CourseLocator(org, number, run)
    except InvalidKeyError as exc:
        raise bad_file(
            f"course.xml: org={org!r}, course={number!r}, url_name={run!r} do not make a valid course key "
            "(course-v1:ORG+NUMBER+RUN; letters, digits, '-', '_', '.' only)."
        ) from exc
    if not _safe_name(run) or len(str(key)) > MAX_KEY_LENGTH:
        raise bad_file(f"course.xml: the course key '{key}' is not usable.")
    return key


def _policy_object(files: OlxFiles, path: str) -> dict[str, Any]:
    data = _read_json(files, path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise bad_file(f"'{path}' must hold a JSON object.")
    return data


def parse_course(files: OlxFiles) -> ParsedCourse:
    """Read the whole export; ``FieldErrors`` for anything that makes it unusable, warnings for the rest."""
    pointer = _read_xml(files, COURSE_FILE)
    if pointer is None:
        raise bad_file("The export has no course.xml.")
    if pointer.tag != "course":
        raise bad_file(f"course.xml must hold a <course> element, not <{pointer.tag}>.")
    key = _course_key(pointer)
    run = key.run
    course_element = _read_xml(files, f"course/{run}.xml") if len(pointer) == 0 else None
    if course_element is None:
        if len(pointer) == 0 and set(pointer.attrib) <= {"url_name", "org", "course"}:
            raise bad_file(f"course.xml refers to 'course/{run}.xml', which is missing.")
        course_element = pointer  # the whole course is inline in course.xml
    elif course_element.tag != "course":
        raise bad_file(f"'course/{run}.xml' must hold a <course> element, not <{course_element.tag}>.")
    policies = _policy_object(files, f"policies/{run}/policy.json")
    course_policy = policies.get(f"course/{run}") or {}
    if not isinstance(course_policy, dict):
        raise bad_file(f"'policies/{run}/policy.json': 'course/{run}' must be a JSON object.")
    block_policies = {k: v for k, v in policies.items() if isinstance(v, dict) and not k.startswith("course/")}

    reader = _TreeReader(files, key, block_policies)
    reader.partitions = branches.partition_groups(course_policy)
    attributes = {**course_element.attrib, **course_policy}
    settings = policy.course_settings(attributes, reader.warnings)
    if "title" not in settings:
        settings["title"] = f"{key.org} {key.course} {key.run}"
        reader.warnings.append(f"The course has no display_name: titled '{settings['title']}'.")
    grading_path = f"policies/{run}/grading_policy.json"
    grading = _read_json(files, grading_path)
    if grading is None:
        reader.warnings.append(f"No '{grading_path}': the grading policy was not imported.")
    else:
        settings["grading_policy"] = policy.grading_policy(grading, reader.warnings)

    reader.read_children(course_element, None, run, 0)
    capa.finish_problems(reader.blocks, attributes, reader.warnings)
    _check_formats(reader.blocks, settings, reader.warnings)
    return ParsedCourse(
        course_key=str(key), settings=settings, blocks=reader.blocks, warnings=reader.warnings, notes=reader.notes
    )


def _check_formats(blocks: list[ParsedBlock], settings: dict[str, Any], warnings: list[str]) -> None:
    types = {t["type"] for t in (settings.get("grading_policy") or {}).get("assignment_types", [])}
    for block in blocks:
        if block.graded and not block.assignment_type:
            warnings.append(f"Graded sequential '{block.block_id}' has no format (assignment type).")
        elif block.graded and "grading_policy" in settings and block.assignment_type not in types:
            warnings.append(
                f"Sequential '{block.block_id}' format '{block.assignment_type}' is not an assignment type "
                "of the grading policy."
            )
