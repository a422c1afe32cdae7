"""P4: the video ``progress`` handler under a real server (gunicorn) and load generator (wrk).

Creates its own PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/llp_bench_p4),
seeds a course with a 10-minute video and 200 enrolled learners with API tokens, counts the queries of one
call (token auth included; target <= 4), starts gunicorn on 127.0.0.1 (``bench/p4_site.py``: the project plus a
bare Django JSON view behind the same middleware) and drives both with wrk for the same time, one after the
other. Prints the handler's requests/s (target >= 300/s), the bare view's, and their ratio (less sensitive to
the machine's load than either figure alone), with the load average.

    python bench/video_handler.py [--seconds 15] [--workers 4] [--connections 16]
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COURSE = "course-v1:BENCH+P4+2026"
LEARNERS = 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _recreate_database(url: str) -> None:
    import psycopg

    base, name = url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _seed() -> tuple[str, list[str]]:
    import django

    django.setup()
    from django.core.management import call_command
    from opaque_keys.edx.keys import CourseKey
    from rest_framework.authtoken.models import Token

    from llp_edx_plugin.courses import api as courses_api
    from llp_edx_plugin.courses.models import Course, CourseBlock

    call_command("migrate", verbosity=0)
    courses_api.create_course(course_key=COURSE, title="Bench video", self_paced=True)
    key = CourseKey.from_string(COURSE)
    course = Course.objects.get(course_key=key)
    Course.objects.filter(pk=course.pk).update(certificates_active=True)
    parent = None
    for order, (block_type, block_id) in enumerate(
        [("chapter", "c"), ("sequential", "s"), ("vertical", "v"), ("llp_video", "video")]
    ):
        parent = CourseBlock.objects.create(
            course=course,
            usage_key=key.make_usage_key(block_type, block_id),
            block_type=block_type,
            block_id=block_id,
            parent=parent,
            order=order,
            display_name=block_id,
            fields={"duration": 600, "src": "/static/v.webm"} if block_type == "llp_video" else {},
        )
    # Seeding is not measured: one password hash for everyone, rows in bulk.
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from llp_edx_plugin.accounts.models import Profile
    from llp_edx_plugin.courses.models import Enrollment

    password = make_password("x-bench-pass-1")
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"viewer{n}", password=password) for n in range(LEARNERS)]
    )
    Profile.objects.bulk_create([Profile(user=user, account_type="individual") for user in users])
    Enrollment.objects.bulk_create([Enrollment(user=user, course=course) for user in users])
    tokens = [
        token.key for token in Token.objects.bulk_create([Token(user=user, key=Token.generate_key()) for user in users])
    ]
    return str(key.make_usage_key("llp_video", "video")), tokens


def _wait_until_serving(port: int, timeout: float = 90) -> None:
    """gunicorn's master accepts connections before a worker has loaded Django: wait for a real answer."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/auth/token", timeout=5)
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer means a worker is serving
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start serving in time")


def _wrk_script(path: str, tokens: list[str]) -> str:
    body = json.dumps({"watched": [[0, 10]], "position": 10})
    lines = [
        "tokens = {" + ",".join(f'"{t}"' for t in tokens) + "}",
        f"body = '{body}'",
        "request = function()",
        "  local token = tokens[math.random(#tokens)]",
        f'  return wrk.format("POST", "{path}", '
        '{["Content-Type"] = "application/json", ["Authorization"] = "Token " .. token}, body)',
        "end",
    ]
    return "\n".join(lines)


def _queries_per_call(path: str, token: str) -> tuple[int, list[str], float]:
    """Data queries of one report by a learner already watching (token auth included; BEGIN/COMMIT apart), and
    the median CPU time of a report in this process (Django's test client, no server): what a call costs
    whatever else runs on the machine."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    body = json.dumps({"watched": [[0, 10]], "position": 10})
    for _ in range(2):  # the first report creates the learner's row and starts the clock
        client.post(path, body, content_type="application/json")
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, body, content_type="application/json")
    assert response.status_code == 200, response.content
    statements = [q["sql"] for q in captured if q["sql"].split()[0].upper() not in {"BEGIN", "COMMIT", "SAVEPOINT"}]
    cpu = []
    for _ in range(300):
        start = time.process_time()
        client.post(path, body, content_type="application/json")
        cpu.append((time.process_time() - start) * 1000)
    return len(statements), statements, statistics.median(cpu)


def _wrk(url: str, script: str, seconds: int, connections: int) -> tuple[float, int, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    latency = re.search(r"Latency\s+(\S+)", out).group(1)
    return rps, int(errors.group(1)) if errors else 0, latency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("P4 needs wrk (apt-get install wrk)")
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llp_bench_p4")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": url,
        "DB_CONN_MAX_AGE": "60",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    _recreate_database(url)
    usage_key, tokens = _seed()
    path = f"/courses/{COURSE}/xblock/{usage_key}/handler/progress"
    queries, statements, cpu_ms = _queries_per_call(path, tokens[-1])
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "p4_site",
            "--pythonpath",
            f"{ROOT / 'bench'},{ROOT}",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handler_script:
            handler_script.write(_wrk_script(path, tokens))
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as bare_script:
            bare_script.write(_wrk_script("/bench/bare", tokens))
        # warm up every worker (and every learner's first report, which only starts the clock)
        _wrk(base, handler_script.name, 5, 8)
        _wrk(base, bare_script.name, 2, 8)
        rps, errors, latency = _wrk(base, handler_script.name, args.seconds, args.connections)
        bare_rps, bare_errors, bare_latency = _wrk(base, bare_script.name, args.seconds, args.connections)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    ok = "OK" if rps >= 300 else "MISSED"
    print(
        f"P4 video progress handler: {rps:.0f} requests/s (target >= 300) {ok}; mean latency {latency}, "
        f"non-2xx {errors}; gunicorn -w {args.workers}, wrk -c{args.connections} -d{args.seconds}s"
    )
    print(
        f"P4 bare Django JSON view, same server: {bare_rps:.0f} requests/s (mean latency {bare_latency}, "
        f"non-2xx {bare_errors}); handler/bare ratio {rps / bare_rps:.2f}"
    )
    print(f"P4 queries per call (token auth included): {queries} (target <= 4) {'OK' if queries <= 4 else 'MISSED'}")
    for sql in statements:
        print(f"     {sql[:110]}")
    print(f"P4 CPU per call in-process (test client, no server): median {cpu_ms:.2f} ms")
    print(f"P4 load average during the run: {load}")
    return 0 if rps >= 300 and queries <= 4 else 1


if __name__ == "__main__":
    sys.exit(main())
