#!/usr/bin/env bash
# The planning calendar at scale: 100 clubs of 40 athletes with two years of sessions (a year
# back, a year ahead: 1,664 sessions a club, 166,400 in all), on PostgreSQL and on SQLite.
#
#   bench/planning.sh                       # both databases, 100 clubs, 2000 moves
#   CLUBS=10 MOVES=500 DATABASES=sqlite bench/planning.sh
#
# For each database: builds the release (once), migrates a throw-away database, seeds it
# (`dropit seed-planning-bench`), then
#   - the month view's query for one club: its plan (EXPLAIN ANALYZE, PostgreSQL) and its
#     latency under pgbench for 15 s (p50, p99), the three statements `PlanningStore::sessions`
#     runs for a month;
#   - the calendar in Chromium (PostgreSQL): a month of the first club's sessions loaded cold,
#     the time until hydrated, and the frames drawn while a session is dragged
#     (bench/planning-hydration.mjs);
#   - a move persisted, through the real server: bench/planning-moves.mjs moves one session
#     back and forth MOVES times with the version each move answered (p50, p95, p99).
# PostgreSQL comes from DROPIT_BENCH_POSTGRES_URL (default: the local server, user postgres).
# A benchmark is run by a person; it is never part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_build_tools

CLUBS=${CLUBS:-100}
MOVES=${MOVES:-2000}
DATABASES=${DATABASES:-"postgres sqlite"}
PORT=${PORT:-3300}
ADMIN_URL=${DROPIT_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
base="http://127.0.0.1:$PORT"
coach=coach@planning.bench.dropit.club

build_site >/dev/null
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "${pg_name:-}" ] && psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $pg_name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The month view's reads for the first club (the bench coach's), this month, as pgbench runs
# them: the sessions, then whom they name.
month_sql() {
  local from until
  from=$(date -u +%Y-%m-01)
  until=$(date -u -d "$from +1 month" +%Y-%m-%d)
  cat <<SQL
SELECT s.id, s.date, s.minute, s.title, s.category_id, s.content, s.overrides, s.workout_id, s.workout_version, s.version, s.updated_at FROM planned_sessions s WHERE s.club_id = 1 AND s.date >= '$from' AND s.date < '$until' ORDER BY s.date, COALESCE(s.minute, -1), s.id;
SELECT p.session_id, p.athlete_id FROM session_athletes p JOIN planned_sessions s ON s.id = p.session_id WHERE s.club_id = 1 AND s.date >= '$from' AND s.date < '$until' ORDER BY p.position;
SELECT p.session_id, p.group_id FROM session_groups p JOIN planned_sessions s ON s.id = p.session_id WHERE s.club_id = 1 AND s.date >= '$from' AND s.date < '$until' ORDER BY p.position;
SQL
}

for db in $DATABASES; do
  case $db in
    postgres)
      pg_name="dropit_bench_$(date +%s)"
      psql -q "$ADMIN_URL" -c "CREATE DATABASE $pg_name" >/dev/null
      url="${ADMIN_URL%/*}/$pg_name"
      ;;
    sqlite) url="sqlite://$work/bench.db" ;;
    *) echo "unknown database $db" >&2; exit 1 ;;
  esac
  export DATABASE_URL="$url" LEPTOS_SITE_ROOT=target/site
  export DROPIT_LISTEN="127.0.0.1:$PORT" DROPIT_LOG=warn DROPIT_LOG_FORMAT=json
  target/release/dropit migrate
  say "$db: seeding $CLUBS clubs × 40 athletes × 2 years of sessions"
  start=$(date +%s)
  target/release/dropit seed-planning-bench --clubs "$CLUBS"
  echo "seeded in $(($(date +%s) - start)) s"

  if [ "$db" = postgres ]; then
    psql -q "$url" -c "ANALYZE" >/dev/null
    psql -q "$url" -c "SELECT count(*) AS sessions FROM planned_sessions"
    say "postgres: the month view's plan"
    month_sql | head -1 | sed 's/^/EXPLAIN (ANALYZE, BUFFERS) /' | psql -q "$url"
    month_sql >"$work/month.sql"
    say "postgres: the month view's reads under pgbench, 15 s, one connection"
    (cd "$work" && pgbench -n -f month.sql -T 15 -c 1 -l --log-prefix=pgbench_log "$url" | grep -E 'latency|tps')
    sort -n -k3 "$work"/pgbench_log.* 2>/dev/null | awk '{ print $3 }' >"$work/latencies"
    n=$(wc -l <"$work/latencies")
    p() { sed -n "$(( ($1 * n + 99) / 100 ))p" "$work/latencies"; }
    echo "month view reads (3 statements): p50 $(( $(p 50) ))µs, p99 $(( $(p 99) ))µs over $n runs"
  fi

  target/release/dropit serve >"$work/server-$db.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
  if [ "$db" = postgres ]; then
    say "$db: the calendar in Chromium, cold, with the month's sessions"
    node bench/planning-hydration.mjs "$base" "$coach" 5
  fi
  say "$db: $MOVES moves through the server"
  node bench/planning-moves.mjs "$base" "$coach" "$MOVES"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
printf 'machine: %s cores, %s\n' "$(nproc)" "$(uname -sr)"
