#!/usr/bin/env bash
# Benchmark: risk-check scoring a generated cohort, beside Miller computing the same attendance
# points in the same run. Prints input MB/s, learners per second and peak memory for each, and the
# ratio. Not part of the test suite: timings depend on the machine.
#
# Usage: tests/bench/risk-check.sh [LEARNERS] [BUILD_DIR] [BASELINE_BUILD_DIR]
#   (default 1000000, build/release; with a baseline, e.g. a build of an earlier commit, its
#   risk-check is timed in the same run and the ratio printed)
# Needs: scripts/setup (miller, time), a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
learners=${1:-1000000}
bin=${2:-build/release}/bin
baseline=${3:+$3/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/gen-cohort" --count "$learners" --seed 7 >"$work/cohort.csv"
bytes=$(stat -c %s "$work/cohort.csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $learners learners, $mb MB; every command pinned to one core (taskset -c 0)"
echo

# Runs a command three times; prints the best wall time (s) and its peak resident memory (KB).
measure() {
  local best="" best_kb=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" taskset -c 0 "$@" >/dev/null
    read -r seconds kb <"$work/time"
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds best_kb=$kb; fi
  done
  echo "$best $best_kb"
}

report() {  # name seconds kb
  awk -v name="$1" -v s="$2" -v kb="$3" -v bytes="$bytes" -v n="$learners" 'BEGIN {
    printf "%-44s %7.2f s %8.1f MB/s %10.0f learners/s %7.1f MB peak\n", name, s, bytes / 1e6 / s, n / s, kb / 1024 }'
}

# The same attendance points as the default rules: <= 90 -> 1, <= 85 -> 3, < 80 -> 4, <= 50 -> 5;
# attendance from attendance_pct, else from session counts (unrounded, as risk-check does);
# unknown -> 0.
mlr_points='
  var a = "";
  if (!is_empty($attendance_pct)) { a = $attendance_pct }
  elif (!is_empty($sessions_possible) && !is_empty($sessions_attended)) {
    a = 100 * $sessions_attended / $sessions_possible
  }
  if (is_empty(a)) { $attendance_points = 0 }
  elif (a <= 50) { $attendance_points = 5 }
  elif (a < 80) { $attendance_points = 4 }
  elif (a <= 85) { $attendance_points = 3 }
  elif (a <= 90) { $attendance_points = 1 }
  else { $attendance_points = 0 }'

read -r rc_s rc_kb < <(measure "$bin/risk-check" "$work/cohort.csv")
read -r rs_s rs_kb < <(measure "$bin/risk-check" --summary --by gender,fsm "$work/cohort.csv")
read -r ml_s ml_kb < <(measure mlr --icsv --ocsv put "$mlr_points" "$work/cohort.csv")

report "risk-check (all rules, CSV out)" "$rc_s" "$rc_kb"
report "risk-check --summary --by gender,fsm" "$rs_s" "$rs_kb"
report "mlr put (attendance points only)" "$ml_s" "$ml_kb"
echo
awk -v a="$ml_s" -v b="$rc_s" -v c="$rs_s" 'BEGIN {
  printf "risk-check is %.1fx Miller'"'"'s throughput (%.1fx with --summary)\n", a / b, a / c }'

# The same cohort as Excel saves it in other shapes: ';' with decimal commas, UTF-16 "Unicode
# text" (converted as it is read), Windows-1252 through --encoding.
mlr --icsv --ocsv --ofs semicolon put '$attendance_pct = ssub(string($attendance_pct), ".", ",")' "$work/cohort.csv" >"$work/semicolon.csv"
iconv -f UTF-8 -t UTF-16 "$work/cohort.csv" >"$work/unicode.txt"
iconv -c -f UTF-8 -t WINDOWS-1252 "$work/cohort.csv" >"$work/cp1252.csv"
read -r sc_s sc_kb < <(measure "$bin/risk-check" "$work/semicolon.csv")
read -r u16_s u16_kb < <(measure "$bin/risk-check" "$work/unicode.txt")
read -r w_s w_kb < <(measure "$bin/risk-check" --encoding windows-1252 "$work/cp1252.csv")
report "risk-check, ';' and decimal commas" "$sc_s" "$sc_kb"
report "risk-check, UTF-16 (MB/s of the UTF-8 size)" "$u16_s" "$u16_kb"
report "risk-check --encoding windows-1252" "$w_s" "$w_kb"
rm -f "$work/semicolon.csv" "$work/unicode.txt" "$work/cp1252.csv"

if [ -n "$baseline" ]; then
  # Alternating rounds, so a busy neighbour slows both alike.
  best_new="" best_old=""
  for _ in 1 2 3; do
    read -r s _ < <(measure "$baseline/risk-check" "$work/cohort.csv"); best_old=$(awk -v a="$s" -v b="${best_old:-$s}" 'BEGIN { print (a < b ? a : b) }')
    read -r s _ < <(measure "$bin/risk-check" "$work/cohort.csv"); best_new=$(awk -v a="$s" -v b="${best_new:-$s}" 'BEGIN { print (a < b ? a : b) }')
  done
  report "baseline risk-check ($baseline)" "$best_old" 0
  report "this risk-check, same rounds" "$best_new" 0
  awk -v a="$best_old" -v b="$best_new" 'BEGIN { printf "this build takes %.2fx the baseline'"'"'s time\n", b / a }'
fi

# Peak memory must not grow with the file: score a file three times as large.
"$bin/gen-cohort" --count $((learners * 3)) --seed 8 >"$work/large.csv"
read -r _ large_kb < <(measure "$bin/risk-check" "$work/large.csv")
awk -v a="$rc_kb" -v b="$large_kb" -v n="$learners" 'BEGIN {
  printf "peak memory: %.1f MB for %d learners, %.1f MB for %d\n", a / 1024, n, b / 1024, 3 * n }'
rm -f "$work/large.csv"

# Spot check that both agree on the attendance points of the first learners.
"$bin/risk-check" "$work/cohort.csv" --format csv | mlr --icsv --ocsv head -n 2000 then cut -f id,indicators >"$work/ours.csv"
mlr --icsv --ocsv head -n 2000 then put "$mlr_points" then cut -f id,attendance_points "$work/cohort.csv" >"$work/theirs.csv"
agree=$(mlr --icsv --ocsv --headerless-csv-output join -j id -f "$work/ours.csv" then put '
  $ours = $indicators =~ "severe_absence" ? 5 : $indicators =~ "absence_20" ? 4 : $indicators =~ "absence_15" ? 3 : $indicators =~ "persistent_absence" ? 1 : 0' \
  then filter '$ours == $attendance_points' then count "$work/theirs.csv")
echo "attendance points agree with Miller on $agree of 2000 learners"
