#!/bin/sh
# Installs the build tools the site needs, skipping whatever is already there
# at the right version, so second runs cost a few version checks.
#
#   sh scripts/ensure-tools.sh build    # wasm32 target, wasm-bindgen-cli, wasm-split-cli
#   sh scripts/ensure-tools.sh browser  # Debian's chromium, for the browser tests
#
# Everything comes from package registries (rustup's component server,
# crates.io, Debian); npm tools are installed by the Makefile (npm ci).
set -eu

say() { printf 'tools: %s\n' "$*"; }

# The wasm-bindgen-cli version must equal the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { found = 1; next }
       found && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    return
  fi
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_wasm_bindgen() {
  version="$(wasm_bindgen_version)"
  if [ -z "$version" ]; then
    say "Cargo.lock names no wasm-bindgen version"
    exit 1
  fi
  if command -v wasm-bindgen >/dev/null 2>&1 && [ "$(wasm-bindgen --version)" = "wasm-bindgen $version" ]; then
    return
  fi
  say "installing wasm-bindgen-cli $version (takes a few minutes, once)"
  # Not --locked: the CLI's own lock file does not build with this toolchain.
  cargo install wasm-bindgen-cli --version "$version"
}

# wasm-split-cli splits the simulator bundle (scripts/build-bundles.mjs). Its
# version is pinned here; the split points' runtime (wasm_split_helpers, via
# leptos) must speak the same format, so change them together.
WASM_SPLIT_VERSION=0.2.4
ensure_wasm_split() {
  if command -v wasm-split-cli >/dev/null 2>&1 &&
    cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    return
  fi
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (takes a minute, once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return
  fi
  say "installing Debian's chromium"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y chromium
}

case "${1:-}" in
  build)
    ensure_wasm_target
    ensure_wasm_bindgen
    ensure_wasm_split
    ;;
  browser)
    ensure_chromium
    ;;
  *)
    echo "usage: sh scripts/ensure-tools.sh build|browser" >&2
    exit 2
    ;;
esac
