#!/usr/bin/env bash
# The demo on the embedded default: SQLite + filesystem broker, a real Celery worker, the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-settings.dev}
export LLP_BASE_URL=${LLP_BASE_URL:-http://$HOST:$PORT}

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py collectstatic --noinput >/dev/null
"$BIN/python" manage.py llp_demo

mkdir -p var/log
# -B: the worker also runs Celery beat, which sends the periodic sweep of work stuck by a broker outage
# (ADR 0026); production runs one `celery -A settings beat` beside its workers instead.
"$BIN/celery" -A settings worker -B --schedule=var/celerybeat-schedule --loglevel=INFO --concurrency=2 \
    >var/log/worker.log 2>&1 &
WORKER_PID=$!
trap 'kill $WORKER_PID 2>/dev/null || true' EXIT INT TERM
echo "Celery worker and beat started (pid $WORKER_PID, log var/log/worker.log)"
echo
echo "LLP Certificates demo: http://$HOST:$PORT/login   (Ctrl-C stops it)"
"$BIN/python" manage.py llp_demo --logins
exec_status=0
"$BIN/python" manage.py runserver "$HOST:$PORT" --noreload || exec_status=$?
exit $exec_status
