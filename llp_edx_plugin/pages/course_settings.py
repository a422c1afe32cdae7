"""Advanced Settings, Grading and Videos pages for the course team.

Both save through ``courses_api.update_advanced_settings``, the function behind the REST API, so the
rules and the messages are the same; the pages only turn form inputs (percents, local date-times in the
course's time zone, checkboxes) into the API's JSON values, and map error field names back onto inputs.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..accounts import api as accounts_api
from ..conf import llp_setting
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import FieldErrors, NotFound

TEMPLATES = "llp_edx_plugin/course_settings"
DATETIME_INPUTS = ("start", "end", "certificate_available_date")
DISPLAY_BEHAVIOR_LABELS = {
    "end": "At course end",
    "early_no_info": "Immediately upon passing (nothing shown before)",
    "early_with_info": "Immediately upon passing (status shown before)",
    "end_with_date": "On the certificate available date",
}
LANGUAGE_LABELS = {"en": "English", "es": "Español", "fr": "Français"}
PASSING_SLOTS = 4  # Studio: up to 4 passing letters, plus F
CUTOFFS = "grading_policy.grade_cutoffs"
_TYPE_ERROR = re.compile(r"^grading_policy\.assignment_types\[(\d+)\](?:\.(\w+))?$")


def _team_course(request: HttpRequest, course_key: str) -> CourseData:
    """The course, for its team only: 404 for an unknown course, 403 for anyone else."""
    if not courses_api.course_exists(course_key):
        raise Http404(f"Unknown course '{course_key}'")
    if not accounts_api.permissions.is_course_team(accounts_api.get_actor(request.user), course_key):
        raise PermissionDenied("Only the course team may change the course settings.")
    return courses_api.get_course(course_key)


def _zone(course: CourseData) -> ZoneInfo:
    try:
        return ZoneInfo(course.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _local_input(value: str | None, zone: ZoneInfo) -> str:
    """An ISO datetime of the API as a ``datetime-local`` input value in the course's zone."""
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _from_local_input(text: str, zone: ZoneInfo) -> str | None:
    """A ``datetime-local`` value as ISO with the course's zone; an unreadable one goes on as typed."""
    text = text.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return text  # the domain names the field with its usual message
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.isoformat()


def _save(course_key: str, changes: dict) -> tuple[dict | None, dict[str, list[str]]]:
    try:
        return courses_api.update_advanced_settings(course_key, changes), {}
    except FieldErrors as exc:
        return None, exc.errors


def _saved(request: HttpRequest, result: dict, what: str) -> None:
    messages.success(request, f"{what} saved.")
    for warning in result["warnings"]:
        messages.warning(request, warning)


# --- Advanced Settings ---------------------------------------------------------------------------------


def _advanced_changes(post, zone: ZoneInfo) -> dict:
    pacing = post.get("self_paced", "")
    changes = {
        "title": post.get("title", ""),
        "self_paced": {"true": True, "false": False}.get(pacing, pacing),
        "issues_certificates": "issues_certificates" in post,
        "learner_generated_certificates": "learner_generated_certificates" in post,
        "certificates_display_behavior": post.get("certificates_display_behavior", ""),
        "certificate_template": post.get("certificate_template", ""),
        "certificate_language": post.get("certificate_language", ""),
    }
    for name in ("location", "join_url", "time_zone"):
        if name in post:  # live events only: the form shows these for them
            changes[name] = post[name]
    if "capacity" in post:
        capacity = post["capacity"].strip()
        changes["capacity"] = int(capacity) if capacity.isdigit() else (capacity or None)
    for name in DATETIME_INPUTS:
        # The script disables the available-date input unless end_with_date is chosen: then it is not
        # posted, and leaving end_with_date clears the stored date (the domain's rule).
        if name in post:
            changes[name] = _from_local_input(post[name], zone)
    return changes


def _advanced_form(settings: dict, zone: ZoneInfo) -> dict:
    form = dict(settings)
    for name in DATETIME_INPUTS:
        form[name] = _local_input(settings.get(name), zone)
    return form


