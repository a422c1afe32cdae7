"""Where a video's duration comes from: the course team, the OLX attribute, or the course's media file."""

from pathlib import Path

import pytest
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses import videos
from llp_edx_plugin.courses.media import measure_duration
from llp_edx_plugin.courses.models import CourseBlock
from llp_edx_plugin.errors import FieldErrors, NotFound
from tests.learning.builders import Leaf, Lesson, Seq, build_structure, video

MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "media"
DEMO_VIDEO = Path(__file__).resolve().parents[3] / "llp_edx_plugin/static/llp_edx_plugin/demo/intro.webm"


@pytest.mark.parametrize(
    ("olx", "team", "measured", "result"),
    [
        (250, None, None, (250.0, "course")),
        ("250", None, None, (250.0, "course")),
        (None, None, 42.0, (42.0, "media file")),
        ("abc", None, 42.0, (42.0, "media file")),  # a bad attribute: the file's duration
        (0, None, None, (None, None)),
        (-5, None, None, (None, None)),
        (250, 300.0, 42.0, (300.0, "course team")),  # the course team's setting wins
        (None, None, None, (None, None)),
        (float("inf"), None, None, (None, None)),
        (24 * 3600 + 1, None, None, (None, None)),
        (True, None, None, (None, None)),
    ],
)
def test_effective_duration(olx, team, measured, result):
    assert videos.effective_duration(olx, team, measured) == result


@pytest.mark.parametrize(
    ("src", "path"),
    [
        ("/static/intro.webm", "intro.webm"),
        ("/static/llp_edx_plugin/demo/intro.webm?v=2", "llp_edx_plugin/demo/intro.webm"),
        ("/c4x/LLP/LEAD101/asset/intro.mp4", "intro.mp4"),
        ("asset-v1:LLP+LEAD101+2026+type@asset+block@intro.mp4", "intro.mp4"),
        ("https://cdn.example.com/intro.mp4", None),
        ("/static/../secrets.mp4", None),
        ("/static/", None),
        ("", None),
    ],
)
def test_static_path(src, path):
    assert videos.static_path(src) == path


@pytest.mark.parametrize(
    ("path", "seconds"),
    [
        (MEDIA / "clip-42s.mp4", 42.0),
        (MEDIA / "clip-7s.webm", 7.0),
        (DEMO_VIDEO, 20.003),
        (Path(__file__), None),  # not media
        (MEDIA / "missing.mp4", None),
    ],
)
def test_measure_duration_with_mediainfo(path, seconds):
    assert measure_duration(path) == seconds


@pytest.fixture
def course_videos(world):
    return build_structure(
        world.course_key,
        [
            Lesson(
                "Lesson",
                [
                    Seq(
                        "Unit",
                        [
                            video("Intro", 250),
                            Leaf("video", "Imported", {"html5_sources": '["https://cdn.example.com/a.mp4"]'}),
                            Leaf("video", "Legacy", {}, supported=False),
                        ],
                    )
                ],
            )
        ],
    )


def test_list_videos_and_those_without_duration(world, course_videos):
    listed = {v.name: v for v in courses_api.list_videos(world.course_key)}
    assert (listed["Intro"].duration, listed["Intro"].source) == (250.0, "course")
    assert (listed["Imported"].duration, listed["Imported"].src) == (None, "https://cdn.example.com/a.mp4")
    assert [v.name for v in courses_api.videos_without_duration(world.course_key)] == ["Imported"]


def test_the_course_teams_duration_is_what_the_structure_gives(world, course_videos):
    video_data = courses_api.set_video_duration(world.course_key, course_videos["Imported"], 95.5)
    assert (video_data.duration, video_data.source, video_data.team_duration) == (95.5, "course team", 95.5)
    structure = {b.usage_key: b for b in courses_api.get_structure(world.course_key)}
    assert structure[course_videos["Imported"]].fields["duration"] == 95.5
    assert courses_api.videos_without_duration(world.course_key) == []
    cleared = courses_api.set_video_duration(world.course_key, course_videos["Imported"], None)
    assert (cleared.duration, cleared.team_duration) == (None, None)
    assert (
        "duration"
        not in {b.usage_key: b for b in courses_api.get_structure(world.course_key)}[course_videos["Imported"]].fields
    )


@pytest.mark.parametrize("value", [0, -1, "12", True, float("nan"), 24 * 3600 + 1, [], {}])
def test_bad_durations_are_refused(world, course_videos, value):
    with pytest.raises(FieldErrors) as refused:
        courses_api.set_video_duration(world.course_key, course_videos["Imported"], value)
    assert list(refused.value.errors) == ["duration"]
    assert CourseBlock.objects.get(usage_key=course_videos["Imported"]).team_duration is None


def test_only_the_courses_videos_take_a_duration(world, course_videos):
    key = CourseKey.from_string(world.course_key)
    for usage_key in (
        str(key.make_usage_key("video", "nope")),
        str(CourseKey.from_string(world.other_course_key).make_usage_key("video", "imported")),
        "not a key",
        course_videos["Lesson"],  # a chapter
    ):
        with pytest.raises(NotFound):
            courses_api.set_video_duration(world.course_key, usage_key, 10)
