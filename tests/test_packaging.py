"""The wheel: entry points for Open edX, the package data it needs, and nothing of the standalone project."""

import gettext
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
import venv
import zipfile
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
# *.mo too: the wheel must get its compiled catalogs from the build, not from a developer's working folder.
NOT_SOURCE = (".git", ".venv*", "var", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "screenshots", "*.mo")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # From a copy without build/ or *.egg-info: a stale build/lib of an earlier build would end up in the wheel.
    source = tmp_path_factory.mktemp("source") / "llp"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
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
    assert "llp_edx_plugin/static/llp_edx_plugin/base.css" in names
    assert "llp_edx_plugin/demo/courses/leadership-essentials/course.xml" in names  # `llp_demo` needs it
    assert any(name.startswith("llp_edx_plugin/migrations/0001_") for name in names)


@pytest.mark.parametrize(("lang", "heading"), [("es", "Mis cursos"), ("fr", "Mes cours")])
def test_the_build_compiles_the_catalogs_into_the_wheel(wheel, lang, heading):
    """ADR 0041: the .po sources and the .mo the build compiled from them (the source copy had no .mo)."""
    path = f"llp_edx_plugin/conf/locale/{lang}/LC_MESSAGES/django"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert f"{path}.po" in names
        catalog = gettext.GNUTranslations(io.BytesIO(archive.read(f"{path}.mo")))
    assert catalog.gettext("My courses") == heading


def test_the_dev_broker_keeps_its_exchange_tables_under_var_not_in_the_working_folder():
    import importlib

    dev = importlib.import_module("settings.dev")
    options = dev.CELERY_BROKER_TRANSPORT_OPTIONS
    assert Path(options["control_folder"]) == dev.VAR_DIR / "broker" / "control"
    assert Path(options["control_folder"]).is_dir()  # kombu creates only the last level


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


# --- Clean installs from the package index: current pip, no cache, no constraint file -------------------------

JOB_SCRIPT = """
import sys, time
import django
django.setup()
import llp_edx_plugin
from llp_edx_plugin.jobs import api as jobs_api
assert "site-packages" in llp_edx_plugin.__file__, llp_edx_plugin.__file__
job = jobs_api.start_job("selftest", "course-v1:LLP+PKG+2026", None, {"n": 20, "chunk": 5, "pause": 0})
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    job = jobs_api.get_job(job.id)
    if job.status in ("done", "failed"):
        break
    time.sleep(0.2)
print(job.status, job.done, job.total, job.result)
"""


def _clean_venv(path: Path) -> Path:
    """A new virtualenv with today's pip (the one bundled with Python may be years old)."""
    venv.create(path, with_pip=True)
    python = path / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--no-cache-dir", "--upgrade", "pip"])
    return python


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.integration
def test_pip_install_of_the_source_tree_works_in_a_clean_venv(tmp_path):
    """`pip install .` with build isolation: today's setuptools, every dependency from a wheel or a clean build."""
    python = _clean_venv(tmp_path / "venv")
    source = tmp_path / "llp"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    _run([str(python), "-m", "pip", "install", "-q", "--no-cache-dir", str(source)], cwd=tmp_path)
    _run([str(python), "-m", "pip", "check"])
    shown = _run([str(python), "-c", "import llp_edx_plugin, xblocks; print(llp_edx_plugin.__file__)"], cwd=tmp_path)
    assert "site-packages" in shown.stdout


PLATFORM_VERSIONS = "from importlib.metadata import version; print(version('Django'), version('XBlock'))"


@pytest.mark.integration
def test_installing_into_a_django_42_platform_keeps_its_django_and_xblock(wheel, tmp_path):
    """Open edX Sumac and Teak run Django 4.2 with XBlock 5: installing the wheel there changes neither."""
    python = _clean_venv(tmp_path / "venv")
    _run([str(python), "-m", "pip", "install", "-q", "Django>=4.2,<4.3", "XBlock>=5,<6"], cwd=tmp_path)
    before = _run([str(python), "-c", PLATFORM_VERSIONS], cwd=tmp_path).stdout.split()
    assert before[0].startswith("4.2."), before
    assert before[1].startswith("5."), before
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)
    assert _run([str(python), "-c", PLATFORM_VERSIONS], cwd=tmp_path).stdout.split() == before
    _run([str(python), "-m", "pip", "check"])
    shown = _run([str(python), "-c", "import llp_edx_plugin.apps, xblocks.llp_quiz.block; print('ok')"], cwd=tmp_path)
    assert shown.stdout.strip() == "ok"


@pytest.mark.integration
def test_the_production_extra_runs_a_job_through_a_celery_worker_on_redis(wheel, tmp_path, redis_url):
    """`pip install "llp-edx-plugin[production]"`, then a worker of that venv runs a job sent over Redis.

    The standalone project (settings/, not in the wheel) is copied beside an empty working folder so the
    plugin is imported from the venv, never from this checkout.
    """
    python = _clean_venv(tmp_path / "venv")
    _run([str(python), "-m", "pip", "install", "-q", "--no-cache-dir", f"{wheel}[production]"], cwd=tmp_path)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "settings", project / "settings", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", project / "templates")
    prefix = f"llp-pkg-{uuid.uuid4().hex[:12]}:"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'llp.sqlite3'}",
        "LLP_VAR_DIR": str(tmp_path / "var"),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps({"global_keyprefix": prefix}),
    }
    _run([str(python), "-m", "django", "migrate", "--noinput", "-v0"], cwd=project, env=env)
    celery = tmp_path / "venv" / "bin" / "celery"
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [
                str(celery),
                "-A",
                "settings",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while b" ready." not in log_path.read_bytes():
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        shown = _run([str(python), "-c", JOB_SCRIPT], cwd=project, env=env)
        assert shown.stdout.split()[:3] == ["done", "20", "20"], shown.stdout + log_path.read_text(errors="replace")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)
