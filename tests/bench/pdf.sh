#!/usr/bin/env bash
# Benchmark: plan-gen printing individual plans straight to PDF (Pango + Cairo), beside WeasyPrint
# and headless Chromium (--print-to-pdf) printing the HTML of the same plans in the same run.
# Prints documents per second for each, pages per document, and the ratios. Not part of the test
# suite: timings depend on the machine.
#
# Usage: tests/bench/pdf.sh [PLANS] [SAMPLE] [BUILD_DIR]   (default 1000, 20, build/release)
# BENCH_CORE=N pins to core N instead of 0 (to keep off a core someone else is timing on).
# PLANS learners from gen-cohort, scored by risk-check, each with targets and a profile, become plans
# of about two pages. plan-gen prints all of them, one PDF each (-o DIR/) and all in one file. The
# HTML-to-PDF printers are slower by orders of magnitude, so they print the first SAMPLE plans'
# HTML only, both ways: one program run per plan's HTML file, and one run on a file of all SAMPLE.
# Ratios compare wall times from alternating rounds (plan-gen, then the other, three times), so a
# shared machine's drifting speed hits both alike; Chromium's helper processes escape the CPU count.
# Files go to /dev/shm where there is one: this measures printing, not the disk's fsync per file.
#
# Needs: a release build; poppler-utils (pdfinfo); weasyprint and chromium for the comparison
# (apt-get install -y weasyprint chromium). Those two are benchmark-only: scripts/setup does not
# install them, and this script skips whichever is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
plans=${1:-1000}
sample=${2:-20}
bin=${3:-build/release}/bin
core=${BENCH_CORE:-0}
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the plans: learners, their targets and profiles (two stages, three targets, varied words) ---
"$bin/gen-cohort" --count "$plans" --seed 11 >"$work/cohort.csv"
"$bin/risk-check" "$work/cohort.csv" --format ndjson >"$work/scored.ndjson"
awk -F, 'NR > 1 {
  n = NR
  split("attendance,maths,English,behaviour,confidence,careers", area, ",")
  split("Be in school by 8:40 every day,Finish the weekly catch-up sheet,Read for twenty minutes each evening,Use the time-out card instead of walking out,Ask one question in every lesson,Book a college taster day", target, ",")
  split("attendance above 92% by half-term,sheet marked each Friday,reading log signed weekly,no removals from class for four weeks,teacher notes at each review,taster day attended", measure, ",")
  split("young person,form tutor,maths teacher,key person,careers adviser,parent or carer", owner, ",")
  split("Form tutor texts a reminder each morning for two weeks,Maths club on Tuesdays,Library pass at lunchtime,Mentor meets weekly,Careers adviser books the visit,A quiet place to work at lunch", support, ",")
  if (NR == 2) print "id,stage,area,target,measure,owner,due,support"
  for (t = 0; t < 3; t++) {
    k = (n + t * 2) % 6 + 1
    stage = t < 2 ? "Autumn term" : "Spring term"
    due = t < 2 ? sprintf("2026-%02d-%02d", 10 + t, (n % 27) + 1) : sprintf("2027-02-%02d", (n % 27) + 1)
    printf "%s,%s,%s,%s,%s,%s,%s,%s\n", $1, stage, area[k], target[k], measure[k], owner[(n + t) % 6 + 1], due, support[(k + t) % 6 + 1]
  }
}' "$work/cohort.csv" >"$work/targets.csv"
awk -F, 'NR == 1 { print "id,aspiration,strengths,interests,barriers,support_needs,motivations,wellbeing,key_person"; next }
{
  split("To train as a veterinary nurse|To get an apprenticeship in motor vehicle maintenance|To study health and social care at college|To work as a bike mechanic|To become a primary school teacher|To study art and design at college", aim, "|")
  split("kind;organised|practical problem solving;patient with others|drawing;good with animals|good with younger children;football|reading;writing stories|fixing bikes;calm under pressure", strengths, "|")
  split("netball;baking|cars;football|animals;art|music;gaming|dance;drama|cycling;cooking", interests, "|")
  split("mornings are hard|moved schools twice|reading aloud in class|finds busy corridors hard|caring for a younger brother|spends two days a week off-site", barriers, "|")
  split("a reminder system|one adult to check in with|reading support|a quiet place to work at lunch|late arrival without a detention|help catching up in English", needs, "|")
  split("Ms Reid|Mr Okafor|Ms Grant|Mr Patel|Ms Kowalska|Mr Hughes", person, "|")
  k = NR % 6 + 1
  printf "%s,%s,%s,%s,%s,%s,wants to make the family proud,Feels better since joining a club at lunchtime.,%s\n", $1, aim[k], strengths[k], interests[k], barriers[k], needs[(k % 6) + 1], person[k]
}' "$work/cohort.csv" >"$work/profiles.csv"
# One toolkit action per plan (the individual plan itself): a plan of about two pages.
plan_gen=("$bin/plan-gen" "$work/scored.ndjson" --targets "$work/targets.csv" --profiles "$work/profiles.csv"
  --start 2026-09-07 --actions A01 --set school.name="Hillside Academy")

