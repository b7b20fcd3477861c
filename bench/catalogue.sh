#!/usr/bin/env bash
# Load test of the catalogue page for a logged-in coach on a club of 500 exercises.
#
#   bench/catalogue.sh              # 64 connections for 30 s
#   CONNECTIONS=16 DURATION=10s bench/catalogue.sh
#
# Builds the release, starts DropIt on a fresh SQLite file, seeds the benchmark club
# (`dropit seed-bench`), logs the coach in, checks the page lists the 500 exercises, then runs
# oha (installed from crates.io if missing) and prints requests/s, latencies and the server's
# peak memory. A benchmark is run by a person; it is never part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_build_tools
OHA_VERSION=1.16.0
if ! command -v oha >/dev/null 2>&1; then
  say "installing oha $OHA_VERSION from crates.io"
  cargo install oha --version "$OHA_VERSION" --locked
fi

CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
PORT=${PORT:-3300}
base="http://127.0.0.1:$PORT"

build_site >/dev/null

work=$(mktemp -d)
export DATABASE_URL="sqlite://$work/bench.db" LEPTOS_SITE_ROOT=target/site
export DROPIT_LISTEN="127.0.0.1:$PORT" DROPIT_LOG=warn DROPIT_LOG_FORMAT=json
target/release/dropit migrate
target/release/dropit seed-bench
target/release/dropit serve >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

cookie=$(curl -sf -c - -o /dev/null --data-urlencode "email=coach@bench.dropit.club" \
  --data-urlencode "password=dropit-demo" "$base/api/log_in" | awk '$6 == "dropit_session" { print $7 }')
[ -n "$cookie" ] || { echo "could not log the bench coach in" >&2; exit 1; }
page=$(curl -sf -H "Cookie: dropit_session=$cookie" "$base/catalogue")
grep -q "500 exercice(s) trouvé(s) sur 500" <<<"$page" || { echo "the catalogue page does not find the 500 exercises" >&2; exit 1; }
printf 'page: %d bytes of HTML\n' "${#page}"

say "oha: $CONNECTIONS connections for $DURATION on /catalogue"
oha --no-tui -c "$CONNECTIONS" -z "$DURATION" -H "Cookie: dropit_session=$cookie" -H "Accept-Encoding: br" "$base/catalogue"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
printf 'machine: %s cores, %s\n' "$(nproc)" "$(uname -sr)"
