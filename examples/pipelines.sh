#!/usr/bin/env bash
# The pipelines a data manager runs each half-term, on the shipped synthetic cohort.
# Run from the repository after building (README): examples/pipelines.sh [BUILD_DIR] [--as-of DATE]
#
# The shipped data are dated in the school year 2026/27 (targets, meetings, moves, the careers log),
# so every tool that would otherwise read today's date is given one: plans start on the first day
# of that year and the packs and the audit are made as of --as-of (default 2026-11-22, mid autumn
# term). Run on any day, the examples say the same.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
as_of=2026-11-22
while [ $# -gt 0 ]; do
  case $1 in
    --as-of) as_of=${2:?--as-of needs a date}; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
plan_start=2026-09-07  # the first day of the school year the example targets are written for
PATH="$PWD/$build/bin:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "# 1. Score the cohort: every learner's record with score, tier, reasons and actions (0600 file)."
risk-check examples/cohort.csv -o "$out/scored.csv"
echo "wrote $(($(wc -l <"$out/scored.csv") - 1)) learners"

echo; echo "# 2. Who needs more than universal support, as NDJSON for the next tool (plan-gen)."
risk-check examples/cohort.csv --tier targeted,intensive --format ndjson -o "$out/support.ndjson"
echo "$(wc -l <"$out/support.ndjson") learners in targeted or intensive support"

echo; echo "# 3. The cohort by tier and by group, small counts suppressed, and data completeness."
risk-check examples/cohort.csv --summary --by gender,fsm,year_group

echo; echo "# 4. Why one learner is where they are."
risk-check examples/cohort.csv --explain L000004

echo; echo "# 5. Would the rules have caught last year's leavers? Per group, so bias shows."
risk-check examples/cohort.csv --evaluate examples/outcomes.csv --by gender,fsm

echo; echo "# 6. Share with the local authority: keyed pseudonyms, no names or dates of birth."
(umask 077; openssl rand -hex 32 >"$out/key" 2>/dev/null || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$out/key")
risk-check examples/cohort.csv --pseudonymise "$out/key" --format csv | head -n 3 | cut -c1-160

echo; echo "# 7. In cron: fail (exit 1) when anyone is in intensive support, so someone is told."
if risk-check examples/cohort.csv --fail-on intensive -o "$out/scored.csv"; then echo "no one in intensive support"
else echo "exit $?: learners in intensive support, see $out/scored.csv"; fi

echo; echo "# 8. Individual plans for everyone in targeted or intensive support, one HTML page each,"
echo "#    joined with the targets and profiles tutors wrote; targets that are not SMART are named."
plan-gen "$out/support.ndjson" --targets examples/targets.csv --profiles examples/profiles.csv --start "$plan_start" \
  --format json -o "$out/plans.json" 2>&1 | grep -v "no targets yet" || true   # for contract-print
plan-gen "$out/support.ndjson" --targets examples/targets.csv --profiles examples/profiles.csv --start "$plan_start" \
  --set school.name="Hillside Academy" --format html -o "$out/plans/" 2>/dev/null  # the same warnings again
echo "wrote $(ls "$out/plans" | wc -l) plans to $out/plans/"

echo; echo "# 9. The contract of participation each young person signs, from their plan, as PDF."
contract-print "$out/plans.json" --kind participation --settings examples/contracts/settings.txt --format pdf -o "$out/contracts/"
echo "wrote $(ls "$out/contracts" | wc -l) contracts to $out/contracts/"

echo; echo "# 10. Transition packs for this term's movers: profile, record, checklist, settling-in calendar."
transition-pack examples/cohort.csv --moves examples/moves.csv --achievements examples/achievements.csv \
  --profiles examples/one-page-profiles.csv --set school.name="Hillside Academy" --as-of "$as_of" -o "$out/packs/"
ls "$out/packs"

echo; echo "# 11. The careers programme against the Gatsby Benchmarks, and every pupil gap to follow up."
gatsby-audit --pupils examples/gatsby/pupils.csv --activities examples/gatsby/activities.csv \
  --school examples/gatsby/school.toml --as-of "$as_of" | head -n 20
gatsby-audit --pupils examples/gatsby/pupils.csv --activities examples/gatsby/activities.csv \
  --as-of "$as_of" --gaps -o "$out/gaps.csv"
echo "$(($(wc -l <"$out/gaps.csv") - 1)) gaps written to gaps.csv"
