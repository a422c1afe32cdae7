"""The duration of a local media file, read with MediaInfo (``pymediainfo``, which bundles the library).

Only the container's own metadata is trusted: a file whose header states no duration (e.g. a WebM written
by a browser's MediaRecorder) has none here, and the course team sets it by hand.
"""

import logging
import math
from pathlib import Path

from .videos import MAX_VIDEO_DURATION_S

logger = logging.getLogger(__name__)

__all__ = ["MEDIA_SUFFIXES", "measure_duration"]

# Files worth measuring (what an HTML5 player plays); anything else is not read.
MEDIA_SUFFIXES = (".mp4", ".m4v", ".webm", ".ogv", ".ogg", ".mov", ".mkv", ".mp3", ".m4a", ".oga", ".wav")


def measure_duration(path: "str | Path") -> float | None:
    """Seconds of the media file at ``path``, or None when it has no readable duration (or is not media)."""
    from pymediainfo import MediaInfo  # imported on use: a site without media never loads the library

    try:
        info = MediaInfo.parse(str(path))
    except (OSError, RuntimeError, ValueError) as exc:  # no library, unreadable file
        logger.warning("Could not measure the duration of %s: %s", path, exc)
        return None
    milliseconds = [
        float(track.duration)
        for track in info.tracks
        if track.track_type in ("General", "Video", "Audio") and _finite(track.duration)
    ]
    seconds = max(milliseconds, default=0.0) / 1000
    return round(seconds, 3) if 0 < seconds <= MAX_VIDEO_DURATION_S else None


def _finite(value: object) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