# Runs a command once pinned to one core; prints its wall seconds and CPU seconds (user + system,
# the command and the processes it waited for). On a quiet machine the two agree; on a shared one
# the CPU time is what the program itself costs.
time_once() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" taskset -c "$core" "$@" >/dev/null 2>&1
  read -r wall user system <"$work/time"
  echo "$wall $(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')"
}

# Of "wall cpu" pairs on standard input, the one with the least CPU time.
best_run() { sort -k2,2g | head -n 1; }

# Runs a command three times; prints the best run's "wall cpu".
seconds_of() { for _ in 1 2 3; do time_once "$@"; done | best_run; }

# paired OURS... -- THEIRS...: the two commands run in turn, three rounds, so that both meet the
# same machine (a shared one's speed drifts over minutes); prints the best "wall cpu" of each, "|"
# between.
paired() {
  local ours=()
  while [ "$1" != "--" ]; do ours+=("$1"); shift; done
  shift
  for _ in 1 2 3; do
    echo "ours $(time_once "${ours[@]}")"
    echo "theirs $(time_once "$@")"
  done >"$work/paired"
  echo "$(grep '^ours' "$work/paired" | cut -d' ' -f2- | best_run)|$(grep '^theirs' "$work/paired" | cut -d' ' -f2- | best_run)"
}

report() {  # name documents "wall cpu"
  local wall cpu
  read -r wall cpu <<<"$3"
  awk -v name="$1" -v n="$2" -v w="$wall" -v c="$cpu" \
    'BEGIN { printf "%-50s %5d docs %7.2f s wall %8.1f docs/s %7.2f s CPU %8.1f docs/s\n", name, n, w, n / w, c, n / c }'
}

echo "$plans plans; every command pinned to one core (taskset -c $core), best of three runs; documents"
echo "per second by wall time and by CPU time (user + system of the command and what it waited for)"
echo

