#!/usr/bin/env bash
# How long `verbale import` takes to read a sheet of 500 members (default; `bench/import.sh N`
# for another count), as CSV and as .xlsx and .ods made from it by LibreOffice. Needs a release
# build (`cargo build --release`; `VERBALE=path` for another binary) and `soffice`; prints the median of RUNS runs (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-500}"
runs="${RUNS:-5}"
bin="${VERBALE:-./target/release/verbale}"
dir="${BENCH_DIR:-target/bench-import}"
rm -rf "$dir" && mkdir -p "$dir"
{
  echo "Name,Title,Function,Role,E-mail"
  echo "Ana Müller-Łódź,H.E. Ms.,\"Ambassador, Permanent Representative\",Head of delegation,a.muller@example.org"
  for i in $(seq 2 "$rows"); do
    echo "Şükrü Çelik $i,Mr.,First Secretary,Conseiller,s.celik$i@example.org"
  done
} >"$dir/members.csv"
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$dir" "$dir/members.csv" >/dev/null 2>&1
soffice --headless --infilter="CSV:44,34,76,1" --convert-to ods --outdir "$dir" "$dir/members.csv" >/dev/null 2>&1
for sheet in members.csv members.xlsx members.ods; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" import "$dir/$sheet" -o "$dir/out.toml" --force 2>/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$sheet: $rows rows, median ${median} ms (whole process, $runs runs)"
done
