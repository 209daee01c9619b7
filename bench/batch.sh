#!/usr/bin/env bash
# Times `verbale batch` on N synthetic delegation files (the 8-member benchmark note, each with
# its own meeting id and reference) and prints wall time, per-note time and peak memory.
#
#   bench/batch.sh [N ...]        default: 10 100 1000
#   JOBS="1 2" bench/batch.sh 1000    one worker thread, then two (default: one per core)
#   RUNS=5 bench/batch.sh 1000    five runs per size; the table shows the median run
#   BENCH_DIR=/dev/shm bench/batch.sh 1000   inputs and outputs in memory, leaving out the disk
#   VARIED=1 bench/batch.sh 1000  every file with its own mission, recipient and member names
#   BIN=/tmp/verbale-old bench/batch.sh 1000   times that binary instead of building this tree's,
#                                 to compare two builds side by side in one session
#
# Every run writes into a folder of its own and nothing is deleted until the end: on some file
# systems (ext4 without a journal) creating files just after deleting thousands of others costs
# several times more kernel time, which would be measuring the benchmark, not verbale.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin="$BIN"
else
  cargo build --release --quiet
  bin="$PWD/target/release/verbale"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/verbale-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp examples/examplestan-emblem.png "$work/"
sizes=("${@:-10 100 1000}")
runs="${RUNS:-3}"

for n in ${sizes[@]}; do
  input="$work/in-$n"
  mkdir -p "$input"
  for i in $(seq -w 1 "$n"); do
    varied=()
    [ -n "${VARIED:-}" ] && varied=(-e "s/Examplestan/Examplestan-$i/g" -e "s/^name = \"\(.*\)\"$/name = \"\1 $i\"/")
    sed "${varied[@]}" -e "s/id = \"ccm-7msp\"/id = \"ccm-7msp-$i\"/" \
        -e "s|reference = \"GVA/2017/0815\"|reference = \"GVA/2017/$i\"|" \
        -e "s|emblem = \"../examples/examplestan-emblem.png\"|emblem = \"../examplestan-emblem.png\"|" \
        bench/delegation-8.toml > "$input/delegation-$i.toml"
  done
done
sync

printf '%8s %6s %10s %12s %8s %8s %12s\n' notes jobs wall_s ms_per_note user_s sys_s peak_rss_MB
for jobs in ${JOBS:-all}; do
for n in ${sizes[@]}; do
  jobs_flag=()
  [ "$jobs" != all ] && jobs_flag=(--jobs "$jobs")
  rows="$work/rows-$n-$jobs"
  : > "$rows"
  for run in $(seq 1 "$runs"); do
    out="$work/out-$n-$jobs-$run"
    /usr/bin/time -v -o "$work/time.txt" "$bin" batch "$work/in-$n" -o "$out" --quiet "${jobs_flag[@]}"
    written=$(find "$out" -name '*.pdf' | wc -l)
    [ "$written" -eq "$n" ] || { echo "expected $n PDFs, found $written" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
    echo "$wall $rss $user $sys" >> "$rows"
  done
  sort -n "$rows" | awk -v n="$n" -v j="$jobs" -v runs="$runs" \
    'NR == int((runs + 1) / 2) { printf "%8d %6s %10.3f %12.3f %8.2f %8.2f %12.1f\n", n, j, $1, $1 * 1000 / n, $3, $4, $2 / 1024 }'
done
done
