"""The wheel: entry points for Open edX, the package data it needs, and nothing of the standalone project."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("llp_edx_plugin-*.whl"))


def test_wheel_ships_the_plugin_and_xblocks_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_levels == {"llp_edx_plugin", "xblocks"}
    assert "llp_edx_plugin/templates/llp_edx_plugin/base.html" in names
    assert "llp_edx_plugin/static/llp_edx_plugin/llp.css" in names
    assert any(name.startswith("llp_edx_plugin/migrations/0001_") for name in names)


def test_installed_wheel_exposes_open_edx_entry_points(wheel, tmp_path):
    """`pip install` in a clean virtualenv, then importlib.metadata shows lms/cms.djangoapp entries."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    script = (
        "from importlib.metadata import entry_points as e;"
        "print(sorted(f'{g}={p.value}' for g in ('lms.djangoapp','cms.djangoapp') for p in e(group=g)))"
    )
    shown = subprocess.run([str(python), "-c", script], check=True, capture_output=True, text=True).stdout
    assert "lms.djangoapp=llp_edx_plugin.apps:LLPCertificatesConfig" in shown
    assert "cms.djangoapp=llp_edx_plugin.apps:LLPCertificatesConfig" in shown
