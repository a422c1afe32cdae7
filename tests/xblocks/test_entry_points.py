"""The ``xblock.v1`` entry points load without the plugin app: Open edX and the workbench import every block
class at start-up, before (or without) Django's apps being ready, so no module may import a model on import."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from xblock.core import XBlock
loaded = {t: XBlock.load_class(t).__module__ for t in ("llp_video", "llp_reading", "llp_quiz")}
import django.apps
print(json.dumps({
    "loaded": loaded,
    "apps_ready": django.apps.apps.ready,
    "settings": __import__("django.conf").conf.settings.configured,
    "plugin_modules": sorted(m for m in sys.modules if m.startswith("llp_edx_plugin")),
}))
"""


def test_the_blocks_load_by_entry_point_in_a_bare_python_without_django_settings():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {
        "loaded": {
            "llp_video": "xblocks.llp_video.block",
            "llp_reading": "xblocks.llp_reading.block",
            "llp_quiz": "xblocks.llp_quiz.block",
        },
        "apps_ready": False,
        "settings": False,
        "plugin_modules": [],  # not even the plugin's public door: it imports models
    }
