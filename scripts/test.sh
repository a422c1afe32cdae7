#!/usr/bin/env bash
# The whole test suite, as `make test` runs it (and CI, through .ci/run).
# 1. static checks: ruff, import-linter layering, migrations up to date;
# 2. pytest on SQLite (the embedded default);
# 3. pytest on PostgreSQL, with Redis and a real Celery worker, when PostgreSQL is reachable
#    (or always, when LLP_REQUIRE_SERVICES=1: then a missing service fails, never skips).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export PATH="$PWD/$BIN:$PATH"
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

if pg_reachable || [ "${LLP_REQUIRE_SERVICES:-0}" = "1" ]; then
  echo "== pytest on SQLite (unit and browser tests; integration tests run on PostgreSQL below)"
  DATABASE_URL=sqlite:///:memory: python -m pytest -m "not integration" "$@"
  echo "== pytest on PostgreSQL ($PG_URL) with Redis and a real Celery worker"
  DATABASE_URL=$PG_URL python -m pytest "$@"
else
  echo "== PostgreSQL not reachable at $PG_URL: integration tests will be skipped (see the reasons below)"
  echo "== pytest on SQLite"
  DATABASE_URL=sqlite:///:memory: python -m pytest "$@"
fi
