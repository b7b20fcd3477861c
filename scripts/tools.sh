# Installs what DropIt's build and tests need, each tool only when it is missing.
# Sourced by scripts/run.sh, scripts/test.sh, the benches and the Dockerfile. Everything comes from crates.io, npm or Debian.

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen crate pinned in Cargo.toml

# The browser's WASM is built with a pinned nightly toolchain, for size only: the standard
# library rebuilt with `optimize_for_size`, panics that abort at once (no panic messages or
# formatting), no panic locations and no `Debug` texts. Every page loads about 44 KB less code
# (README, "What each page loads"). The server, clippy and the tests use the stable toolchain.
WASM_TOOLCHAIN=nightly-2026-05-20
# These flags replace `build.rustflags` of .cargo/config.toml for the WASM (a target's flags win
# over the build's), so they repeat its `--cfg erase_components`.
WASM_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

ensure_build_tools() {
  # Each list is read whole before it is searched: `grep -q` stopping early could break rustup's
  # pipe, which `pipefail` would take for a missing tool.
  local targets components
  targets=$(rustup target list --installed)
  components=$(rustup component list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null || true)
  if ! grep -qx wasm32-unknown-unknown <<<"$targets"; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! grep -q '^rust-src' <<<"$components"; then
    say "installing the $WASM_TOOLCHAIN toolchain for the WASM build (with the standard library's sources)"
    rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src
  fi
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: one locked dependency version is missing from the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing the Tailwind CLI and wasm-opt from npm"
    # `npm install`, not `npm ci`: the lock file cannot list the Tailwind binaries of platforms
    # this registry does not serve, and `npm ci` refuses such a lock file on a fresh machine.
    npm install --no-audit --no-fund
  fi
}

ensure_test_tools() {
  if ! command -v chromium >/dev/null 2>&1; then
    say "installing Chromium from Debian"
    if [ "$(id -u)" = 0 ]; then
      apt-get update && apt-get install -y --no-install-recommends chromium
    else
      sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
    fi
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing Playwright (the library only: the browser is Debian's Chromium)"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
}

# The release build: the browser's WASM, split into its groups, with the pinned nightly
# (WASM_TOOLCHAIN), then the server with the stable toolchain. Two runs of cargo-leptos because
# the toolchain is chosen per run; the first also writes the site, its hashes and the compressed
# files, which the second leaves alone.
# A caller's RUSTFLAGS would win over the WASM's flags and drop them silently: unset for this run.
# It stops at the first failure, also where the caller did not `set -e`.
build_site() {
  say "building the browser's WASM ($WASM_TOOLCHAIN) and the site"
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS \
    RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS" \
    cargo leptos build --release --precompress --split --frontend-only \
    --lib-cargo-args=-Zbuild-std=std,panic_abort --lib-cargo-args=-Zbuild-std-features=optimize_for_size ||
    return
  say "building the server"
  cargo leptos build --release --server-only
}
