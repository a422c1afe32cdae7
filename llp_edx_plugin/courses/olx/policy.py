"""Course settings from an export: course XML attributes, policy.json and grading_policy.json -> ours.

Every function here is pure: it takes raw values and a ``warnings`` list to append to.
"""

from datetime import UTC, datetime
from typing import Any

from ...json_input import InputError, bad_text_reason, in_utc_range, loads
from ..grading_policy import MAX_ASSIGNMENT_TYPES, MAX_COUNT, MAX_PASSING_GRADES
from ..models import DisplayBehavior

# Open edX spellings (older releases and hand-written exports) of our display behaviors.
_BEHAVIOR_ALIASES = {
    "end": DisplayBehavior.END,
    "end_with_date": DisplayBehavior.END_WITH_DATE,
    "early_no_info": DisplayBehavior.EARLY_NO_INFO,
    "early_with_info": DisplayBehavior.EARLY_WITH_INFO,
    "early": DisplayBehavior.EARLY_WITH_INFO,
    "enddate": DisplayBehavior.END_WITH_DATE,
    "end_date": DisplayBehavior.END_WITH_DATE,
    "on_end_date": DisplayBehavior.END_WITH_DATE,
}
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
DEFAULT_CUTOFFS = {"Pass": 0.5}


def unquote(value: Any) -> Any:
    """OLX attributes may hold JSON values (``start="&quot;2026-01-01T00:00:00Z&quot;"``): decode those."""
    if isinstance(value, str):
        stripped = value.strip()
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            try:
                return loads(stripped)
            except InputError:
                return stripped[1:-1]
        return stripped
    return value


def parse_bool(value: Any, name: str, warnings: list[str]) -> bool | None:
    value = unquote(value)
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    warnings.append(f"'{name}' is not true or false ({value!r}): ignored.")
    return None


def parse_date(value: Any, name: str, warnings: list[str]) -> datetime | None:
    """An aware datetime from an ISO string (``Z``, ``+00:00``, naive = UTC, or a bare date)."""
    value = unquote(value)
    if value is None or value == "":
        return None
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        warnings.append(f"'{name}' is not a date ({value!r}): ignored.")
        return None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if not in_utc_range(parsed):
        warnings.append(f"'{name}' is out of range ({value!r}): ignored.")
        return None
    return parsed


def parse_number(value: Any, name: str, warnings: list[str], *, integer: bool = False) -> int | float | None:
    """A number (an int when whole, or when ``integer``); None with a warning for anything else."""
    value = unquote(value)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int of hundreds of digits
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")) or isinstance(value, bool):
        warnings.append(f"'{name}' is not a number ({value!r}): ignored.")
        return None
    if integer and not number.is_integer():
        warnings.append(f"'{name}' is not a whole number ({value!r}): ignored.")
        return None
    return int(number) if number.is_integer() else number


def parse_display_behavior(value: Any, warnings: list[str]) -> str | None:
    value = unquote(value)
    if value is None or value == "":
        return None
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if key in _BEHAVIOR_ALIASES:
        return str(_BEHAVIOR_ALIASES[key])
    warnings.append(f"Unknown certificates_display_behavior {value!r}: using 'early_no_info'.")
    return str(DisplayBehavior.EARLY_NO_INFO)


