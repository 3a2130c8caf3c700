#!/usr/bin/env bash
# Benchmark: gatsby-audit on a school's seven-year careers log (1,500 pupils x 7 years x 20
# activities = 210,000 rows) and on a national-scale log (30 million rows by default), beside Miller
# counting the same log's activities by pupil and kind in the same run. Prints rows per second and
# peak memory, and shows that memory follows the number of pupils, not the number of rows.
# Not part of the test suite: timings depend on the machine.
#
# Usage: tests/bench/gatsby-audit.sh [BUILD_DIR] [NATIONAL_ROWS]   (default build/release, 30000000)
# Needs: scripts/setup (miller, time), a release build. Writes about 1.7 GB of temporary files.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release}/bin
national_rows=${2:-30000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_of=2026-07-15
years=7
per_year=20
echo "every command pinned to one core (taskset -c 0); best of 3 runs for the school, 1 for national scale"
echo

# Runs a command `runs` times with stdout to a file; prints the best wall time (s) and its peak RSS (KB).
measure() {
  local runs=$1 best="" best_kb=""
  shift
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/time" taskset -c 0 "$@" >"$work/out"
    read -r seconds kb <"$work/time"
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds best_kb=$kb; fi
  done
  echo "$best $best_kb"
}

report() {  # name rows seconds kb
  awk -v name="$1" -v n="$2" -v s="$3" -v kb="$4" 'BEGIN {
    printf "%-50s %11d rows %7.2f s %12.0f rows/s %8.1f MB peak\n", name, n, s, n / s, kb / 1024 }'
}

audit() {  # pupils log [options...]
  local pupils=$1 log=$2
  shift 2
  "$bin/gatsby-audit" --pupils "$pupils" --activities "$log" --as-of "$as_of" "$@"
}

# The log's data rows, as gatsby-audit reports them; Miller must count as many.
rows_read() { audit "$@" 2>"$work/warnings" | sed -n 's/^Activities: \([0-9]*\) read.*/\1/p'; }
miller_rows() { mlr --icsv --ojson stats1 -a sum -f count then cut -f count_sum "$work/out" | tr -dc '0-9'; }

# --- a school: 1,500 pupils on roll over 7 years --------------------------------------------------
"$bin/gen-careers" --pupils 1500 --years $years --per-year $per_year --seed 1 --as-of $as_of \
  --pupils-out "$work/school-pupils.csv" >"$work/school-log.csv"
school_rows=$(rows_read "$work/school-pupils.csv" "$work/school-log.csv")
echo "school: 1500 pupils on roll ($(($(wc -l <"$work/school-pupils.csv") - 1)) in the pupils file with leavers), $school_rows rows, $(du -m "$work/school-log.csv" | cut -f1) MB"
read -r s_s s_kb < <(measure 3 "$bin/gatsby-audit" --as-of $as_of --pupils "$work/school-pupils.csv" --activities "$work/school-log.csv")
read -r g_s g_kb < <(measure 3 "$bin/gatsby-audit" --as-of $as_of --pupils "$work/school-pupils.csv" --activities "$work/school-log.csv" --gaps)
read -r m_s m_kb < <(measure 3 mlr --icsv --ocsv count -g pupil_id,kind "$work/school-log.csv")
[ "$(miller_rows)" = "$school_rows" ] || { echo "Miller counted $(miller_rows) rows, gatsby-audit $school_rows" >&2; exit 1; }
report "gatsby-audit (summary)" "$school_rows" "$s_s" "$s_kb"
report "gatsby-audit --gaps" "$school_rows" "$g_s" "$g_kb"
report "mlr count -g pupil_id,kind" "$school_rows" "$m_s" "$m_kb"
awk -v a="$m_s" -v b="$s_s" 'BEGIN { printf "gatsby-audit is %.1fx Miller'"'"'s rows per second on the school log\n\n", a / b }'

# --- national scale: the same shape, with as many pupils as give the rows asked for --------------
pupils=$(((national_rows + years * per_year - 1) / (years * per_year)))
"$bin/gen-careers" --pupils "$pupils" --years $years --per-year $per_year --seed 2 --as-of $as_of \
  --pupils-out "$work/national-pupils.csv" >"$work/national-log.csv"
national=$(rows_read "$work/national-pupils.csv" "$work/national-log.csv")
echo "national: $pupils pupils on roll, $national rows, $(du -m "$work/national-log.csv" | cut -f1) MB"
read -r n_s n_kb < <(measure 1 "$bin/gatsby-audit" --as-of $as_of --pupils "$work/national-pupils.csv" --activities "$work/national-log.csv")
read -r nm_s nm_kb < <(measure 1 mlr --icsv --ocsv count -g pupil_id,kind "$work/national-log.csv")
[ "$(miller_rows)" = "$national" ] || { echo "Miller counted $(miller_rows) rows, gatsby-audit $national" >&2; exit 1; }
report "gatsby-audit (summary)" "$national" "$n_s" "$n_kb"
report "mlr count -g pupil_id,kind" "$national" "$nm_s" "$nm_kb"
awk -v a="$nm_s" -v b="$n_s" 'BEGIN { printf "gatsby-audit is %.1fx Miller'"'"'s rows per second at national scale\n\n", a / b }'

# --- memory follows pupils, not rows: the same pupils with a quarter of the log -------------------
# gen-careers draws the pupils before the log, so the same seed gives the same pupils file.
"$bin/gen-careers" --pupils "$pupils" --years $years --per-year $((per_year / 4)) --seed 2 --as-of $as_of \
  --pupils-out "$work/quarter-pupils.csv" >"$work/quarter-log.csv"
cmp -s "$work/quarter-pupils.csv" "$work/national-pupils.csv" || { echo "pupils files differ" >&2; exit 1; }
rm -f "$work/national-log.csv"
quarter=$(rows_read "$work/national-pupils.csv" "$work/quarter-log.csv")
read -r q_s q_kb < <(measure 1 "$bin/gatsby-audit" --as-of $as_of --pupils "$work/national-pupils.csv" --activities "$work/quarter-log.csv")
report "gatsby-audit, same pupils, quarter of the log" "$quarter" "$q_s" "$q_kb"
awk -v a="$q_kb" -v b="$n_kb" -v q="$quarter" -v n="$national" -v p="$pupils" -v s="$s_kb" 'BEGIN {
  printf "peak memory: %.1f MB for %d rows and %.1f MB for %d rows of the same %d pupils (rows x%.1f, memory x%.2f);\n", a / 1024, q, b / 1024, n, p, n / q, b / a
  printf "%.1f MB for the school of 1,500 pupils\n", s / 1024 }'
