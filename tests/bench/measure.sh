# Shared by the benchmarks that time risk-check runs (since.sh, impact.sh); source it after setting
# $work (a scratch folder) and $learners.

# Runs a command once, pinned to one core; prints its wall time (s) and peak resident memory (KB).
measure() {
  /usr/bin/time -v -o "$work/time" taskset -c 0 "$@" >/dev/null 2>"$work/stderr"
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { kb = $2 } END { print s, kb }' "$work/time"
}

# One line of results: name, seconds, KB.
report() {
  awk -v name="$1" -v s="$2" -v kb="$3" -v n="$learners" 'BEGIN {
    printf "%-52s %7.2f s %10.0f learners/s %7.1f MB peak\n", name, s, n / s, kb / 1024 }'
}
