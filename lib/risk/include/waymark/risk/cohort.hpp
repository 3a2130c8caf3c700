// What every mode of risk-check shares: the run's options as the library takes them, and reading
// the cohort one assessed learner at a time. The command line is the tool's (tools/risk-check).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "waymark/error_budget.hpp"
#include "waymark/fields.hpp"
#include "waymark/plausibility.hpp"
#include "waymark/pseudonymise.hpp"
#include "waymark/records.hpp"
#include "waymark/risk/assess.hpp"
#include "waymark/risk/learner.hpp"
#include "waymark/risk/rules.hpp"
#include "waymark/small_counts.hpp"
#include "waymark/unique_ids.hpp"

namespace waymark::risk {

// How the run's files are read: what the options every tool shares (--input-format, --delimiter,
// --encoding, --sheet, --columns, --date-format, --verbose, --max-errors) make of them, as the tool
// gives it.
struct ReadOptions {
  std::string input = "-";            // the learners; "-" is standard input
  std::string input_format = "auto";  // theirs; other files' formats are detected
  DateOrder dates = DateOrder::dmy;
  bool verbose = false;         // messages may quote values
  std::size_t max_errors = 20;  // bad values reported before stopping; 0: all
  MessageSink warn;             // nullptr: warnings are dropped
  MessageSink report_error;     // an error of a run that goes on to find more
  // A file's InputOptions (its delimiter, encoding, sheet and headings), its format detected; without
  // it, the defaults with `warn`.
  std::function<InputOptions(const std::string& path)> file;

  InputOptions input_options() const;                         // the learners'
  InputOptions input_options(const std::string& path) const;  // another file's (--since, --events, ...)
  DateOrder date_order() const { return dates; }
};

// The run as risk-check's modes read it: the inputs beside the learners and how learners are
// scored, grouped and shared. Which mode runs, and what it writes where, is the tool's.
struct Options {
  ReadOptions common;
  std::string rules_path;         // empty: the default rules; said in --since's note
  std::vector<std::string> by;    // group columns for --summary, --evaluate and --impact
  std::string key_path;           // --pseudonymise
  std::vector<std::string> keep;  // --keep: columns shared under pseudonyms besides the fields
  std::size_t max_actions = 3;
  std::string since_path;  // --since: last term's file
  // The support log (support.hpp): --support, --support-names, --as-of, --since-date.
  std::string support_path;
  std::string support_names_path;
  std::string as_of;
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

// Counts in group tables are shown as official statistics show them: waymark/small_counts.hpp.
// Differences between rows of one --by column are not protected: combine rare groups before sharing.
// 0.2134 -> "21.3%"
std::string percent(double share);

}  // namespace waymark::risk
