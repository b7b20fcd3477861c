#!/usr/bin/env bash
# Runs DropIt: installs what is missing, builds, creates data/dropit.db on the first start,
# seeds the demo club, and serves on http://127.0.0.1:3000 (see README.md for the settings).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh

ensure_build_tools
build_site
export DROPIT_DEMO="${DROPIT_DEMO:-true}"
# DropIt never creates its database while serving (a lost file must not come back empty):
# the first start creates it here, explicitly.
if [ -z "${DATABASE_URL:-}" ] && [ ! -e data/dropit.db ]; then
  say "first start: creating data/dropit.db"
  target/release/dropit migrate
fi
exec target/release/dropit serve "$@"