@login_required
def advanced_settings(request: HttpRequest, course_key: str) -> HttpResponse:
    """``/courses/<key>/settings/advanced``: pacing, dates and the certificate settings."""
    course = _team_course(request, course_key)
    zone = _zone(course)
    errors: dict[str, list[str]] = {}
    form = _advanced_form(courses_api.get_advanced_settings(course_key), zone)
    if request.method == "POST":
        changes = _advanced_changes(request.POST, zone)
        result, errors = _save(course_key, changes)
        if result is not None:
            _saved(request, result, "Advanced Settings")
            return redirect(request.path)
        # Show what was typed, next to its errors.
        form.update({k: v for k, v in request.POST.items() if k in form and k != "self_paced"})
        for name in ("self_paced", "issues_certificates", "learner_generated_certificates"):
            form[name] = changes[name]
    context = {
        "course": course,
        "form": form,
        "errors": errors,
        "other_errors": {k: v for k, v in errors.items() if k not in form},
        "time_zone": str(zone),
        "behaviors": DISPLAY_BEHAVIOR_LABELS,
        "languages": LANGUAGE_LABELS,
        "templates": courses_api.certificate_template_names(course_key),
        "active_tab": "advanced",
    }
    return render(request, f"{TEMPLATES}/advanced.html", context, status=400 if errors else 200)


# --- Grading -------------------------------------------------------------------------------------------


def _number(text: str, *, percent: bool):
    """A form number: a percent becomes a fraction; anything unreadable goes on as typed."""
    text = text.strip()
    try:
        value = float(text) if percent else int(text)
    except ValueError:
        return text
    return round(value / 100, 6) if percent else value


def _percent_text(fraction) -> str:
    return f"{round(float(fraction) * 100, 4):g}" if isinstance(fraction, int | float) else str(fraction)


def _posted_types(post) -> list[dict]:
    """Rows of the assignment types table; rows left entirely blank are ignored."""
    columns = [post.getlist(f"at_{name}") for name in ("type", "short_label", "weight", "min_count", "drop_count")]
    rows = []
    for type_name, short_label, weight, min_count, drop_count in zip(*columns, strict=False):
        if not any(v.strip() for v in (type_name, short_label, weight, min_count, drop_count)):
            continue
        row = {"type": type_name, "short_label": short_label}
        if weight.strip():
            row["weight"] = _number(weight, percent=True)
        row["min_count"] = _number(min_count, percent=False) if min_count.strip() else 0
        row["drop_count"] = _number(drop_count, percent=False) if drop_count.strip() else 0
        rows.append(row)
    return rows


def _posted_cutoffs(post) -> tuple[dict, list[str]]:
    """The letter slots as ``{letter: fraction}``; a letter given twice cannot live in a dict: say so."""
    cutoffs: dict = {}
    problems: list[str] = []
    for letter, percent in zip(post.getlist("grade_letter"), post.getlist("grade_cutoff"), strict=False):
        if not letter.strip() and not percent.strip():
            continue
        letter = letter.strip()
        if letter in cutoffs:
            problems.append(f"Duplicate grade letter '{letter}'.")
            continue
        cutoffs[letter] = _number(percent, percent=True) if percent.strip() else None
    return cutoffs, problems


def _type_rows(types: list[dict], errors: dict[str, list[str]]) -> tuple[list[dict], set[str]]:
    """Table rows with their own errors, and the error fields shown on a row."""
    rows = [
        {
            "type": t.get("type", ""),
            "short_label": t.get("short_label", ""),
            "weight": _percent_text(t["weight"]) if "weight" in t else "",
            "min_count": t.get("min_count", 0),
            "drop_count": t.get("drop_count", 0),
            "errors": {},
        }
        for t in types
    ]
    shown = set()
    for field, field_messages in errors.items():
        match = _TYPE_ERROR.match(field)
        if match and int(match.group(1)) < len(rows):
            rows[int(match.group(1))]["errors"].setdefault(match.group(2) or "row", []).extend(field_messages)
            shown.add(field)
    return rows, shown


def _letter_slots(cutoffs: dict) -> list[dict]:
    slots = [
        {"letter": letter, "cutoff": _percent_text(value) if value is not None else ""}
        for letter, value in cutoffs.items()
    ]
    return slots + [{"letter": "", "cutoff": ""}] * max(0, PASSING_SLOTS - len(slots))


