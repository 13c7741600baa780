#!/usr/bin/env bash
# Builds the web page into web/dist/: index.html, style.css, app.js, the wasm module and
# wasm-bindgen's JS glue. Installs wasm-bindgen-cli at the version of the wasm-bindgen
# crate in Cargo.lock when it is missing or another version, and the wasm32 target.
# Serve the result with any static host, e.g. `python3 -m http.server -d web/dist`.
set -euo pipefail
cd "$(dirname "$0")"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The CLI must match the crate exactly: its glue and the module's imports are one ABI.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})" >&2
  # Not --locked: the lock file published with wasm-bindgen-cli 0.2.130 pins webpki-roots
  # 1.0.11, which the registry does not offer (checked November 2026).
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

cargo build --locked --release --target wasm32-unknown-unknown
rm -rf dist
mkdir -p dist
wasm-bindgen --target web --no-typescript --out-dir dist \
  target/wasm32-unknown-unknown/release/byoip_web.wasm
cp index.html style.css app.js favicon.svg dist/

raw=$(wc -c < dist/byoip_web_bg.wasm)
gz=$(gzip -9 -c dist/byoip_web_bg.wasm | wc -c)
echo "web/dist: byoip_web_bg.wasm $raw bytes, $gz gzipped" >&2
