"""OLX import measures a video's local media file; the course team's duration survives re-imports."""

from pathlib import Path

import pytest

from llp_edx_plugin.courses import api as courses_api
from tests.courses.olx.archives import build_export, course_folder

MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "media"
REFERENCED = "course-v1:LLP+OLX101+2026"
WELCOME = "block-v1:LLP+OLX101+2026+type@video+block@welcome_video"
INTRO = "block-v1:LLP+OLX101+2026+type@llp_video+block@intro_video"
pytestmark = pytest.mark.django_db

LOCAL_VIDEO = '<video display_name="Welcome video" html5_sources="[&quot;/static/clip.mp4&quot;]"/>'
SITE_VIDEO = '<llp_video display_name="Intro" src="/static/llp_edx_plugin/demo/intro.webm"/>'


def _videos() -> dict:
    return {video.usage_key: video for video in courses_api.list_videos(REFERENCED)}


@pytest.mark.parametrize("as_archive", [True, False], ids=["archive", "folder"])
def test_a_video_without_duration_takes_its_local_files(tmp_path, as_archive):
    edits = {
        "video/welcome_video.xml": LOCAL_VIDEO,
        "static/clip.mp4": (MEDIA / "clip-42s.mp4").read_bytes(),
        "llp_video/intro_video.xml": SITE_VIDEO,
    }
    source = build_export(tmp_path, edits=edits) if as_archive else course_folder(tmp_path, "referenced", edits)
    report = courses_api.import_olx(source)
    videos = _videos()
    assert (videos[WELCOME].duration, videos[WELCOME].source) == (42.0, "media file")
    # the plugin's own demo video, from the site's static files
    assert (videos[INTRO].duration, videos[INTRO].source) == (20.003, "media file")
    assert not [w for w in report.warnings if "no duration" in w]


def test_a_remote_video_without_duration_is_reported(tmp_path):
    report = courses_api.import_olx(build_export(tmp_path))  # welcome_video: a remote mp4, no duration
    assert _videos()[WELCOME].duration is None
    assert any("video 'welcome_video' has no duration" in w for w in report.warnings)
    assert [v.usage_key for v in courses_api.videos_without_duration(REFERENCED)] == [WELCOME]


def test_the_course_teams_duration_survives_a_reimport(tmp_path):
    courses_api.import_olx(build_export(tmp_path))
    courses_api.set_video_duration(REFERENCED, WELCOME, 61)
    edits = {"video/welcome_video.xml": '<video display_name="Welcome, v2" html5_sources="[&quot;x.mp4&quot;]"/>'}
    courses_api.import_olx(build_export(tmp_path, name="v2.tar.gz", edits=edits))
    welcome = _videos()[WELCOME]
    assert (welcome.name, welcome.duration, welcome.source) == ("Welcome, v2", 61.0, "course team")
