"""Imported CAPA problems: whether each can be graded here, its points, and its inherited settings.

Open edX problems inherit ``max_attempts``, ``weight``, ``graded`` and ``showanswer`` from their containers
(vertical, sequential, chapter) and the course (its XML attributes and policy.json), the nearest one winning.
A problem's possible points are its ``weight`` when set, else its number of inputs (``fields["inputs"]``).
A problem that cannot be graded here is unsupported (not required, out of the grade); the graded ones are
counted in the import report.
"""

from typing import Any

from ... import capa
from . import policy

INHERITED = ("max_attempts", "weight", "graded", "showanswer")
UNGRADABLE_SUMMARY = "Graded problems that cannot be graded here: {count}, excluded from the grade."


def inheritable(attributes: dict[str, Any]) -> dict[str, Any]:
    """The attributes a block passes down to the problems below it."""
    return {name: attributes[name] for name in INHERITED if name in attributes}


def analyse(block, content: str, warnings: list[str]) -> None:
    """Mark a problem supported or not (with a warning saying why) and record its response types and inputs."""
    info = capa.problem_info(content)
    block.fields["response_types"] = list(info.response_types)
    block.fields["inputs"] = info.inputs
    block.supported = info.supported
    if not info.supported:
        warnings.append(f"Problem '{block.block_id}' cannot be graded here and is not required. {info.unsupported}")


def _effective(blocks: list, index: int, course: dict[str, Any]) -> dict[str, Any]:
    """The nearest value of each inherited setting: the block itself, its ancestors, then the course."""
    found: dict[str, Any] = {}
    current: int | None = index
    while current is not None:
        for name, value in blocks[current].inherited.items():
            found.setdefault(name, value)
        current = blocks[current].parent_index
    for name, value in inheritable(course).items():
        found.setdefault(name, value)
    return found


def _in_graded_sequential(blocks: list, index: int) -> bool:
    current = blocks[index].parent_index
    while current is not None:
        if blocks[current].block_type == "sequential":
            return bool(blocks[current].graded)
        current = blocks[current].parent_index
    return False


def finish_problems(blocks: list, course: dict[str, Any], warnings: list[str]) -> None:
    """Give every problem its inherited settings; report the graded problems that cannot be graded here."""
    ungradable = 0
    for index, block in enumerate(blocks):
        if block.block_type != "problem":
            continue
        settings = _effective(blocks, index, course)
        where = f"problem '{block.block_id}'"
        for name, integer in (("max_attempts", True), ("weight", False)):
            if name in settings and name not in block.inherited:  # its own value: already read with the block
                number = policy.parse_number(settings[name], f"{where} {name}", warnings, integer=integer)
                if number is not None and number >= 0:
                    block.fields[name] = number
                else:
                    block.fields.pop(name, None)
        if "showanswer" in settings:
            block.fields["showanswer"] = str(policy.unquote(settings["showanswer"]) or "")
        graded = policy.parse_bool(settings.get("graded"), f"{where} graded", warnings)
        block.fields["graded"] = bool(graded)
        if not block.supported and graded is not False and _in_graded_sequential(blocks, index):
            ungradable += 1
    if ungradable:
        warnings.append(UNGRADABLE_SUMMARY.format(count=ungradable))
