#!/usr/bin/env bash
# Fuzzes verbale for hours: the in-process fuzzer (`examples/fuzz.rs`) with a new seed every ten
# minutes. Failing inputs are saved in target/fuzz-failures/; each one found becomes a test.
#
#   bench/fuzz.sh [HOURS]        default: 1
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example fuzz
hours="${1:-1}"
end=$(( $(date +%s) + hours * 3600 ))
seed=$(date +%s)
status=0
while [ "$(date +%s)" -lt "$end" ]; do
  target/release/examples/fuzz --seconds 600 --seed "$seed" || status=1
  seed=$((seed + 1))
done
exit "$status"
