#!/usr/bin/env bash
# Times `verbale serve` in a real browser, from a key press to the updated page, over 120 edits
# of the 8-member benchmark note (median and 95th percentile, and each share of the time), then
# its resident memory with a 40-member file while it renders 600 times. See bench/serve.py.
#
#   bench/serve.sh                      Chromium (chromium, chromedriver)
#   BROWSER=firefox bench/serve.sh      Firefox ESR (firefox-esr, geckodriver)
#   EDITS=300 RENDERS=3000 bench/serve.sh
#   BIN=/tmp/verbale-old bench/serve.sh times that binary instead of building this tree's
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin="$BIN"
else
  cargo build --release --quiet
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/verbale"
fi
exec python3 bench/serve.py "$bin" --browser "${BROWSER:-chromium}" \
  --edits "${EDITS:-120}" --renders "${RENDERS:-600}"
