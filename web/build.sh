#!/usr/bin/env bash
# Builds the web page into web/dist/: index.html, style.css, app.js, the wasm module and
# wasm-bindgen's JS glue, the module shrunk by wasm-opt. Built with the workspace's `wasm`
# profile (the root Cargo.toml; the command's release profile stays as it is). Installs
# wasm-bindgen-cli at the version of the wasm-bindgen crate in the workspace's Cargo.lock
# (at the root: web/ is a member) when it is missing or another version,
# and the wasm32 target; fails when wasm-opt (binaryen) is missing. Honours
# CARGO_TARGET_DIR. Serve the result with any static host, e.g.
# `python3 -m http.server -d web/dist`.
set -euo pipefail
cd "$(dirname "$0")"

# wasm-opt takes about a sixth off the module (docs/web.md has the numbers): a page built
# without it would be silently bigger, so its absence is an error, found before building.
if ! command -v wasm-opt >/dev/null 2>&1; then
  echo "error: wasm-opt not found; hint: install binaryen (apt-get install binaryen; .ci/run installs it)" >&2
  exit 1
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The CLI must match the crate exactly: its glue and the module's imports are one ABI.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' ../Cargo.lock)
if [ -z "$want" ]; then
  echo "error: no wasm-bindgen in ../Cargo.lock; hint: run cargo generate-lockfile at the workspace root" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})" >&2
  # Not --locked: the lock file published with wasm-bindgen-cli 0.2.130 pins webpki-roots
  # 1.0.11, which the registry does not offer (checked November 2026).
  # --debug: it rewrites one module of under a megabyte, in seconds either way, and its
  # optimised build cost CI minutes.
  cargo install --quiet --debug wasm-bindgen-cli --version "$want"
fi

# Where the module lands depends on CARGO_TARGET_DIR, --target-dir in a config file and
# more: cargo says where it wrote it (the compiler-artifact message's filenames).
wasm=$(cargo build --locked --profile wasm --package byoip-web --target wasm32-unknown-unknown --message-format=json-render-diagnostics \
  | sed -n 's/.*"reason":"compiler-artifact".*"filenames":\[[^]]*"\([^"]*byoip_web\.wasm\)".*/\1/p' | tail -n 1)
if [ -z "$wasm" ] || [ ! -f "$wasm" ]; then
  echo "error: cargo built no byoip_web.wasm that it reported; hint: run cargo build --profile wasm -p byoip-web --target wasm32-unknown-unknown --message-format=json and look for the compiler-artifact" >&2
  exit 1
fi
echo "web: built $wasm" >&2
rm -rf dist
mkdir -p dist
# -Oz: smallest. On cargo's module, before wasm-bindgen: binaryen 108 (Debian's) rewrites
# the module wasm-bindgen writes with its table of JavaScript values exported as the
# function table, which the browser then refuses to load. The --enable flags name the
# WebAssembly features rustc's wasm32 target emits (its target_features section), for a
# binaryen that reads no such section.
opt=$(mktemp -d)
trap 'rm -rf "$opt"' EXIT
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  -o "$opt/byoip_web.wasm" "$wasm"
wasm-bindgen --target web --no-typescript --out-dir dist "$opt/byoip_web.wasm"
cp index.html style.css app.js favicon.svg dist/

raw=$(wc -c < dist/byoip_web_bg.wasm)
gz=$(gzip -9 -c dist/byoip_web_bg.wasm | wc -c)
echo "web/dist: byoip_web_bg.wasm $raw bytes, $gz gzipped" >&2
