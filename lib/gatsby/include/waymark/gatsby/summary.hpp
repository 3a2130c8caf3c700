// The audit summed up per criterion and per benchmark: school answers, pupils assessed and meeting
// each pupil criterion (all pupils and SEND pupils), pupils with gaps, and each benchmark's status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "waymark/gatsby/audit.hpp"

namespace waymark::gatsby {

struct CriterionTally {
  const Criterion* criterion = nullptr;
  SchoolCriterion answer;                // school criteria
  long assessed = 0, met = 0;            // pupil criteria, all pupils
  long send_assessed = 0, send_met = 0;  // pupil criteria, SEND pupils
  long overdue = 0, due = 0;             // pupils with at least one gap of that status
};

// not_fully_answered: everything scored is at 100%, but a school criterion is still unanswered;
// not_answered: nothing scored, and school criteria unanswered.
enum class BenchmarkStatus { achieved, not_fully_answered, partially_achieved, not_started, not_answered, not_assessed };
std::string_view to_string(BenchmarkStatus status);

struct BenchmarkTally {
  const Benchmark* benchmark = nullptr;
  std::vector<CriterionTally> criteria;
  long school_criteria = 0, school_yes = 0, school_partly = 0, school_no = 0, school_unanswered = 0;
  long pupils_assessed = 0, pupils_meeting_all = 0;  // pupils assessed on any of its pupil criteria
  // benchmark_pct: the mean of its criteria's scores (man gatsby-audit, BENCHMARK PERCENTAGE) over
  // the school criteria answered and the pupil criteria with a pupil assessed; none when neither.
  std::optional<double> percent;
  BenchmarkStatus status = BenchmarkStatus::not_assessed;
};

struct Summary {
  std::vector<BenchmarkTally> benchmarks;
  long on_roll = 0, leavers = 0, send = 0, send_unknown = 0;
  int achieved = 0;
};

Summary summarise(const Audit& audit);

// 2 of 3 -> "66.7%"; nothing assessed -> "n/a".
std::string share(long met, long of);
// The benchmark's percentage as shown: "87.5%", or "n/a" when nothing is answered or assessed yet
// (its status then says which).
std::string percent_text(const BenchmarkTally& tally);
// Its school answers in words: "3 yes, 1 partly, 1 not answered"; "-" when it has none.
std::string school_answers_text(const BenchmarkTally& tally);
// The sentence comparing with the national average, or saying why there is none to compare with.
std::string national_text(const Framework& framework, int achieved, std::size_t benchmarks);
// "employer_encounter 2, guidance_interview 1"; empty when nothing is planned.
std::string planned_text(const LogCounts& log);
// SEND figures follow official statistics' suppression of small groups: a group of 1 to 4 pupils
// is shown as "<5" and what was met in it as "c", so that nothing about those pupils can be
// worked out; from 5 pupils the figures are shown.
std::string send_share(long met, long of);
std::string send_met(long met, long of);
std::string send_count(long count);

}  // namespace waymark::gatsby
