#!/usr/bin/env bash
# Measures the first load of the release build: JS + WASM + CSS as the server sends them
# (brotli). Run after `cargo leptos build --release --precompress`.
#
# BUDGET_KB is the first-load budget of the shell (README, Performance). With --check the script
# fails above it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=250
pkg=target/site/pkg
total=0
for ext in js wasm css; do
  file=$(find "$pkg" -maxdepth 1 -name "*.$ext" | head -1)
  [ -n "$file" ] || { echo "no .$ext in $pkg: run cargo leptos build --release --precompress" >&2; exit 1; }
  [ -f "$file.br" ] || { echo "$file.br missing: build with --precompress" >&2; exit 1; }
  raw=$(stat -c %s "$file"); br=$(stat -c %s "$file.br")
  printf '%-5s %9d bytes raw %9d bytes brotli\n' "$ext" "$raw" "$br"
  total=$((total + br))
done
printf 'first load (brotli): %d KB — budget %d KB\n' $((total / 1000)) "$BUDGET_KB"
if [ "${1:-}" = "--check" ] && [ "$total" -gt $((BUDGET_KB * 1000)) ]; then
  echo "the first load is over its budget" >&2
  exit 1
fi
