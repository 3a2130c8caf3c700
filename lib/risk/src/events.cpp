#include "waymark/risk/events.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/cli.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/errors.hpp"
#include "waymark/hash_search.hpp"
#include "waymark/headings.hpp"

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

  ErrorBudget errors(options.max_errors, options.report_error);
  Record record;
  while (reader->next(record)) {
    errors.attempt([&] {
      std::size_t at = id_column;
      const auto fail = [&](const std::string& problem, const std::string& what) {
        throw value_error(*reader, record, at, problem, what, options.verbose);
      };
      try {
        const auto id = trim(record.values[id_column]);
        if (id.empty()) fail("an event without a learner id", "the learner's id");
        Event event{support::SupportLog::key(id), 0, 0, false};
        at = date_column;
        const auto date = parse_date(record.values[at], options.dates);
        if (!date) fail("no date", "the day of the event");
        event.day = support::day_of(*date);
        at = type_column;
        const auto type = trim(record.values[at]);
        const auto folded = fold_heading(type);
        if (folded.empty()) fail("no type of event", "the school's word for it, such as removal or reduced_timetable");
        const auto known = static_cast<std::size_t>(std::find(log.folded_.begin(), log.folded_.end(), folded) - log.folded_.begin());
        if (known == log.folded_.size()) {
          if (log.types_.size() > 0xffff) throw Error(ErrorKind::bad_data, log.source_ + ": more than 65,536 types of event");
          log.types_.emplace_back(type);
          log.folded_.push_back(folded);
        }
        event.type = static_cast<std::uint16_t>(known);
        if (sessions_column) parse_count(record.values[at = *sessions_column]);  // checked, not scored
        log.events_.push_back(event);
      } catch (const FieldError& e) {
        fail(e.what(), e.expected());
      }
    });
  }
  errors.finish();
  std::stable_sort(log.events_.begin(), log.events_.end(), [](const Event& a, const Event& b) {
    return a.learner != b.learner ? a.learner < b.learner : a.day < b.day;
  });
  log.index_.build(log.events_, [](const Event& e) { return e.learner; });
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

std::span<const EventLog::Event> EventLog::of(std::string_view id) {
  const auto learner = support::SupportLog::key(id);
  const auto first = index_.lower_bound(events_, learner, [](const Event& e) { return e.learner; });
  auto last = first;
  while (last != events_.end() && last->learner == learner) last++->known = true;
  return {first, last};
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
  const auto unknown = std::count_if(events_.begin(), events_.end(), [](const Event& e) { return !e.known; });
  if (unknown > 0)
    warn(fmt::format("{}: {} event{} name{} no learner of {}; not counted", source_, unknown, unknown == 1 ? "" : "s", unknown == 1 ? "s" : "", roll));
}

}  // namespace waymark::risk
