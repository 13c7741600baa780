#!/usr/bin/env bash
# The web page's browser test: builds the page (web/build.sh) and the CLI, then drives the
# page in headless Chromium and compares it with the CLI (web/test_page.py). Needs
# chromium, chromedriver, Python selenium and cryptography; fails when one is missing
# (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash web/build.sh
cargo build --quiet --bin byoip
python3 web/test_page.py web/dist target/debug/byoip