def _grade_bar(cutoffs: dict) -> list[dict]:
    """Segments of the Overall Grade Range, highest letter first, then F (widths in percent)."""
    valid = sorted(
        ((k, round(float(v) * 100)) for k, v in cutoffs.items() if isinstance(v, int | float) and 0 < v <= 1),
        key=lambda kv: -kv[1],
    )
    segments, upper = [], 100
    for letter, low in valid:
        segments.append({"letter": letter, "low": low, "high": upper, "width": max(upper - low, 0)})
        upper = low
    segments.append({"letter": "F", "low": 0, "high": upper, "width": upper})
    return segments


@login_required
def grading(request: HttpRequest, course_key: str) -> HttpResponse:
    """``/courses/<key>/settings/grading``: assignment types and the Overall Grade Range."""
    course = _team_course(request, course_key)
    errors: dict[str, list[str]] = {}
    policy = courses_api.get_advanced_settings(course_key)["grading_policy"]
    types, cutoffs = policy["assignment_types"], policy["grade_cutoffs"]
    if request.method == "POST":
        types = _posted_types(request.POST)
        cutoffs, problems = _posted_cutoffs(request.POST)
        if problems:
            errors = {CUTOFFS: problems}
        else:
            result, errors = _save(
                course_key, {"grading_policy": {"assignment_types": types, "grade_cutoffs": cutoffs}}
            )
            if result is not None:
                _saved(request, result, "Grading policy")
                return redirect(request.path)
    rows, shown = _type_rows(types, errors)
    context = {
        "course": course,
        "rows": rows,
        "slots": _letter_slots(cutoffs),
        "bar": _grade_bar(cutoffs),
        "errors": errors,
        "warnings": [] if errors else courses_api.grading_policy_warnings(policy),
        "cutoff_errors": errors.get(CUTOFFS, []),
        "other_errors": [m for f, msgs in errors.items() if f != CUTOFFS and f not in shown for m in msgs],
        "active_tab": "grading",
    }
    return render(request, f"{TEMPLATES}/grading.html", context, status=400 if errors else 200)


# --- Videos --------------------------------------------------------------------------------------------


def _seconds(text: str):
    """A form's seconds: blank clears the course team's duration; anything unreadable goes on as typed."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _number_text(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds:g}"


def _duration_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}" if minutes < 60 else f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


@login_required
def videos(request: HttpRequest, course_key: str) -> HttpResponse:
    """``/courses/<key>/settings/videos``: every video's duration and where it comes from; the team sets missing ones.

    Saves through ``courses_api.set_video_duration``, the function behind ``PUT /api/v1/.../videos/{usage_key}``.
    """
    course = _team_course(request, course_key)
    errors: dict[str, list[str]] = {}
    failed_key, typed = "", ""
    if request.method == "POST":
        failed_key, typed = request.POST.get("usage_key", ""), request.POST.get("duration", "")
        try:
            video = courses_api.set_video_duration(course_key, failed_key, _seconds(typed))
        except NotFound as exc:
            errors = {"usage_key": [str(exc)]}
        except FieldErrors as exc:
            errors = exc.errors
        else:
            what = f"{video.duration:g} s" if video.team_duration is not None else "cleared"
            messages.success(request, f"Duration of '{video.name}' saved ({what}).")
            return redirect(request.path)
    rows = [
        {
            "video": video,
            "duration_text": _duration_text(video.duration),
            "value": typed if video.usage_key == failed_key else _number_text(video.team_duration),
            "errors": errors.get("duration", []) if video.usage_key == failed_key else [],
        }
        for video in courses_api.list_videos(course_key)
    ]
    context = {
        "course": course,
        "rows": rows,
        "missing": [row for row in rows if row["video"].required and row["video"].duration is None],
        "errors": errors,
        "other_errors": errors.get("usage_key", []),
        "complete_percent": f"{round(float(llp_setting('VIDEO_COMPLETE_RATIO')) * 100, 2):g}%",
        "active_tab": "videos",
    }
    return render(request, f"{TEMPLATES}/videos.html", context, status=400 if errors else 200)
