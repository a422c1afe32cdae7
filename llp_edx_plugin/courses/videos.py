"""Video durations: where a video's duration comes from (never from the learner), as pure functions.

A video's duration counts from, in this order: the one the course team set (``PUT .../videos/{usage_key}``
or the Videos settings page; kept across OLX re-imports), the OLX ``duration`` attribute, the duration
measured at import from the course's own media file (``static/`` of the export, or the site's static files).
A required video with none of them blocks certificate activation and cannot be completed.
"""

import json
import math
import posixpath
import re

from .data import VIDEO_TYPES

__all__ = [
    "MAX_VIDEO_DURATION_S",
    "SOURCE_COURSE",
    "SOURCE_MEDIA",
    "SOURCE_TEAM",
    "VIDEO_TYPES",
    "effective_duration",
    "parse_video_duration",
    "static_path",
    "video_source",
]

# Longer than any course video; beyond it a value is a mistake.
MAX_VIDEO_DURATION_S = 24 * 3600.0

SOURCE_TEAM = "course team"
SOURCE_COURSE = "course"  # the OLX duration attribute
SOURCE_MEDIA = "media file"

_SOURCE_TAG = re.compile(r"<source\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
# Open edX asset references: /static/NAME, /c4x/ORG/COURSE/asset/NAME, asset-v1:...+type@asset+block@NAME
_C4X = re.compile(r"^/c4x/[^/]+/[^/]+/asset/(?P<name>.+)$")
_ASSET_V1 = re.compile(r"^/?asset-v1:[^/]+\+type@asset\+block@(?P<name>[^/?#]+)")


def parse_video_duration(value: object) -> float | None:
    """A usable duration in seconds (a positive finite number up to 24 h, or such a numeric string), or None."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, str | int | float):
        return None
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (ValueError, OverflowError):  # not a number; an integer of hundreds of digits
        return None
    return number if math.isfinite(number) and 0 < number <= MAX_VIDEO_DURATION_S else None


def effective_duration(
    olx_value: object, team_duration: float | None, measured_duration: float | None
) -> tuple[float | None, str | None]:
    """``(seconds, source)`` of the duration that counts; ``(None, None)`` when the course has none."""
    for value, source in (
        (team_duration, SOURCE_TEAM),
        (olx_value, SOURCE_COURSE),
        (measured_duration, SOURCE_MEDIA),
    ):
        seconds = parse_video_duration(value)
        if seconds is not None:
            return seconds, source
    return None, None


def video_source(fields: dict, content: str = "") -> str:
    """The URL a video plays: ``src``, else the first of ``html5_sources`` (a JSON list), else a ``<source>``."""
    if fields.get("src"):
        return str(fields["src"])
    sources = fields.get("html5_sources")
    if isinstance(sources, str):
        try:
            sources = json.loads(sources or "[]")
        except ValueError:
            sources = []
    if isinstance(sources, list) and sources:
        return str(sources[0])
    match = _SOURCE_TAG.search(content or "")
    return match.group(1) if match else ""


def static_path(src: str) -> str | None:
    """The path of a course's static file a video source refers to (``static/`` of the export), or None.

    ``/static/a/b.webm`` -> ``a/b.webm``; Open edX ``/c4x/...`` and ``asset-v1:`` references -> their file name;
    remote URLs and anything leaving the folder -> None.
    """
    src = (src or "").strip()
    if src.startswith("/static/"):
        name = src[len("/static/") :]
    elif match := _C4X.match(src) or _ASSET_V1.match(src):
        name = match.group("name")
    else:
        return None
    name = name.split("?", 1)[0].split("#", 1)[0]
    normalized = posixpath.normpath(name) if name else ""
    if not normalized or normalized.startswith(("/", "..")) or "\\" in normalized or "\x00" in normalized:
        return None
    return normalized
