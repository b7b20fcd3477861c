# Starts DropIt's release build with the demo club on a throw-away SQLite database, for the
# scripts that measure pages in a browser (scripts/page-weight.sh, bench/lighthouse.sh).
# Sourced from the repository's root. `start_demo_server` sets DEMO_URL and DEMO_WORK (a
# temporary directory, removed with the server's data when the script exits).
#
#   DROPIT_BIN        the server binary (default target/release/dropit)
#   LEPTOS_SITE_ROOT  the built site (default target/site)
#   PORT              the port on 127.0.0.1 (default: a free one)

start_demo_server() {
  local bin=${DROPIT_BIN:-target/release/dropit}
  local site=${LEPTOS_SITE_ROOT:-target/site}
  if [ ! -x "$bin" ] || [ ! -d "$site/pkg" ]; then
    echo "no release build ($bin, $site/pkg): run the release build (build_site in scripts/tools.sh)" >&2
    exit 1
  fi
  local port=${PORT:-$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')}
  DEMO_WORK=$(mktemp -d)
  DEMO_URL="http://127.0.0.1:$port"
  trap stop_demo_server EXIT
  (
    export DATABASE_URL="sqlite://$DEMO_WORK/dropit.db" DROPIT_MEDIA_DIR="$DEMO_WORK/media"
    export DROPIT_LISTEN="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" DROPIT_LOG=warn DROPIT_DEMO=true
    "$bin" migrate >"$DEMO_WORK/server.log" 2>&1 && exec "$bin" serve >>"$DEMO_WORK/server.log" 2>&1
  ) &
  DEMO_PID=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "$DEMO_URL/readyz" && return 0
    kill -0 "$DEMO_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "DropIt did not start on $DEMO_URL; its log:" >&2
  cat "$DEMO_WORK/server.log" >&2
  exit 1
}

stop_demo_server() {
  if [ -n "${DEMO_PID:-}" ]; then
    kill "$DEMO_PID" 2>/dev/null || true
    wait "$DEMO_PID" 2>/dev/null || true
  fi
  [ -z "${DEMO_WORK:-}" ] || rm -rf "$DEMO_WORK"
}
