#!/usr/bin/env bash
# Benchmark: risk-check --since (this term against last term) beside plain scoring of the same
# cohort. Both terms are generated cohorts of LEARNERS; last term's ids start 5% earlier, so 5% of
# learners have left and 5% are new. Prints wall time and peak resident memory (/usr/bin/time -v)
# of each, and what --since adds. Not part of the test suite: timings depend on the machine.
#
# Usage: tests/bench/since.sh [LEARNERS] [BUILD_DIR]   (default 1000000, build/release)
# Needs: scripts/setup (time), a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
learners=${1:-1000000}
bin=${2:-build/release}/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shift_ids=$((learners / 20))
"$bin/gen-cohort" --count "$learners" --seed 7 --start-id $((shift_ids + 1)) >"$work/now.csv"
"$bin/gen-cohort" --count "$learners" --seed 8 >"$work/before.csv"
echo "input: $learners learners a term ($(awk -v b="$(stat -c %s "$work/now.csv")" 'BEGIN { printf "%.1f", b / 1e6 }') MB);" \
     "every command pinned to one core (taskset -c 0)"
echo

source tests/bench/measure.sh

read -r plain_s plain_kb < <(measure "$bin/risk-check" "$work/now.csv")
read -r since_s since_kb < <(measure "$bin/risk-check" "$work/now.csv" --since "$work/before.csv")
read -r summary_s summary_kb < <(measure "$bin/risk-check" "$work/now.csv" --since "$work/before.csv" --summary --by gender,fsm)
report "risk-check (plain scoring, CSV out)" "$plain_s" "$plain_kb"
report "risk-check --since (both terms scored)" "$since_s" "$since_kb"
report "risk-check --since --summary --by gender,fsm" "$summary_s" "$summary_kb"
echo
awk -v a="$plain_s" -v b="$since_s" -v ka="$plain_kb" -v kb="$since_kb" -v n="$learners" 'BEGIN {
  printf "--since takes %.2fx the time of plain scoring (it scores two files) and %.1f MB more peak memory (%.0f bytes a learner)\n",
         b / a, (kb - ka) / 1024, (kb - ka) * 1024 / n }'
