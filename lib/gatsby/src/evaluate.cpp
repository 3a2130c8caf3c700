#include "waymark/gatsby/evaluate.hpp"

#include <algorithm>

#include "waymark/academic_year.hpp"

namespace waymark::gatsby {

std::string_view to_string(GapStatus status) { return status == GapStatus::overdue ? "overdue" : "due"; }

Evaluator::Evaluator(const Progress& progress, std::chrono::year_month_day as_of, int log_from)
    : progress_(progress), as_of_(as_of), current_year_(academic_year_of(as_of)), log_from_(log_from) {}

Outcome Evaluator::evaluate(const Pupil& pupil, std::uint32_t index, const Criterion& criterion,
                            const std::function<void(const Gap&)>& on_gap) const {
  const Rule& rule = criterion.rule;
  // Leavers are checked for their destinations only; pupils on roll for everything else.
  if ((rule.type == RuleType::destinations) != pupil.is_leaver()) return {};
  if (rule.only_if_considering_he && pupil.considering_he != Answer::yes) return {};
  switch (rule.type) {
    case RuleType::each_year: return each_year(pupil, index, criterion, on_gap);
    case RuleType::by_year: return by_deadline(pupil, progress_.count(index, criterion) >= rule.min, criterion, on_gap);
    case RuleType::providers_by: {
      const auto met = progress_.providers_met(index, criterion);
      const auto ranges_met =
          std::count_if(rule.ranges.begin(), rule.ranges.end(), [met](std::uint8_t range) { return (met & range) != 0; });
      const auto needed =
          rule.min_ranges > 0 ? static_cast<std::ptrdiff_t>(rule.min_ranges) : static_cast<std::ptrdiff_t>(rule.ranges.size());
      return by_deadline(pupil, ranges_met >= needed, criterion, on_gap);
    }
    case RuleType::destinations: return destinations(pupil, criterion, on_gap);
  }
  return {};
}

// Every completed year the log covers must meet the minimum; the current year is pending: unmet,
// it is a gap that is due, not a miss.
Outcome Evaluator::each_year(const Pupil& pupil, std::uint32_t index, const Criterion& criterion,
                             const std::function<void(const Gap&)>& on_gap) const {
  const Rule& rule = criterion.rule;
  Outcome outcome{false, true};
  for (int group = rule.from_year; group <= rule.to_year; ++group) {
    const int year = pupil.academic_year_in(group);
    if (year < log_from_ || year > current_year_) continue;
    const bool met = progress_.count_in_year(index, criterion, group) >= rule.min &&
                     progress_.subject_count_in_year(index, criterion, group) >= rule.min_in_subject;
    if (year < current_year_) {
      outcome.assessed = true;
      outcome.met = outcome.met && met;
    }
    if (!met) on_gap({&pupil, &criterion, academic_year_end(year), year < current_year_ ? GapStatus::overdue : GapStatus::due});
  }
  if (!outcome.assessed) outcome.met = false;
  return outcome;
}

// A deadline at the end of to_year: assessed once that year has come (and the log reaches it).
Outcome Evaluator::by_deadline(const Pupil& pupil, bool met, const Criterion& criterion,
                               const std::function<void(const Gap&)>& on_gap) const {
  const int deadline_year = pupil.academic_year_in(criterion.rule.to_year);
  if (deadline_year > current_year_ || (!met && deadline_year < log_from_)) return {};
  if (!met)
    on_gap({&pupil, &criterion, academic_year_end(deadline_year), deadline_year < current_year_ ? GapStatus::overdue : GapStatus::due});
  return {true, met};
}

// Destination k falls due k years after leaving, on that date: once it has passed it is assessed
// (missing: overdue); one falling due later this academic year is a gap that is due.
Outcome Evaluator::destinations(const Pupil& pupil, const Criterion& criterion, const std::function<void(const Gap&)>& on_gap) const {
  Outcome outcome{false, true};
  for (int k = 1; k <= criterion.rule.years; ++k) {
    const auto due = add_years(*pupil.left_on, k);
    const bool passed = std::chrono::sys_days{due} <= as_of_;
    if (!passed && academic_year_of(due) > current_year_) break;
    outcome.assessed = outcome.assessed || passed;
    if (pupil.has_destination(k)) continue;
    if (passed) outcome.met = false;
    on_gap({&pupil, &criterion, due, passed ? GapStatus::overdue : GapStatus::due});
  }
  if (!outcome.assessed) outcome.met = false;
  return outcome;
}

}  // namespace waymark::gatsby
