// What every mode of risk-check shares: options, and reading the cohort one assessed learner at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/plausibility.hpp"
#include "waymark/pseudonymise.hpp"
#include "waymark/records.hpp"
#include "waymark/risk/assess.hpp"
#include "waymark/risk/learner.hpp"
#include "waymark/risk/rules.hpp"
#include "waymark/small_counts.hpp"
#include "waymark/unique_ids.hpp"

namespace waymark::risk {

struct Options {
  CommonOptions common;
  std::string rules_path;
  std::vector<std::string> tiers;  // output only these
  std::string explain_id;
  bool summary = false;
  std::vector<std::string> by;  // group columns for --summary and --evaluate
  std::string outcomes_path;
  std::string key_path;           // --pseudonymise
  std::vector<std::string> keep;  // --keep: columns shared under pseudonyms besides the fields
  std::size_t max_actions = 3;
  std::string fail_on;                    // a tier: exit 1 if any learner is at or above it; or a tier change (--since)
  std::string since_path;                 // --since: last term's file
  std::vector<std::string> tier_changes;  // with --since, output only these
  bool print_rules = false;
  // The support log (support.hpp): --support, --support-names, --as-of, --unsupported, --impact, --since-date.
  std::string support_path;
  std::string support_names_path;
  std::string as_of;
  bool unsupported = false;
  bool impact = false;
  std::string since_date;
  bool require_all_fields = false;  // --require-all-fields: a field the rules test without a column is an error
  std::string events_path;          // --events: the school's dated events (events.hpp)
  bool earlier_file = false;        // scoring the --since file: its events are not counted (they are up to this term's --as-of)
};

class Snapshot;
class EventLog;

// Reads learners, checks each id is new, and assesses them.
class CohortScan {
 public:
  CohortScan(const Options& options, const Rules& rules);

  const RecordReader& reader() const { return *reader_; }
  // Advances to the next learner; false at the end.
  bool next();
  const Record& record() const { return record_; }
  const Learner& learner() const { return learner_; }
  const Assessment& assessment() const { return assessment_; }
  const Assessor& assessor() const { return assessor_; }
  // With --pseudonymise: the key, and the input columns that may be shared; nullptr without.
  const Pseudonymiser* pseudonymiser() const { return pseudonymiser_ ? &*pseudonymiser_ : nullptr; }
  const SharedColumns* shared_columns() const { return pseudonymiser_ ? &shared_ : nullptr; }
  // --since: the earlier file, which the rules' fell_by and rose_by compare with; before next().
  // Without it those tests are unknown (listed in `missing`), never false.
  void use_earlier(Snapshot& before) { earlier_ = &before; }

 private:
  void read_and_assess();
  // The rules' fields worked out rather than read: changes since --since, counts of --events.
  void work_out_fields();
  void prepare_worked_out(const Options& options);

  std::unique_ptr<RecordReader> reader_;
  LearnerReader learners_;
  Assessor assessor_;
  UniqueIds ids_;
  Record record_;
  Learner learner_;
  Assessment assessment_;
  ErrorBudget errors_;
  std::optional<std::size_t> attendance_column_;
  PercentScale attendance_scale_;  // fractions among percentages, or a column of them
  std::optional<Pseudonymiser> pseudonymiser_;
  SharedColumns shared_;
  const Rules& rules_;
  MessageSink warn_;
  Snapshot* earlier_ = nullptr;
  std::shared_ptr<EventLog> events_;
  std::int32_t as_of_ = 0;
  struct WorkedOut {
    std::size_t field = 0;              // where in Learner::values
    std::size_t of = 0;                 // change: the field that changed
    std::size_t kept = 0;               // change: its place among the Snapshot's kept values
    std::optional<std::uint16_t> type;  // events: the type in the log, nullopt if none has it
    std::int32_t from = 0;              // events: the first day counted
    bool change = false;
  };
  std::vector<WorkedOut> worked_out_;
};

// Positions of the --by columns; throws Error(data) for a column the input does not have.
std::vector<std::size_t> group_columns(const RecordReader& reader, const std::vector<std::string>& names);

// risk-check's modes, and the formats each writes: checked before any input is read.
enum class Run { records, summary, explain, evaluate };
Mode mode_of(Run run);
// Which options take effect in which mode, these four and --print-rules and --show-columns: the
// one place to add an option to (docs/conventions.md shows it; tests/options/option-modes tries it).
OptionModes option_modes();

// The modes. write_scored_records says whether a learner matched --fail-on; explain and evaluate
// write what they were asked for and have nothing to match (--fail-on is refused with them).
bool write_scored_records(const Options& options, const Rules& rules);
void explain_learner(const Options& options, const Rules& rules);
// write_summary says whether a learner's tier matched --fail-on (the tier counts).
bool write_summary(const Options& options, const Rules& rules);
void write_evaluation(const Options& options, const Rules& rules);

// Counts in group tables are shown as official statistics show them: waymark/small_counts.hpp.
// Differences between rows of one --by column are not protected: combine rare groups before sharing.
// 0.2134 -> "21.3%"
std::string percent(double share);

}  // namespace waymark::risk
