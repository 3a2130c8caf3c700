#include "waymark/risk/events.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/errors.hpp"
#include "waymark/headings.hpp"
#include "waymark/risk/cohort.hpp"

namespace waymark::risk {

EventLog EventLog::read(const support::LogOptions& options) {
  const auto reader = open_records(options.input);
  EventLog log;
  log.source_ = reader->source_name();
  const std::string expected = "columns id, date and type (risk-check(1), EVENTS)";
  const std::size_t id_column = reader->require_column("id", expected);
  const std::size_t date_column = reader->require_column("date", expected);
  const std::size_t type_column = reader->require_column("type", expected);
  const auto sessions_column = reader->find_column("sessions");

  support::read_rows(*reader, options, [&](support::LogRow& row) {
    Event event{row.learner(id_column, "an event without a learner id"), 0, 0, false};
    const auto date = parse_date(row.at(date_column), options.dates);
    if (!date) row.fail("no date", "the day of the event");
    event.day = support::day_of(*date);
    const auto type = trim(row.at(type_column));
    const auto folded = fold_heading(type);
    if (folded.empty()) row.fail("no type of event", "the school's word for it, such as removal or reduced_timetable");
    const auto known = static_cast<std::size_t>(std::find(log.folded_.begin(), log.folded_.end(), folded) - log.folded_.begin());
    if (known == log.folded_.size()) {
      if (log.types_.size() > 0xffff) throw Error(ErrorKind::bad_data, log.source_ + ": more than 65,536 types of event");
      log.types_.emplace_back(type);
      log.folded_.push_back(folded);
    }
    event.type = static_cast<std::uint16_t>(known);
    if (sessions_column) parse_count(row.at(*sessions_column));  // checked, not scored
    log.events_.push_back(event);
  });
  log.events_.index([](const Event& a, const Event& b) { return a.day < b.day; });
  return log;
}

EventLog read_events(const Options& options) {
  if (options.events_path == "-" && options.common.input == "-")
    throw Error(ErrorKind::usage, "--events and the input cannot both be standard input");
  support::LogOptions log_options;
  log_options.input = options.common.input_options(options.events_path);
  log_options.dates = options.common.date_order();
  log_options.verbose = options.common.verbose;
  log_options.max_errors = options.common.max_errors;
  log_options.report_error = options.common.report_error;
  return EventLog::read(log_options);
}

std::optional<std::uint16_t> EventLog::type_of(std::string_view name) const {
  const auto it = std::find(folded_.begin(), folded_.end(), fold_heading(name));
  if (it == folded_.end()) return std::nullopt;
  return static_cast<std::uint16_t>(it - folded_.begin());
}

long EventLog::count(std::span<const Event> events, std::uint16_t type, support::Day from, support::Day to) {
  return std::count_if(events.begin(), events.end(), [&](const Event& e) { return e.type == type && e.day >= from && e.day <= to; });
}

void EventLog::warn_unknown_learners(const MessageSink& warn, const std::string& roll) const {
  if (!warn) return;
  const auto all = events_.all();
  const auto unknown = std::count_if(all.begin(), all.end(), [](const Event& e) { return !e.known; });
  if (unknown > 0)
    warn(fmt::format("{}: {} event{} name{} no learner of {}; not counted", source_, unknown, unknown == 1 ? "" : "s",
                     unknown == 1 ? "s" : "", roll));
}

}  // namespace waymark::risk
