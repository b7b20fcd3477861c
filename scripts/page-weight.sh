#!/usr/bin/env bash
# What a browser loads for every DropIt page, measured in Chromium (end2end/page-weight.mjs):
# code on the wire (WASM + JS + CSS), code requests and the time until the page is hydrated,
# as the demo coach and the demo athlete (and anonymously, and as the owner, where it applies).
#
#   scripts/page-weight.sh            # prints the table
#   scripts/page-weight.sh --check    # and fails when a page is over its budget
#
# Run after the release build (`build_site` in scripts/tools.sh): starts the release server
# with the demo club on a throw-away SQLite database, measures, stops it. Other arguments go to the
# measuring script (--json FILE, --runs N, --max-kb, --max-requests); `DROPIT_BIN`,
# `LEPTOS_SITE_ROOT` and `PORT` choose another build or port.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
. scripts/demo-server.sh
ensure_test_tools

start_demo_server
say "page weight: every page in Chromium, cold cache, on $DEMO_URL"
node end2end/page-weight.mjs --base "$DEMO_URL" "$@"
