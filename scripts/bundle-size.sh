#!/usr/bin/env bash
# Measures the first load of the release build: JS + WASM + CSS as the server sends them
# (brotli). Run after the release build
# (`build_site` in scripts/tools.sh).
#
# The first load is the main module (`dropit.*`); lazy islands are split into chunks that a page
# loads only when it shows them, listed apart. BUDGET_KB is the first-load budget of the shell
# (README, Performance); with --check the script fails above it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=250
pkg=target/site/pkg
total=0
for ext in js wasm css; do
  file=$(find "$pkg" -maxdepth 1 -name "dropit.*.$ext" | head -1)
  [ -n "$file" ] || { echo "no dropit.*.$ext in $pkg: run the release build (build_site in scripts/tools.sh)" >&2; exit 1; }
  [ -f "$file.br" ] || { echo "$file.br missing: build with --precompress" >&2; exit 1; }
  raw=$(stat -c %s "$file"); br=$(stat -c %s "$file.br")
  printf '%-5s %9d bytes raw %9d bytes brotli\n' "$ext" "$raw" "$br"
  total=$((total + br))
done
printf 'first load (brotli): %d KB — budget %d KB\n' $((total / 1000)) "$BUDGET_KB"
lazy=0
for chunk in $(find "$pkg" -maxdepth 1 \( -name 'split_*.wasm' -o -name 'chunk_*.wasm' -o -name '__wasm_split.*.js' \)); do
  lazy=$((lazy + $(stat -c %s "$chunk.br")))
done
printf 'lazy islands, loaded on the pages that show them (brotli): %d KB\n' $((lazy / 1000))
if [ "${1:-}" = "--check" ] && [ "$total" -gt $((BUDGET_KB * 1000)) ]; then
  echo "the first load is over its budget" >&2
  exit 1
fi
