#!/usr/bin/env bash
# DropIt's fault-injection test: writes on a full disk (server/tests/durability.rs).
#
# Mounts a small tmpfs in a private mount namespace (nothing outside this script sees it), puts
# the test's SQLite database there, and lets the test fill it. Needs root or unprivileged user
# namespaces; the test binary is the one `cargo test` built.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--inside" ]; then
  if [ "$(id -u)" = 0 ]; then
    exec unshare --mount --propagation private "$0" --inside
  else
    exec unshare --map-root-user --mount --propagation private "$0" --inside
  fi
fi

dir="$(mktemp -d -t dropit-full-disk.XXXXXX)"
mount -t tmpfs -o size=64m dropit-full-disk "$dir"
trap 'umount "$dir" 2>/dev/null || true; rmdir "$dir" 2>/dev/null || true' EXIT
DROPIT_FAULT_DIR="$dir" cargo test -p server --test durability -- --nocapture
