// The audit summed up per benchmark and criterion: what each mode of gatsby-audit prints.
#include "waymark/gatsby/summary.hpp"

#include <fmt/format.h>

#include "waymark/academic_year.hpp"
#include "waymark/small_counts.hpp"

namespace waymark::gatsby {

namespace {

// The benchmark's percentage and status from its criteria: a school criterion answered yes scores
// 1, partly 1/2, no 0; a pupil criterion scores the share of pupils assessed who meet it. As in
// Compass, which reports the share of assessment areas met, an unanswered school criterion is not
// met: it scores 0, so a benchmark with questions still open never shows more than it has shown.
// Pupil criteria nobody is assessed on yet are left out (nothing can be met or missed), and a
// benchmark with an unanswered school criterion is never fully achieved.
void score(BenchmarkTally& tally) {
  double sum = 0;
  long scored = 0;
  bool full = true;
  for (const auto& c : tally.criteria) {
    if (!c.criterion->per_pupil) {
      sum += c.answer.answer == SchoolAnswer::yes ? 1.0 : c.answer.answer == SchoolAnswer::partly ? 0.5 : 0.0;
      full = full && c.answer.answer == SchoolAnswer::yes;
    } else {
      if (c.assessed == 0) continue;
      sum += static_cast<double>(c.met) / static_cast<double>(c.assessed);
      full = full && c.met == c.assessed;
    }
    ++scored;
  }
  // Nothing answered and nothing assessed: no percentage at all (n/a), rather than a 0% that
  // reads as a measured result.
  if (scored == tally.school_unanswered) {
    tally.status = scored > 0 ? BenchmarkStatus::not_answered : BenchmarkStatus::not_assessed;
    return;
  }
  tally.percent = 100.0 * sum / static_cast<double>(scored);
  if (full)
    tally.status = BenchmarkStatus::achieved;
  else if (tally.school_unanswered > 0)
    tally.status = BenchmarkStatus::not_fully_answered;
  else
    tally.status = sum == 0 ? BenchmarkStatus::not_started : BenchmarkStatus::partially_achieved;
}

}  // namespace

std::string_view to_string(BenchmarkStatus status) {
  switch (status) {
    case BenchmarkStatus::achieved: return "achieved";
    case BenchmarkStatus::not_fully_answered: return "not fully answered";
    case BenchmarkStatus::not_answered: return "not answered";
    case BenchmarkStatus::partially_achieved: return "partially achieved";
    case BenchmarkStatus::not_started: return "not started";
    case BenchmarkStatus::not_assessed: break;
  }
  return "not assessed";
}

std::string share(long met, long of) {
  return of ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(met) / static_cast<double>(of)) : std::string("n/a");
}

std::string percent_text(const BenchmarkTally& tally) {
  return tally.percent ? fmt::format("{:.1f}%", *tally.percent) : std::string("n/a");
}

std::string school_answers_text(const BenchmarkTally& tally) {
  if (tally.school_criteria == 0) return "-";
  std::string text;
  auto add = [&](long count, std::string_view what) {
    if (count > 0) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, what);
  };
  add(tally.school_yes, "yes");
  add(tally.school_partly, "partly");
  add(tally.school_no, "no");
  add(tally.school_unanswered, "not answered");
  return text;
}

std::string national_text(const Framework& framework, int achieved, std::size_t benchmarks) {
  const auto& average = framework.national_average;
  if (!average) return framework.national_average_note;
  return fmt::format("National average: {} of {} in {}, measured on this framework ({}); this school: {} of {}.",
                     format_number(average->benchmarks_achieved, 2), average->of, average->year, average->source, achieved, benchmarks);
}

std::string planned_text(const LogCounts& log) {
  std::string text;
  for (std::size_t k = 0; k < kind_count; ++k)
    if (log.planned[k] > 0) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", to_string(static_cast<Kind>(k)), log.planned[k]);
  return text;
}

std::string send_share(long met, long of) { return hidden_count(of) ? std::string("c") : share(met, of); }

std::string send_met(long met, long of) { return hidden_count(of) ? std::string("c") : std::to_string(met); }

std::string send_count(long count) { return shown_count(count); }

Summary summarise(const Audit& audit) {
  Summary summary;
  for (const auto& benchmark : audit.framework.benchmarks) {
    BenchmarkTally tally;
    tally.benchmark = &benchmark;
    for (const auto* criterion : audit.criteria) {
      if (criterion->benchmark != benchmark.number) continue;
      CriterionTally c;
      c.criterion = criterion;
      if (!criterion->per_pupil) {
        c.answer = audit.school.get(criterion->id);
        ++tally.school_criteria;
        tally.school_yes += c.answer.answer == SchoolAnswer::yes;
        tally.school_partly += c.answer.answer == SchoolAnswer::partly;
        tally.school_no += c.answer.answer == SchoolAnswer::no;
        tally.school_unanswered += c.answer.answer == SchoolAnswer::unanswered;
      }
      tally.criteria.push_back(c);
    }
    summary.benchmarks.push_back(std::move(tally));
  }

  const auto evaluator = audit.evaluator();
  const auto& pupils = audit.roll.pupils();
  for (std::uint32_t index = 0; index < pupils.size(); ++index) {
    const Pupil& pupil = pupils[index];
    if (pupil.is_leaver())
      ++summary.leavers;
    else {
      ++summary.on_roll;
      summary.send += pupil.send == Answer::yes;
      summary.send_unknown += pupil.send == Answer::unknown;
    }
    for (auto& tally : summary.benchmarks) {
      bool assessed_any = false, met_all = true;
      for (auto& c : tally.criteria) {
        if (!c.criterion->per_pupil) continue;
        bool overdue = false, due = false;
        const auto outcome = evaluator.evaluate(pupil, index, *c.criterion,
                                                [&](const Gap& gap) { (gap.status == GapStatus::overdue ? overdue : due) = true; });
        c.overdue += overdue;
        c.due += due;
        if (!outcome.assessed) continue;
        assessed_any = true;
        met_all = met_all && outcome.met;
        ++c.assessed;
        c.met += outcome.met;
        if (pupil.send == Answer::yes) {
          ++c.send_assessed;
          c.send_met += outcome.met;
        }
      }
      if (assessed_any) {
        ++tally.pupils_assessed;
        tally.pupils_meeting_all += met_all;
      }
    }
  }
  for (auto& tally : summary.benchmarks) {
    score(tally);
    summary.achieved += tally.status == BenchmarkStatus::achieved;
  }
  return summary;
}

}  // namespace waymark::gatsby
