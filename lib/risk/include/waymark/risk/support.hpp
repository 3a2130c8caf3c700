// risk-check with a support log (waymark-support(5)): the support each learner has on a day
// beside their tier (--support), those in targeted or intensive support with none
// (--unsupported), those who left since an earlier file (--tier-change left), and how learners
// who received each action changed beside comparable learners who received none (--impact).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/record_writer.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/support/log.hpp"

namespace waymark::risk {

// The support log read for a run, and the day it is read as of.
struct SupportContext {
  support::SupportLog log;
  support::Day as_of = 0;
};

// --as-of as a day, or today (SOURCE_DATE_EPOCH when it is set); Error(usage) if it is not a date.
support::Day as_of_day(const Options& options);
// --since-date as a day; the earliest day there is without it.
support::Day since_day(const Options& options);
// Reads --support (with --support-names); nullopt without --support.
std::optional<SupportContext> read_support(const Options& options);

// What a learner's record gains: the actions active on the day, and those given by then.
inline constexpr std::string_view active_support_column = "active_support";
inline constexpr std::string_view support_received_column = "support_received";
struct LearnerSupport {
  std::vector<std::string_view> active, received;
};
void learner_support(SupportContext& support, std::string_view id, LearnerSupport& out);

// --impact's table, given to `table` once every input is read (impact.cpp); the report
// (impact_report.hpp) reads it so.
void write_impact(const Options& options, const Rules& rules, RecordWriter& table);

}  // namespace waymark::risk
