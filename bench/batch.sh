#!/usr/bin/env bash
# Times `verbale batch` on N synthetic delegation files (the 8-member benchmark note, each with
# its own meeting id and reference) and prints wall time, per-note time and peak memory.
#
#   bench/batch.sh [N ...]        default: 10 100 1000
#   JOBS=1 bench/batch.sh 1000    one worker thread
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/verbale"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp examples/examplestan-emblem.png "$work/"
sizes=("${@:-10 100 1000}")
printf '%8s %6s %10s %12s %8s %8s %12s\n' notes jobs wall_s ms_per_note user_s sys_s peak_rss_MB
for n in ${sizes[@]}; do
  input="$work/in-$n"
  mkdir -p "$input"
  for i in $(seq -w 1 "$n"); do
    sed -e "s/id = \"ccm-7msp\"/id = \"ccm-7msp-$i\"/" \
        -e "s|reference = \"GVA/2017/0815\"|reference = \"GVA/2017/$i\"|" \
        -e "s|emblem = \"../examples/examplestan-emblem.png\"|emblem = \"../examplestan-emblem.png\"|" \
        bench/delegation-8.toml > "$input/delegation-$i.toml"
  done
  sync
  rm -rf "$work/out"
  jobs_flag=()
  [ -n "${JOBS:-}" ] && jobs_flag=(--jobs "$JOBS")
  /usr/bin/time -v -o "$work/time.txt" "$bin" batch "$input" -o "$work/out" --quiet "${jobs_flag[@]}"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
  written=$(find "$work/out" -name '*.pdf' | wc -l)
  [ "$written" -eq "$n" ] || { echo "expected $n PDFs, found $written" >&2; exit 1; }
  awk -v n="$n" -v j="${JOBS:-all}" -v w="$wall" -v r="$rss" -v u="$user" -v s="$sys" \
    'BEGIN { printf "%8d %6s %10.3f %12.3f %8.2f %8.2f %12.1f\n", n, j, w, w * 1000 / n, u, s, r / 1024 }'
done