rm -rf "$work/pdf"
dir_seconds=$(seconds_of "${plan_gen[@]}" --format pdf -o "$work/pdf/")
"${plan_gen[@]}" --format pdf -o "$work/pdf/" 2>/dev/null
pages=0
for file in "$work"/pdf/*.pdf; do pages=$((pages + $(pdfinfo "$file" | awk '/^Pages:/ { print $2 }'))); done
file_seconds=$(seconds_of "${plan_gen[@]}" --format pdf -o "$work/plans.pdf")
html_seconds=$(seconds_of "${plan_gen[@]}" --format html -o "$work/plans.html")
report "plan-gen --format pdf -o DIR/ (one PDF each)" "$plans" "$dir_seconds"
report "plan-gen --format pdf -o plans.pdf (all in one)" "$plans" "$file_seconds"
report "plan-gen --format html -o plans.html (for scale)" "$plans" "$html_seconds"
awk -v p="$pages" -v n="$plans" 'BEGIN { printf "pages per plan: %.2f (%d pages)\n", p / n, p }'

# The first SAMPLE plans' HTML, for the HTML-to-PDF printers: one file per plan, and one file of all.
head -n "$sample" "$work/scored.ndjson" >"$work/sample.ndjson"
sample_html=("$bin/plan-gen" "$work/sample.ndjson" --targets "$work/targets.csv" --profiles "$work/profiles.csv" --start 2026-09-07
  --actions A01 --set school.name="Hillside Academy" --format html)
"${sample_html[@]}" -o "$work/html/" 2>/dev/null
"${sample_html[@]}" -o "$work/sample.html" 2>/dev/null

chrome_profile=$(mktemp -d)
chromium_flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update
  --disable-sync --user-data-dir="$chrome_profile" --no-pdf-header-footer)
weasyprint_each() { for page in "$work"/html/*.html; do weasyprint "$page" "${page%.html}.weasyprint.pdf"; done; }
# shellcheck disable=SC2086 # the flags hold no spaces (the profile is a mktemp path)
chromium_each() { for page in "$work"/html/*.html; do chromium $CHROMIUM_FLAGS --print-to-pdf="${page%.html}.chromium.pdf" "file://$page"; done; }
export -f weasyprint_each chromium_each
export work
export CHROMIUM_FLAGS="${chromium_flags[*]}"

# name "wall cpu|wall cpu" (ours|theirs, from paired) pages: their rate, and how many times faster
# plan-gen is by wall time in the same rounds
compare() {
  local our_wall their_wall
  read -r our_wall _ <<<"${2%|*}"
  read -r their_wall _ <<<"${2#*|}"
  report "$1" "$sample" "${2#*|}"
  awk -v ours="$(awk -v n="$plans" -v w="$our_wall" 'BEGIN { print n / w }')" -v theirs="$(awk -v n="$sample" -v w="$their_wall" 'BEGIN { print n / w }')" \
    -v p="$3" -v n="$sample" -v w="$our_wall" 'BEGIN { printf "%-50s %.2f pages per plan; plan-gen in the same rounds %.1f docs/s, %.0fx faster (wall time)\n", "", p / n, ours, ours / theirs }'
}
pages_of() { local total=0; for file in "$@"; do total=$((total + $(pdfinfo "$file" | awk '/^Pages:/ { print $2 }'))); done; echo "$total"; }

echo
echo "One PDF per plan (beside plan-gen -o DIR/): a program run per plan's HTML, $sample plans"
if ! command -v weasyprint >/dev/null; then echo "weasyprint: not installed (apt-get install -y weasyprint), skipped"; fi
if ! command -v chromium >/dev/null; then echo "chromium: not installed (apt-get install -y chromium), skipped"; fi
if command -v weasyprint >/dev/null; then
  compare "weasyprint plan.html plan.pdf, per plan" "$(paired "${plan_gen[@]}" --format pdf -o "$work/pdf/" -- bash -c weasyprint_each)" \
    "$(pages_of "$work"/html/*.weasyprint.pdf)"
fi
if command -v chromium >/dev/null; then
  compare "chromium --print-to-pdf, per plan" "$(paired "${plan_gen[@]}" --format pdf -o "$work/pdf/" -- bash -c chromium_each)" \
    "$(pages_of "$work"/html/*.chromium.pdf)"
fi
echo
echo "All plans in one PDF (beside plan-gen -o plans.pdf): one program run on the HTML of $sample plans"
if command -v weasyprint >/dev/null; then
  compare "weasyprint sample.html sample.pdf" \
    "$(paired "${plan_gen[@]}" --format pdf -o "$work/plans.pdf" -- weasyprint "$work/sample.html" "$work/weasyprint.pdf")" \
    "$(pages_of "$work/weasyprint.pdf")"
fi
if command -v chromium >/dev/null; then
  compare "chromium --print-to-pdf sample.html" \
    "$(paired "${plan_gen[@]}" --format pdf -o "$work/plans.pdf" -- chromium "${chromium_flags[@]}" --print-to-pdf="$work/chromium.pdf" "file://$work/sample.html")" \
    "$(pages_of "$work/chromium.pdf")"
fi
rm -rf "$chrome_profile"
