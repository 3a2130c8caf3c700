// risk-check with a support log (waymark-support(5)): the support each learner has on a day
// beside their tier (--support), those in targeted or intensive support with none
// (--unsupported), those who left since an earlier file (--tier-change left), and how learners
// who received each action changed beside comparable learners who received none (--impact).
#pragma once

#include <functional>
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

// Checks the support options against one another and the mode (Error(usage)).
void check_support_options(const Options& options);

// The modes with a support log, when the options ask for one; each checks its format first.
// --impact with a document format (md, html, pdf, docx) is the report (impact_report.hpp), which the
// tool writes: run_support_mode does not.
enum class SupportRun { unsupported, leavers, impact, impact_report };
std::optional<SupportRun> support_run(const Options& options);
Mode mode_of(SupportRun run);
// Each says whether what --fail-on asked about was found.
bool run_support_mode(SupportRun run, const Options& options, const Rules& rules);

bool write_unsupported(const Options& options, const Rules& rules);  // unsupported.cpp
bool write_leavers(const Options& options, const Rules& rules);      // leavers.cpp
void write_impact(const Options& options, const Rules& rules);       // support.cpp: the table to -o
// --impact's table, given to `table` once every input is read (impact.cpp); the report
// (impact_report.hpp) reads it so.
void write_impact(const Options& options, const Rules& rules, RecordWriter& table);

// Scored records of the learners `only` accepts (all are still read and checked); without `only`,
// every learner, as write_scored_records. With --support the records gain active_support and
// support_received.
bool write_scored_records(const Options& options, const Rules& rules, const std::function<bool(std::string_view id)>& only);

}  // namespace waymark::risk
