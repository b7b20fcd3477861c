#!/usr/bin/env bash
# Runs DropIt: installs what is missing, builds, migrates data/dropit.db, seeds the demo club on
# first start, and serves on http://127.0.0.1:3000 (see README.md for the settings).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh

ensure_build_tools
say "building DropIt (release)"
cargo leptos build --release --precompress --split
export DROPIT_DEMO="${DROPIT_DEMO:-true}"
exec target/release/dropit serve "$@"
