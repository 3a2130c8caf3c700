#!/usr/bin/env bash
# Benchmark: risk-check scoring a workbook, beside xlsx2csv (Debian's) converting the same file
# in the same run. Prints rows per second, MB of sheet XML per second and peak memory for each,
# and the ratio; then a small workbook whose sheet inflates to some 260 MB (whole columns
# formatted to the last row): peak memory and how soon the answer (0 or 65) comes.
# Not part of the test suite: timings depend on the machine.
#
# Usage: tests/bench/workbook.sh [LEARNERS] [BUILD_DIR]   (default 200000, build/release)
# Needs: scripts/setup (xlsx2csv, time, miller, python3), a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
learners=${1:-200000}
bin=${2:-build/release}/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/gen-cohort" --count "$learners" --seed 7 >"$work/cohort.csv"
python3 tests/bench/make_workbook.py cohort "$work/cohort.csv" "$work/cohort.xlsx"
python3 tests/bench/make_workbook.py formatted "$work/cohort.csv" "$work/formatted.xlsx"
sheet_bytes() { python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("xl/worksheets/sheet1.xml").file_size)' "$1"; }
file_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f", b / 1e6 }'; }
sheet=$(sheet_bytes "$work/cohort.xlsx")
echo "input: $learners learners, a $(file_mb "$work/cohort.xlsx") MB .xlsx whose sheet is $(awk -v b="$sheet" 'BEGIN { printf "%.1f", b / 1e6 }') MB of XML;"
echo "every command pinned to one core (taskset -c 0)"
echo

# Runs a command ROUNDS times; prints the best wall time (s), its peak resident memory (KB), exit
# status and the best processor time (user + system, s: steadier than wall time on a busy machine).
measure() {
  local rounds=$1 best="" best_kb="" best_cpu="" status=0
  shift
  for ((i = 0; i < rounds; i++)); do
    status=0
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" taskset -c 0 "$@" >/dev/null 2>"$work/stderr" || status=$?
    read -r seconds kb user system < <(tail -n 1 "$work/time")
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds best_kb=$kb; fi
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then best_cpu=$cpu; fi
  done
  echo "$best $best_kb $status $best_cpu"
}

report() {  # name seconds kb cpu
  awk -v name="$1" -v s="$2" -v kb="$3" -v cpu="$4" -v bytes="$sheet" -v n="$learners" 'BEGIN {
    printf "%-34s %7.2f s (%6.2f s CPU) %8.0f rows/s %6.1f MB/s of XML %7.1f MB peak\n", name, s, cpu, n / s, bytes / 1e6 / s, kb / 1024 }'
}

read -r rc_s rc_kb rc_status rc_cpu < <(measure 3 "$bin/risk-check" "$work/cohort.xlsx")
read -r x2_s x2_kb x2_status x2_cpu < <(measure 2 xlsx2csv "$work/cohort.xlsx")
report "risk-check cohort.xlsx (exit $rc_status)" "$rc_s" "$rc_kb" "$rc_cpu"
report "xlsx2csv cohort.xlsx (exit $x2_status)" "$x2_s" "$x2_kb" "$x2_cpu"
awk -v a="$x2_s" -v b="$rc_s" -v c="$x2_cpu" -v d="$rc_cpu" 'BEGIN {
  printf "risk-check scores the workbook %.1fx as fast as xlsx2csv converts it (%.1fx in processor time)\n", a / b, c / d }'
echo

# The workbook and the CSV it was made from must score alike.
"$bin/risk-check" "$work/cohort.csv" --format csv | mlr --icsv --ocsv cut -o -f id,score,tier >"$work/from-csv.csv"
"$bin/risk-check" "$work/cohort.xlsx" --format csv | mlr --icsv --ocsv cut -o -f id,score,tier >"$work/from-xlsx.csv"
if cmp -s "$work/from-csv.csv" "$work/from-xlsx.csv"; then echo "scores: the workbook and its CSV agree on all $learners learners"
else echo "scores: the workbook and its CSV DIFFER"; diff "$work/from-csv.csv" "$work/from-xlsx.csv" | head; fi
echo

formatted=$(sheet_bytes "$work/formatted.xlsx")
echo "a $(file_mb "$work/formatted.xlsx") MB .xlsx whose sheet inflates to $(awk -v b="$formatted" 'BEGIN { printf "%.1f", b / 1e6 }') MB (100 learners, then formatted empty rows):"
read -r f_s f_kb f_status f_cpu < <(measure 3 "$bin/risk-check" "$work/formatted.xlsx")
awk -v s="$f_s" -v kb="$f_kb" -v st="$f_status" -v cpu="$f_cpu" 'BEGIN {
  printf "risk-check: exit %d after %.2f s (%.2f s CPU), %.1f MB peak\n", st, s, cpu, kb / 1024 }'
sed 's/^/  /' "$work/stderr"
