// risk-check's options as given on the command line, its modes, and the formats each writes. The
// scoring, last term's comparison and the support log's figures are lib/risk (waymark::risk).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/document_options.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/risk/rules.hpp"

namespace waymark::risk_check {

using namespace waymark::risk;

struct Options {
  CommonOptions common;            // risk.common is made from these (read_options)
  DocumentOptions documents;       // the --impact report's; --lang also words the reasons and actions
  risk::Options risk;              // the run as lib/risk reads it
  std::vector<std::string> tiers;  // output only these
  std::string explain_id;
  bool summary = false;
  std::string outcomes_path;              // --evaluate
  std::string fail_on;                    // a tier: exit 1 if any learner is at or above it; or a tier change (--since)
  std::vector<std::string> tier_changes;  // with --since, output only these
  bool print_rules = false;
  bool unsupported = false;
  bool impact = false;
};

// What lib/risk reads files with, from the options every tool shares (after parsing).
ReadOptions read_options(const CommonOptions& common);

// risk-check's modes, and the formats each writes: checked before any input is read.
enum class Run { records, summary, explain, evaluate };
Mode mode_of(Run run);
// Which options take effect in which mode, these four and --print-rules and --show-columns: the
// one place to add an option to (docs/conventions.md shows it; tests/options/option-modes tries it).
OptionModes option_modes();

// The modes with a support log (support_options.cpp), when the options ask for one. --impact with a
// document format (md, html, pdf, docx) is the report.
enum class SupportRun { unsupported, leavers, impact, impact_report };
std::optional<SupportRun> support_run(const Options& options);
Mode mode_of(SupportRun run);
// --support, --support-names, --as-of, --events, --unsupported, --impact, --since-date.
void add_support_options(CLI::App& app, Options& options);
// Checks the support options against one another and the mode (Error(usage)).
void check_support_options(const Options& options);

// The modes, a file each. Those returning bool say whether what --fail-on asked about was found.
// Scored records of the learners `only` accepts (all are still read and checked); without `only`,
// every learner. With --support the records gain active_support and support_received.
bool write_scored_records(const Options& options, const Rules& rules,
                          const std::function<bool(std::string_view id)>& only = nullptr);  // score.cpp
void explain_learner(const Options& options, const Rules& rules);                           // explain.cpp
bool write_summary(const Options& options, const Rules& rules);                             // summary.cpp
bool write_movement_summary(const Options& options, const Rules& rules);                    // since_summary.cpp: --summary --since
void write_evaluation(const Options& options, const Rules& rules);                          // evaluate.cpp
bool write_unsupported(const Options& options, const Rules& rules);                         // unsupported.cpp
bool write_leavers(const Options& options, const Rules& rules);                             // leavers.cpp: --tier-change left
void write_impact_table(const Options& options, const Rules& rules);                        // impact_table.cpp: --impact
// The --impact report (impact_report.cpp): its template, --paper and --by checked before any input
// is read, then the report written.
void check_impact_report(const Options& options);
void write_impact_report(const Options& options, const Rules& rules);

}  // namespace waymark::risk_check
