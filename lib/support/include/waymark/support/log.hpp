// The support log (waymark-support(5)): one row per piece of support a learner received, read
// like every other record input and held compactly, so that a log of a million rows sits beside
// two snapshots of a million learners.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/catalogue.hpp"
#include "waymark/codes.hpp"
#include "waymark/fields.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/records.hpp"
#include "waymark/support/dated_log.hpp"

namespace waymark::support {

// A day as a count of days since 1970-01-01 (std::chrono::sys_days).
using Day = std::int32_t;
inline constexpr Day continuing = std::numeric_limits<Day>::max();  // no end date yet
Day day_of(std::chrono::year_month_day date);

// The school's own names for its support, each mapped to one of the 13 actions or to none
// (support the toolkit does not describe, reported under the school's name): a file of lines
// `Name = A02` or `Name =`, '#' starting a comment. Names are compared as headings are (case,
// spaces and punctuation folded).
class ActionNames {
 public:
  ActionNames() = default;
  // Throws Error(missing_input) if it cannot be read, Error(bad_data) naming the line for a line
  // without '=', an action that is not A01-A13, or a name given twice.
  static ActionNames load(const std::string& path, const Catalogue& catalogue);
  struct Meaning {
    std::string action;  // "A02", or "" for support that is none of the actions
  };
  const Meaning* find(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, Meaning>> names_;  // folded name, meaning
};

struct LogOptions {
  InputOptions input;
  DateOrder dates = DateOrder::dmy;
  bool verbose = false;
  std::size_t max_errors = 20;  // bad values reported before the run stops (0: all)
  MessageSink report_error;     // one bad value (the run still fails at the end)
};

class SupportLog {
 public:
  // One row of the log, as the tools need it (24 bytes, whatever the row's width).
  struct Piece {
    std::uint64_t learner;  // learner_key(id)
    Day start;
    Day end;  // `continuing` while it continues
    std::uint32_t line;
    std::uint16_t action;  // label(action): "A01".."A13", then the school's own names
    SupportStatus status;  // active when the log has no status column or the cell is empty
    bool known;            // some lookup found its learner
  };
  static_assert(sizeof(Piece) == 24);

  // Reads and checks the whole log; every bad value is reported (up to max_errors) and the run
  // then fails with Error(bad_data). Refuses a log without a learner, action or start column.
  static SupportLog read(const LogOptions& options, const Catalogue& catalogue, const ActionNames& names);

  // The pieces of a learner (learner_key(id)), in the log's order; marks them as belonging to a
  // known learner.
  std::span<const Piece> of(std::string_view id) { return pieces_.of(learner_key(id)); }
  std::span<const Piece> of_key(std::uint64_t learner) { return pieces_.of(learner); }
  // Where a learner's pieces begin in the log (or would): asked in ascending order of key, a
  // sequential pass. of_key_at(position(key), key) is of_key(key).
  std::uint32_t position(std::uint64_t learner) { return static_cast<std::uint32_t>(pieces_.position(learner)); }
  std::span<const Piece> of_key_at(std::uint32_t position, std::uint64_t learner) { return pieces_.at(position, learner); }
  // Fetches a learner's rows from memory ahead of of_key(learner), or of of_key_at(position, ...).
  void prefetch(std::uint64_t learner) const { pieces_.prefetch(learner); }
  void prefetch_at(std::uint32_t position) const { pieces_.prefetch_at(position); }

  // Support given on `day`: started by then, not ended before, neither planned nor declined.
  static bool active_on(const Piece& piece, Day day);
  // Support given at some time from `from` to `to` (both included).
  static bool given_between(const Piece& piece, Day from, Day to);

  const std::string& label(std::uint16_t action) const { return labels_[action]; }
  std::size_t action_count() const { return labels_.size(); }
  std::size_t size() const { return pieces_.size(); }
  const std::string& source_name() const { return source_; }

  // Rows whose learner no call of of() asked for: a warning each for the first few, naming the
  // line (logs outlive rolls, so this is not an error), then a count. `roll` names what was
  // searched ("spring.csv").
  void warn_unknown_learners(const MessageSink& warn, const std::string& roll) const;

 private:
  RowsByLearner<Piece> pieces_;  // by learner, then line
  std::vector<std::string> labels_;
  std::string source_;
};

// Writes a support log (waymark-support(5)) with the columns the reader takes, in order: id,
// action, start, end, sessions_offered, sessions_attended, delivered_by, status. Cells go through
// `writer` (CSV guarded against formulas, as every output is); dates are ISO.
class LogWriter {
 public:
  explicit LogWriter(RecordWriter& writer);
  // One piece of support with no end yet and no sessions counted; `delivered_by` may be empty.
  void add(std::string_view id, std::string_view action, std::chrono::year_month_day start, std::string_view delivered_by,
           SupportStatus status);
  void finish() { writer_.finish(); }

 private:
  RecordWriter& writer_;
};

}  // namespace waymark::support
