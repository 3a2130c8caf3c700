#!/usr/bin/env bash
# Benchmark: the page (build/wasm/web, in headless Chromium) beside the native risk-check, scoring
# examples/cohort.csv and a 100,000-learner export (gen-cohort --count 100000 --seed 7). For the
# page: the whole time from choosing the file to the table shown (scoring to JSON, the headings,
# the summary, the table), and the time of its scoring run alone (risk-check FILE --format json
# inside the page); for the native tool, the same scoring run (risk-check FILE --format json -o).
# Both pinned to one core (taskset -c 0; Chromium's processes inherit it), best of 3. Prints the
# ratios (goal: the page's scoring within 3x of native) and the page's size (goal: under 5 MB).
# Not part of the test suite: timings depend on the machine.
#
# Usage: tests/bench/browser.sh [WASM_BUILD] [NATIVE_BUILD]   (default build/wasm, build/release)
# Needs: scripts/setup --wasm (chromium, puppeteer-core), both builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
wasm=${1:-build/wasm}
native=${2:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$native/bin/gen-cohort" --count 100000 --seed 7 >"$work/cohort-100k.csv"

echo "the page: $(du -cb "$wasm"/web/*.html "$wasm"/web/*.css "$wasm"/web/*.js "$wasm"/web/lang/*.js | tail -1 | awk '{ printf "%.2f MB", $1 / 1e6 }') to open (every file of $wasm/web)"
echo "every command pinned to one core (taskset -c 0); best of 3"
printf '%-22s %12s %14s %14s %10s %10s\n' file native_s page_score_s page_total_s score_x total_x
for file in examples/cohort.csv "$work/cohort-100k.csv"; do
  best_native="" best_score="" best_total=""
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    taskset -c 0 "$native/bin/risk-check" "$file" --format json -o "$work/out.json"
    end=$(date +%s.%N)
    n=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    json=$(taskset -c 0 node tests/bench/browser.js "$wasm" "$file")
    if [ -n "$(jq -r .failed <<<"$json")" ]; then echo "the page failed: $(jq -r .failed <<<"$json")" >&2; exit 1; fi
    total=$(jq '.total / 1000' <<<"$json")
    score=$(jq '[.runs[] | select(.[0] | test("--format json --lang")) | .[1]][0] / 1000' <<<"$json")
    best_native=$(awk -v a="$n" -v b="$best_native" 'BEGIN { print (b == "" || a < b) ? a : b }')
    best_score=$(awk -v a="$score" -v b="$best_score" 'BEGIN { print (b == "" || a < b) ? a : b }')
    best_total=$(awk -v a="$total" -v b="$best_total" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  awk -v f="$(basename "$file")" -v n="$best_native" -v s="$best_score" -v t="$best_total" 'BEGIN {
    printf "%-22s %12.3f %14.3f %14.3f %9.1fx %9.1fx\n", f, n, s, t, s / n, t / n }'
done
