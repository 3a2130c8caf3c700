#!/usr/bin/env bash
# Benchmark: risk-check --impact (two terms and a support log) beside plain scoring of one term and
# beside --since. gen-support writes two terms of LEARNERS (a few percent leave) and the support
# given on need; the log is padded with declined rows for random learners (read, checked and held
# like any row, counted as no support) to ROWS rows. Prints wall time and peak resident memory
# (/usr/bin/time -v) of each, the ratio to plain scoring (the aim: within 3x) and the memory above
# --since per learner (the aim: at most 64 bytes). Not part of the test suite: timings depend on
# the machine.
#
# Usage: tests/bench/impact.sh [LEARNERS] [ROWS] [BUILD_DIR]   (default 1000000 1000000 build/release)
# Needs: scripts/setup (time), a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
learners=${1:-1000000}
rows=${2:-$learners}
bin=${3:-build/release}/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/gen-support" --dir "$work" --count "$learners" --seed 11
given=$(($(wc -l <"$work/support.csv") - 1))
awk -v n=$((rows - given)) -v learners="$learners" 'BEGIN {
  srand(11); for (i = 0; i < n; i++) printf "S%07d,A%02d,%02d/11/2026,,,,declined\n", 1 + int(rand() * learners), 1 + int(rand() * 13), 2 + int(rand() * 20) }' \
  >>"$work/support.csv"
echo "input: $learners learners a term, $rows support rows ($given given, the rest declined); every command pinned to one core (taskset -c 0)"
echo

source tests/bench/measure.sh

read -r plain_s plain_kb < <(measure "$bin/risk-check" "$work/spring.csv")
read -r since_s since_kb < <(measure "$bin/risk-check" "$work/spring.csv" --since "$work/autumn.csv")
read -r impact_s impact_kb < <(measure "$bin/risk-check" "$work/spring.csv" --since "$work/autumn.csv" --support "$work/support.csv" \
                                 --since-date 2026-10-23 --as-of 2027-03-26 --impact --by gender,fsm)
report "risk-check (plain scoring of one term, CSV out)" "$plain_s" "$plain_kb"
report "risk-check --since (both terms scored)" "$since_s" "$since_kb"
report "risk-check --impact --by gender,fsm (+ support log)" "$impact_s" "$impact_kb"
echo
awk -v a="$plain_s" -v b="$impact_s" -v ks="$since_kb" -v ki="$impact_kb" -v n="$learners" 'BEGIN {
  printf "--impact takes %.2fx the time of plain scoring of one term (aim: at most 3x) and %.1f MB more peak memory than --since (%.0f bytes a learner; aim: at most 64)\n",
         b / a, (ki - ks) / 1024, (ki - ks) * 1024 / n }'
