"""Pure rules of "a video watched in full" (DESIGN.md §3, rule 2).

A progress report carries the intervals the player saw (``[[start_s, end_s], ...]``). The server keeps the
union of everything accepted so far, but accepts no more *new* watched time per report than the wall time
since the previous report allows, times the maximum playback rate: one request claiming 0-600 s cannot
complete a 10-minute video. The wall time is the learner's, not the video's: since their previous report on
*any* video (one clock per learner), so five videos reported in parallel share one allowance. New time
beyond the allowance is dropped, earliest parts first kept; the player sends its whole watched set every
time, so what was dropped is offered again with the next report.
Nothing here reads the clock, the database or settings except ``current_rules``.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from ..conf import llp_setting

__all__ = [
    "DURATION_TOLERANCE_S",
    "MAX_INTERVALS",
    "ReportError",
    "VideoProgress",
    "VideoRules",
    "apply_report",
    "covered_seconds",
    "credit_allowance",
    "current_rules",
    "limit_new_time",
    "merge_intervals",
    "parse_duration",
    "parse_report",
]

Interval = tuple[float, float]

# Players report currentTime a little past the metadata duration; beyond this it is bad input.
DURATION_TOLERANCE_S = 1.0
# A report is the player's watched set; more pieces than this is not a real player.
MAX_INTERVALS = 1000
# An imported video without a duration takes the player's, within sane bounds (24 h).
MAX_DURATION_S = 24 * 3600.0


class ReportError(ValueError):
    """A progress report that is not valid input (HTTP 400 with this message)."""


@dataclass(frozen=True)
class VideoRules:
    complete_ratio: float = 0.95
    max_playback_rate: float = 2.0


@dataclass(frozen=True)
class VideoProgress:
    """The stored progress of one learner on one video (the block's user state)."""

    watched: tuple[Interval, ...] = ()
    last_report_at: datetime | None = None
    position: float = 0.0
    watched_seconds: float = 0.0
    watched_ratio: float = 0.0
    complete: bool = False

    def as_state(self) -> dict:
        """The BlockState ``state`` JSON of a video (the keys the requirement diagnosis reads)."""
        return {
            "watched": [[start, end] for start, end in self.watched],
            "watched_seconds": self.watched_seconds,
            "watched_ratio": self.watched_ratio,
            "last_report_at": self.last_report_at.isoformat() if self.last_report_at else None,
            "position": self.position,
        }


def current_rules() -> VideoRules:
    """The rules configured in ``LLP_CERTIFICATES`` (read at call time)."""
    return VideoRules(
        complete_ratio=float(llp_setting("VIDEO_COMPLETE_RATIO")),
        max_playback_rate=float(llp_setting("VIDEO_MAX_PLAYBACK_RATE")),
    )


def _number(value: object) -> float | None:
    """A finite real number, or None (booleans and strings are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def merge_intervals(intervals: "list[Interval] | tuple[Interval, ...]") -> tuple[Interval, ...]:
    """Sorted union of intervals; touching or overlapping ones are joined, empty ones dropped."""
    merged: list[list[float]] = []
    for start, end in sorted((float(s), float(e)) for s, e in intervals if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def covered_seconds(intervals: "tuple[Interval, ...]") -> float:
    """Total length of already merged intervals."""
    return sum(end - start for start, end in intervals)


def _subtract(intervals: "tuple[Interval, ...]", covered: "tuple[Interval, ...]") -> list[Interval]:
    """Parts of merged ``intervals`` not in merged ``covered``, in order."""
    result: list[Interval] = []
    for start, end in intervals:
        cursor = start
        for c_start, c_end in covered:
            if c_end <= cursor or c_start >= end:
                continue
            if c_start > cursor:
                result.append((cursor, c_start))
            cursor = max(cursor, c_end)
        if cursor < end:
            result.append((cursor, end))
    return result


def limit_new_time(
    watched: "tuple[Interval, ...]", reported: "tuple[Interval, ...]", allowance_s: float
) -> tuple[Interval, ...]:
    """``watched`` plus at most ``allowance_s`` seconds of ``reported`` time not watched yet, earliest first."""
    accepted: list[Interval] = []
    budget = max(0.0, allowance_s)
    for start, end in _subtract(merge_intervals(reported), watched):
        if budget <= 0:
            break
        take = min(end - start, budget)
        accepted.append((start, start + take))
        budget -= take
    return merge_intervals([*watched, *accepted])


def parse_duration(value: object) -> float:
    """A video duration in seconds from block settings or a report; ``ReportError`` when unusable."""
    number = _number(value)
    if number is None and isinstance(value, str):
        try:
            number = _number(float(value))
        except ValueError:
            number = None
    if number is None or number <= 0 or number > MAX_DURATION_S:
        raise ReportError("duration must be a positive number of seconds.")
    return number


def parse_report(data: object, duration: float) -> tuple[tuple[Interval, ...], float | None]:
    """Validate a ``progress`` report ``{watched: [[start, end], ...], position}`` against the duration.

    Returns the merged intervals (clamped to the duration) and the position (None when absent).
    """
    if not isinstance(data, dict):
        raise ReportError("The body must be a JSON object.")
    raw = data.get("watched", [])
    if not isinstance(raw, list):
        raise ReportError("watched must be a list of [start, end] pairs.")
    if len(raw) > MAX_INTERVALS:
        raise ReportError(f"watched has more than {MAX_INTERVALS} intervals.")
    limit = duration + DURATION_TOLERANCE_S
    intervals: list[Interval] = []
    for index, pair in enumerate(raw):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ReportError(f"watched[{index}] must be a [start, end] pair.")
        start, end = _number(pair[0]), _number(pair[1])
        if start is None or end is None:
            raise ReportError(f"watched[{index}] must hold two numbers.")
        if start < 0:
            raise ReportError(f"watched[{index}] starts before 0.")
        if end < start:
            raise ReportError(f"watched[{index}] ends before it starts.")
        if end > limit:
            raise ReportError(f"watched[{index}] ends after the video ({duration:g} s).")
        intervals.append((start, min(end, duration)))
    position = None
    if data.get("position") is not None:
        position = _number(data["position"])
        if position is None or position < 0 or position > limit:
            raise ReportError(f"position must be a number of seconds between 0 and {duration:g}.")
        position = min(position, duration)
    return merge_intervals(intervals), position


def credit_allowance(
    video_last_report_at: datetime | None, learner_last_report_at: datetime | None, now: datetime, rules: VideoRules
) -> float:
    """Seconds of new watched time a report at ``now`` may credit (one clock per learner)."""
    if video_last_report_at is None:
        return 0.0
    since = max(video_last_report_at, learner_last_report_at or video_last_report_at)
    return max(0.0, (now - since).total_seconds()) * rules.max_playback_rate


def apply_report(
    previous: VideoProgress,
    reported: "tuple[Interval, ...]",
    position: float | None,
    *,
    duration: float,
    now: datetime,
    rules: VideoRules,
    learner_last_report_at: datetime | None = None,
) -> VideoProgress:
    """The progress after a valid report received at ``now``.

    The first report on a video only starts its clock (no wall time has been seen passing on it). Later ones
    credit new time for the wall time since the learner's previous report on any video
    (``learner_last_report_at``; this video's own when not given). Completion never goes back once reached.
    """
    allowance = credit_allowance(previous.last_report_at, learner_last_report_at, now, rules)
    watched = limit_new_time(merge_intervals(previous.watched), reported, allowance)
    seconds = round(covered_seconds(watched), 3)
    ratio = round(min(1.0, seconds / duration), 4) if duration > 0 else 0.0
    return VideoProgress(
        watched=watched,
        last_report_at=now,
        position=previous.position if position is None else position,
        watched_seconds=seconds,
        watched_ratio=ratio,
        complete=previous.complete or ratio >= rules.complete_ratio,
    )
