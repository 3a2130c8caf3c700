// --events: the school's own dated events (a removal from class, an internal exclusion, a reduced
// timetable, a managed move), one row each, read like every other record input. A rule counts a
// learner's events of one type (events.<type>), all up to --as-of or those in the N days up to it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/support/dated_log.hpp"
#include "waymark/support/log.hpp"

namespace waymark::risk {

class EventLog {
 public:
  // One row (16 bytes, whatever the row's width).
  struct Event {
    std::uint64_t learner;  // support::learner_key(id)
    support::Day day;
    std::uint16_t type;  // type_label(type): the school's word, as first written
    bool known;          // some lookup found its learner
  };

  // Reads and checks the whole file: columns id, date and type (the school's headings through
  // columns.json and --columns), sessions optional. Every bad value is reported (up to
  // max_errors), then the run fails with Error(bad_data).
  static EventLog read(const support::LogOptions& options);

  // A learner's events, sorted by day; marks them as belonging to a known learner.
  std::span<const Event> of(std::string_view id) { return events_.of(support::learner_key(id)); }
  // The type a rule names (events.<type>), compared as headings are ("Internal exclusion" is
  // internal_exclusion); nullopt when no row has it.
  std::optional<std::uint16_t> type_of(std::string_view name) const;
  const std::string& type_label(std::uint16_t type) const { return types_[type]; }
  std::size_t type_count() const { return types_.size(); }
  std::size_t size() const { return events_.size(); }
  const std::string& source_name() const { return source_; }
  // How many events of `type` in `events` fall from `from` to `to` (days, both included).
  static long count(std::span<const Event> events, std::uint16_t type, support::Day from, support::Day to);
  // Rows whose learner no call of of() asked for, as a warning naming how many (an events file
  // outlives a roll, so this is not an error). `roll` names what was searched.
  void warn_unknown_learners(const MessageSink& warn, const std::string& roll) const;
  // All events, sorted by learner and day.
  std::span<const Event> all() const { return events_.all(); }

 private:
  support::RowsByLearner<Event> events_;  // by learner, then day
  std::vector<std::string> types_;        // as first written
  std::vector<std::string> folded_;       // fold_heading of each
  std::string source_;
};

struct Options;
// Reads --events with the run's options (its own format and encoding, --date-format, --verbose,
// --max-errors); Error(usage) when it and the input are both standard input.
EventLog read_events(const Options& options);

}  // namespace waymark::risk