def course_settings(attributes: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """Our course settings from the merged course attributes (XML, then policy.json over it).

    Only the settings the export states are returned, so a re-import leaves the others as they are.
    """
    settings: dict[str, Any] = {}
    title = unquote(attributes.get("display_name"))
    if title not in (None, ""):
        settings["title"] = str(title).strip()[:255]
    if "self_paced" in attributes:
        self_paced = parse_bool(attributes["self_paced"], "self_paced", warnings)
        if self_paced is not None:
            settings["self_paced"] = self_paced
    for name in ("start", "end", "certificate_available_date"):
        if name in attributes:
            settings[name] = parse_date(attributes[name], name, warnings)
    if settings.get("start") and settings.get("end") and settings["end"] <= settings["start"]:
        warnings.append("The course end is not after its start: the end was ignored.")
        settings["end"] = None
    behavior = parse_display_behavior(attributes.get("certificates_display_behavior"), warnings)
    if behavior is not None:
        settings["certificates_display_behavior"] = behavior
    _reconcile_available_date(settings, warnings)
    return settings


def _reconcile_available_date(settings: dict[str, Any], warnings: list[str]) -> None:
    """The available date goes with ``end_with_date`` only (CONTRACT.md Advanced Settings rules)."""
    behavior = settings.get("certificates_display_behavior")
    date = settings.get("certificate_available_date")
    if behavior == DisplayBehavior.END_WITH_DATE and date is None:
        warnings.append("'end_with_date' needs a certificate_available_date: using 'end' instead.")
        settings["certificates_display_behavior"] = str(DisplayBehavior.END)
    elif date is not None and behavior != DisplayBehavior.END_WITH_DATE:
        warnings.append(
            f"certificate_available_date is only used with 'end_with_date' (behavior is {behavior or 'unset'}): "
            "ignored."
        )
        settings["certificate_available_date"] = None
    elif "certificate_available_date" in settings and behavior is None:
        settings.pop("certificate_available_date")


def grading_policy(raw: Any, warnings: list[str]) -> dict[str, Any]:
    """Open edX ``{"GRADER": [...], "GRADE_CUTOFFS": {...}}`` -> our grading policy JSON."""
    if not isinstance(raw, dict):
        warnings.append("grading_policy.json is not a JSON object: the grading policy was not imported.")
        return {"assignment_types": [], "grade_cutoffs": dict(DEFAULT_CUTOFFS)}
    return {
        "assignment_types": _assignment_types(raw.get("GRADER") or [], warnings),
        "grade_cutoffs": _grade_cutoffs(raw.get("GRADE_CUTOFFS"), warnings),
    }


def _assignment_types(graders: Any, warnings: list[str]) -> list[dict[str, Any]]:
    if not isinstance(graders, list):
        warnings.append("GRADER is not a list: no assignment types imported.")
        return []
    types: list[dict[str, Any]] = []
    if len(graders) > MAX_ASSIGNMENT_TYPES:
        warnings.append(f"GRADER has {len(graders)} entries: only the first {MAX_ASSIGNMENT_TYPES} were imported.")
        graders = graders[:MAX_ASSIGNMENT_TYPES]
    for position, grader in enumerate(graders, start=1):
        name = str(grader.get("type") or "").strip() if isinstance(grader, dict) else ""
        if not name:
            warnings.append(f"GRADER entry {position} has no type: skipped.")
            continue
        if bad_text_reason(name) or bad_text_reason(str(grader.get("short_label") or "")):
            warnings.append(f"GRADER entry {position}: {bad_text_reason(name) or 'bad short_label'} Skipped.")
            continue
        if any(t["type"] == name for t in types):
            warnings.append(f"Assignment type '{name}' appears twice in GRADER: the second was skipped.")
            continue
        weight = parse_number(grader.get("weight", 0), f"{name} weight", warnings)
        min_count = parse_number(grader.get("min_count", 0), f"{name} min_count", warnings, integer=True)
        drop_count = parse_number(grader.get("drop_count", 0), f"{name} drop_count", warnings, integer=True)
        if weight is None or not 0 <= weight <= 1:
            warnings.append(f"Assignment type '{name}' has a weight outside 0-1 ({grader.get('weight')!r}): skipped.")
            continue
        if (
            min_count is None
            or drop_count is None
            or not (0 <= min_count <= MAX_COUNT and 0 <= drop_count <= MAX_COUNT)
        ):
            warnings.append(f"Assignment type '{name}' has a bad min_count or drop_count (0 to {MAX_COUNT}): skipped.")
            continue
        if drop_count > min_count:
            warnings.append(f"Assignment type '{name}' drops more ({drop_count}) than it counts ({min_count}).")
        types.append(
            {
                "type": name[:100],
                "short_label": str(grader.get("short_label") or "")[:20],
                "weight": float(weight),
                "min_count": int(min_count),
                "drop_count": int(drop_count),
            }
        )
    total = round(sum(t["weight"] for t in types), 6)
    if types and total != 1:
        warnings.append(f"The assignment type weights add up to {total * 100:g}%, not 100%.")
    return types


def _grade_cutoffs(raw: Any, warnings: list[str]) -> dict[str, float]:
    if not isinstance(raw, dict) or not raw:
        warnings.append(f"GRADE_CUTOFFS missing or empty: using {DEFAULT_CUTOFFS}.")
        return dict(DEFAULT_CUTOFFS)
    cutoffs: dict[str, float] = {}
    for letter, value in raw.items():
        if bad_text_reason(str(letter)):
            warnings.append(f"A grade letter: {bad_text_reason(str(letter))} Skipped.")
            continue
        number = parse_number(value, f"grade cutoff {letter}", warnings)
        if number is None or not 0 < number <= 1:
            warnings.append(f"Grade cutoff '{letter}' is not between 0 and 1 ({value!r}): skipped.")
            continue
        cutoffs[str(letter)[:20]] = float(number)
    if not cutoffs:
        warnings.append(f"No usable grade cutoff: using {DEFAULT_CUTOFFS}.")
        return dict(DEFAULT_CUTOFFS)
    ordered = sorted(cutoffs.items(), key=lambda item: -item[1])
    if len(ordered) > MAX_PASSING_GRADES:
        warnings.append(f"More than {MAX_PASSING_GRADES} passing grades: only the highest {MAX_PASSING_GRADES} kept.")
        ordered = ordered[:MAX_PASSING_GRADES]
    return dict(ordered)
