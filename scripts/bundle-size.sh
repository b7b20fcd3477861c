#!/usr/bin/env bash
# Measures the first load of the release build (JS + WASM + CSS, as the server sends them:
# brotli). With --check, fails above the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=250
pkg=target/site/pkg
total=0
for ext in js wasm css; do
  file=$(ls "$pkg"/*."$ext" 2>/dev/null | grep -v '\.br$' | head -1 || true)
  [ -n "$file" ] || { echo "no .$ext in $pkg: run cargo leptos build --release --precompress" >&2; exit 1; }
  [ -f "$file.br" ] || { echo "$file.br missing: build with --precompress" >&2; exit 1; }
  raw=$(stat -c %s "$file"); br=$(stat -c %s "$file.br")
  printf '%-5s %8d bytes raw %8d bytes brotli\n' "$ext" "$raw" "$br"
  total=$((total + br))
done
printf 'first load (brotli): %d bytes = %d KB (budget %d KB)\n' "$total" $((total / 1000)) "$BUDGET_KB"
if [ "${1:-}" = "--check" ] && [ "$total" -gt $((BUDGET_KB * 1000)) ]; then
  echo "over the budget" >&2
  exit 1
fi
