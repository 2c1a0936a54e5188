# Sourced by scripts/serve, scripts/test and scripts/bench. Installs what is missing and skips
# what is already there at the pinned version. Nothing here downloads a binary from anywhere
# but the package registries (crates.io, npm, Debian); Trunk runs offline.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Trunk 0.21.14 is the newest release whose declared rust-version (1.81) the machine's
# toolchain meets; 0.22.x asks for rustc 1.96.
TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="version_132" # npm binaryen@132.0.0, pinned in package-lock.json
# The wasm splitter behind #[lazy] (scripts/post-build.mjs), the one cargo-leptos uses.
WASM_SPLIT_CLI_VERSION="0.2.4"

export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: '$*' needs root; run it once as root, then try again" >&2
    return 1
  fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    return
  fi
  say "installing Trunk $TRUNK_VERSION from crates.io (about 10 minutes on 2 cores, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
}

# The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' \
    "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local version
  version="$(wasm_bindgen_version)"
  if [ -z "$version" ]; then
    echo "error: no wasm-bindgen in Cargo.lock" >&2
    return 1
  fi
  if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $version" &&
    wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $version\$"; then
    return
  fi
  say "installing wasm-bindgen-cli $version (the version in Cargo.lock; about 3 minutes, once)"
  # Not --locked: one of its locked dependency versions is missing from the registry.
  cargo install wasm-bindgen-cli --version "$version" --force
}

# wasm-split-cli from crates.io (wasm_split_cli_support with its build-binary feature), into
# cargo's bin folder beside Trunk and wasm-bindgen, so every checkout on the machine shares it
# (about 3 minutes, once). It prints no version, so cargo's list of installs says which it is.
ensure_wasm_split_cli() {
  if cargo install --list 2>/dev/null |
    grep -qx "wasm_split_cli_support v$WASM_SPLIT_CLI_VERSION:" &&
    [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/wasm-split-cli" ]; then
    return
  fi
  say "installing wasm-split-cli $WASM_SPLIT_CLI_VERSION from crates.io (about 3 minutes, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_CLI_VERSION" \
    --features build-binary --locked --force
}

ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return
  fi
  apt_install nodejs npm
}

# npm packages of package-lock.json: wasm-opt (binaryen) and the test driver (playwright-core).
ensure_node_tools() {
  ensure_node
  local stamp="$ROOT/node_modules/.headroom-lock"
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm packages from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "($WASM_OPT_VERSION)"; then
    echo "error: wasm-opt on PATH is not $WASM_OPT_VERSION: $(command -v wasm-opt)" >&2
    return 1
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return
  fi
  apt_install chromium chromium-driver
}

# promtool, for the tests of the generated Prometheus rules: Debian's `prometheus` package
# (bookworm: 2.42). Installing it would normally start the Prometheus server; a policy-rc.d that
# refuses service starts is put in place for the install when the machine has none (containers
# usually do), so the package's postinst neither starts a daemon nor fails.
ensure_promtool() {
  if [ -x /usr/bin/promtool ]; then
    return
  fi
  local policy=/usr/sbin/policy-rc.d added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Added by Headroom scripts/tools.sh while installing promtool.\nexit 101\n' |
      as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi
  say "installing Debian's prometheus package for promtool (no service is started)"
  as_root apt-get update -qq
  local status=0
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends prometheus >/dev/null || status=$?
  if [ -n "$added_policy" ]; then
    as_root rm -f "$policy"
  fi
  if [ "$status" != 0 ] || [ ! -x /usr/bin/promtool ]; then
    echo "error: promtool could not be installed (apt-get exited with $status)" >&2
    return 1
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_node_tools
  ensure_wasm_bindgen
  ensure_wasm_split_cli
  ensure_trunk
}

# Builds the release page into dist/ (or $1). PUBLIC_URL overrides Trunk.toml's "./".
# Source paths of dependencies are shortened in the wasm (they appear in panic locations).
# `erase_components` is Leptos's own switch (a cfg, not a feature) that makes every component
# return a type-erased view: the same page, with one generic view type instead of one per
# component, which makes the first-load wasm about 14 KB gzip (6%) smaller. Only the release page
# is built with it; the e2e tests drive that page.
build_release() {
  local dist="${1:-dist}"
  local registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
  local flags="--remap-path-prefix=$registry=crates --remap-path-prefix=$ROOT=headroom"
  say "building the release page into $dist/"
  (cd "$ROOT" && cargo fetch --quiet &&
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags --cfg erase_components" \
      trunk build --release --dist "$dist" ${PUBLIC_URL:+--public-url "$PUBLIC_URL"})
}
