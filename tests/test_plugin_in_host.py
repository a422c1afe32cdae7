"""The plugin inside a host shaped like Open edX's LMS and Studio, loaded with ``edx_django_utils.plugins``.

Django settings cannot be swapped in a running process, so each host runs ``tests/host_lms/inside_the_host.py``
in its own pytest process with ``DJANGO_SETTINGS_MODULE=tests.host_lms.settings``.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INNER = "tests/host_lms/inside_the_host.py"


def run_inside_host(project: str, *selection: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_", "DATABASE_URL", "LLP_"))  # nothing of this run leaks in
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.host_lms.settings",
        "LLP_HOST_PROJECT": project,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "pytest", INNER, "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *selection]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600)


@pytest.mark.parametrize(
    ("project", "selection"),
    [
        ("lms.djangoapp", ()),
        # Studio mounts the same URLs and hooks: the routes and the API, not every page again.
        ("cms.djangoapp", ("-k", "host_is or hooks or routes or prefix or api_answers")),
    ],
)
def test_the_plugin_answers_under_its_prefix_and_leaves_the_hosts_routes_alone(project, selection):
    done = run_inside_host(project, *selection)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert " passed" in done.stdout, done.stdout[-2000:]
    assert "skipped" not in done.stdout, done.stdout[-2000:]
