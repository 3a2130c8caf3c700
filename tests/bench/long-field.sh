#!/usr/bin/env bash
# Benchmark: risk-check reading one record whose notes field is N MB long, unquoted and quoted,
# from a file and from a pipe (a pipe hands over 64 KB at a time). The time must grow linearly
# with the field: 200 MB about twice 100 MB, not four times. Not part of the test suite: timings
# depend on the machine.
#
# Usage: tests/bench/long-field.sh [BUILD_DIR] [MB ...]   (default build/release, 100 200)
# Needs: a release build, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release}/bin
shift || true
sizes=("${@:-100 200}")
read -r -a sizes <<<"${sizes[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One learner, then one whose notes field is `mb` MB of 'x', quoted or not.
make_input() {  # mb quote
  local mb=$1 quote=$2
  printf 'id,attendance_pct,notes\nL1,95,short\nL2,80,%s' "$quote"
  head -c $((mb * 1000000)) /dev/zero | tr '\0' x
  printf '%s\nL3,70,\n' "$quote"
}

# Prints the wall time (s) and peak resident memory (MB) of one command.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
  awk '{ printf "%6.2f s %7.1f MB peak", $1, $2 / 1024 }' "$work/time"
}

printf '%-34s %s\n' "case" "time, memory"
for mb in "${sizes[@]}"; do
  for quote in '' '"'; do
    kind=$([ -n "$quote" ] && echo quoted || echo unquoted)
    make_input "$mb" "$quote" >"$work/long.csv"
    printf '%-34s %s\n' "$mb MB $kind field, file" "$(timed "$bin/risk-check" "$work/long.csv")"
    printf '%-34s %s\n' "$mb MB $kind field, pipe" "$(timed sh -c 'cat "$1" | "$2" -' sh "$work/long.csv" "$bin/risk-check")"
    rm -f "$work/long.csv"
  done
done
