#!/usr/bin/env bash
# Runs every DropIt test: format and lint gates, domain and server tests, the store contract
# suite on SQLite and PostgreSQL, the full-disk fault injection, the release build with its
# bundle budget, and the browser journeys in Chromium. With CI=true the PostgreSQL cases must
# run (never skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh

ensure_build_tools
ensure_test_tools
export DROPIT_TEST_POSTGRES_URL="${DROPIT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

say "format"
cargo fmt --all -- --check

say "clippy (server side: ssr)"
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
say "clippy (browser side: hydrate, wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "unit, contract (SQLite + PostgreSQL) and server tests"
cargo test --workspace --exclude frontend

say "fault injection: every write on a full disk (SQLite on a small tmpfs)"
scripts/disk-full-test.sh

build_site
scripts/bundle-size.sh --check

# What a browser loads for every page (README, "What each page loads"): at most 250 KB of code
# on the wire and 20 code requests, for every page and role.
say "page weight (Chromium, every page and role)"
scripts/page-weight.sh --check

say "browser journeys (Playwright, Chromium)"
(cd end2end && npx playwright test)
