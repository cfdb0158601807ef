# shellcheck shell=bash
# Environment shared by Omen's scripts. Source it; it changes nothing on disk.

OMEN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export OMEN_ROOT

# Tools installed by `cargo install` live here.
case ":$PATH:" in
  *":$HOME/.cargo/bin:"*) ;;
  *) export PATH="$HOME/.cargo/bin:$PATH" ;;
esac

# wasm-opt from npm's binaryen (Debian's is too old for current Rust output) comes first.
export PATH="$OMEN_ROOT/tests/e2e/node_modules/.bin:$PATH"

# Trunk's update check cannot reach its server from here.
export TRUNK_SKIP_VERSION_CHECK=true

# The versions the scripts install and check.
export OMEN_TRUNK_VERSION="0.21.14"
export OMEN_WASM_OPT_VERSION="132"

# Browser tests use Debian's Chromium and its driver.
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium

# The wasm-bindgen version in Cargo.lock; Trunk and the test runner must match it exactly.
omen_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print; exit }' \
    "$OMEN_ROOT/Cargo.lock"
}

# Colours only on a terminal.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  OMEN_BOLD=$'\033[1m' OMEN_RED=$'\033[31m' OMEN_GREEN=$'\033[32m' OMEN_RESET=$'\033[0m'
else
  OMEN_BOLD='' OMEN_RED='' OMEN_GREEN='' OMEN_RESET=''
fi

omen_header() {
  printf '\n%s==> %s%s\n' "$OMEN_BOLD" "$*" "$OMEN_RESET"
}

omen_die() {
  printf '%serror:%s %s\n' "$OMEN_RED" "$OMEN_RESET" "$*" >&2
  exit 1
}
