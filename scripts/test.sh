#!/usr/bin/env bash
# The whole test suite, as `make test` runs it (and CI, through .ci/run).
# 1. static checks: ruff, import-linter layering, migrations up to date;
# 2. pytest on SQLite (the embedded default), on 2 processes (pytest-xdist);
# 3. the same SQLite pass on Django 4.2 + XBlock 5 (Open edX Sumac, Teak), from the second virtualenv BIN42;
# 4. pytest on PostgreSQL, with Redis and a real Celery worker, when PostgreSQL is reachable
#    (or always, when LLP_REQUIRE_SERVICES=1: then a missing service fails, never skips): the unit and browser
#    tests on 2 processes, then the integration tests (real workers, timing-sensitive races) on one.
# The browser tests (tests/e2e) run once (ADR 0043): on PostgreSQL when it is reachable, as in production,
# otherwise in the SQLite pass on Django 5.2. The other passes check the same pages with Django's test client.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
BIN42=${BIN42:-.venv-django42/bin}
WORKERS=${LLP_TEST_WORKERS:-2}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
export PATH="$BIN:$PATH"
PG_URL=${LLP_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/llp}

echo "== ruff"
ruff check .
ruff format --check .
echo "== import-linter"
lint-imports --no-cache
echo "== migrations"
DJANGO_SETTINGS_MODULE=settings.test python manage.py makemigrations --check --dry-run

pg_reachable() {
  python - "$PG_URL" <<'PY'
import sys
import psycopg
url = sys.argv[1].replace("postgres://", "postgresql://", 1)
try:
    psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=2).close()
except Exception as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
PY
}

# Each pass prints its wall time and the CPU time of all its processes: on a busy machine the wall time grows,
# the CPU time hardly does (on 2 idle cores a 2-process pass takes about half its CPU time).
timed() {
  local TIMEFORMAT="== %0R s wall, %0U s user + %0S s system CPU"
  time "$@"
}

django42() {
  if [ -x "$BIN42/python" ]; then
    echo "== pytest on SQLite with Django 4.2 ($("$BIN42/python" -m django --version)), $WORKERS processes, no browser"
    DATABASE_URL=sqlite:///:memory: timed "$BIN42/python" -m pytest -m "not integration" -n "$WORKERS" \
      --ignore=tests/e2e "$@"
  elif [ "${LLP_REQUIRE_SERVICES:-0}" = "1" ]; then
    echo "== no Django 4.2 virtualenv at $BIN42 (make install-django42)" >&2
    exit 1
  else
    echo "== Django 4.2 pass skipped: no virtualenv at $BIN42 (make install-django42 creates it)"
  fi
}

if pg_reachable || [ "${LLP_REQUIRE_SERVICES:-0}" = "1" ]; then
  echo "== pytest on SQLite, $WORKERS processes (browser and integration tests run on PostgreSQL below)"
  DATABASE_URL=sqlite:///:memory: timed python -m pytest -m "not integration" -n "$WORKERS" --ignore=tests/e2e "$@"
  django42 "$@"
  echo "== pytest on PostgreSQL ($PG_URL), $WORKERS processes: everything but the integration tests, browser included"
  DATABASE_URL=$PG_URL timed python -m pytest -m "not integration" -n "$WORKERS" "$@"
  echo "== pytest on PostgreSQL: integration tests with Redis and real Celery workers, one process"
  DATABASE_URL=$PG_URL timed python -m pytest -m integration "$@"
else
  echo "== PostgreSQL not reachable at $PG_URL: integration tests will be skipped (see the reasons below)"
  echo "== pytest on SQLite, $WORKERS processes"
  DATABASE_URL=sqlite:///:memory: timed python -m pytest -n "$WORKERS" "$@"
  django42 "$@"
fi
