#!/usr/bin/env bash
# Times one note per language, whole process (start-up, PDF + DOCX, writing), alternating the
# languages run by run so that the machine's drift touches each alike; prints each median and
# its ratio to English. The notes are the 7MSP example in each language (six members; the
# Chinese one needs fonts-noto-cjk). Then the peak memory of a batch of Chinese notes.
#
#   bench/languages.sh                 100 runs per language, a batch of 1,000 Chinese notes
#   RUNS=300 NOTES=200 bench/languages.sh
#   BIN=/tmp/verbale-old bench/languages.sh   times that binary instead of building this tree's
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${BIN:-}" ]; then
  bin="$BIN"
else
  cargo build --release --quiet
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/verbale"
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/verbale-languages.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 - "$bin" "$work" "${RUNS:-100}" <<'PY'
import statistics, subprocess, sys, time
binary, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
examples = {"en": "examples/7msp.toml", "ru": "examples/7msp-ru.toml",
            "zh": "examples/7msp-zh.toml", "ar": "examples/7msp-ar.toml"}
times = {language: [] for language in examples}
for run in range(runs):
    for language, example in examples.items():
        start = time.perf_counter()
        subprocess.run([binary, "generate", example, "-o", f"{work}/{language}", "--force"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[language].append(time.perf_counter() - start)
english = statistics.median(times["en"])
for language, measured in times.items():
    median = statistics.median(measured)
    print(f"{language}: median {median * 1000:.2f} ms over {runs} runs, {median / english:.2f}x English")
PY
notes="${NOTES:-1000}"
mkdir -p "$work/zh-batch"
for i in $(seq -w 1 "$notes"); do
  sed -e "s/id = \"ccm-7msp\"/id = \"ccm-7msp-$i\"/" -e "s|reference = \"GVA/2017/0815\"|reference = \"GVA/2017/$i\"|" \
      -e "s|emblem = \"examplestan-emblem.png\"|emblem = \"../../examples/examplestan-emblem.png\"|" \
      examples/7msp-zh.toml > "$work/zh-batch/zh-$i.toml"
done
sed -i "s|\.\./\.\./examples/|$PWD/examples/|" "$work"/zh-batch/*.toml
/usr/bin/time -f "batch of $notes Chinese notes: %e s, peak memory %M KB" \
  "$bin" batch "$work/zh-batch" -o "$work/zh-out" >/dev/null
