#!/usr/bin/env bash
# The whole suite on SQLite and on PostgreSQL at once: each pass is a pytest process of its own
# with databases of its own, so the two share nothing but the machine. Each pass's output is
# printed whole when both have finished; the exit status fails if either pass failed.
#
#   scripts/run-tests.sh [pytest arguments...]
#
# PostgreSQL runs when CI is set (where a missing server is a failure) or when one answers here.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PG_URL=${TEST_PG_URL:-postgresql://nextround:nextround@127.0.0.1:5432/nextround}
logs=$(mktemp -d "${TMPDIR:-/tmp}/nextround-test-logs.XXXXXX")

with_pg=0
if [ -n "${CI:-}" ] || PGPASSWORD=nextround pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  with_pg=1
fi

started=$(date +%s)
"$BIN/pytest" "$@" >"$logs/sqlite.log" 2>&1 &
sqlite_pid=$!
if [ "$with_pg" = 1 ]; then
  NEXTROUND_DATABASE_URL=$PG_URL "$BIN/pytest" "$@" >"$logs/postgres.log" 2>&1 &
  pg_pid=$!
  echo "Running the suite on SQLite and on PostgreSQL side by side (logs in $logs)…"
else
  echo "Running the suite on SQLite (logs in $logs)…"
fi

wait "$sqlite_pid"
sqlite_status=$?
pg_status=0
if [ "$with_pg" = 1 ]; then
  wait "$pg_pid"
  pg_status=$?
fi

echo "== tests on SQLite =="
cat "$logs/sqlite.log"
if [ "$with_pg" = 1 ]; then
  echo "== tests on PostgreSQL =="
  cat "$logs/postgres.log"
else
  echo "PostgreSQL is not running here: skipped the PostgreSQL pass (CI never skips it)"
fi
echo "== both passes took $(( $(date +%s) - started )) s: SQLite exit $sqlite_status, PostgreSQL exit $pg_status =="
[ "$sqlite_status" = 0 ] && [ "$pg_status" = 0 ]
