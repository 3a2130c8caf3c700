#include "waymark/gatsby/activities.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/academic_year.hpp"
#include "waymark/errors.hpp"

namespace waymark::gatsby {

namespace {

// Unknown pupils are named one by one up to here, then counted.
constexpr long warnings_with_lines = 5;

}  // namespace

long LogCounts::planned_total() const {
  long total = 0;
  for (const long count : planned) total += count;
  return total;
}

LogCounts read_activities(const LogOptions& options, const Roll& roll, Progress& progress,
                          const std::function<void(const std::string&)>& warn) {
  const auto reader = open_records(options.input);
  const auto& source = reader->source_name();
  const std::size_t pupil_column = reader->require_column("pupil_id", "a column pupil_id naming the pupil, as in the pupils file");
  const std::size_t date_column = reader->require_column("date", "a column date holding the day of the activity");
  const std::size_t kind_column = reader->require_column("kind", "a column kind: " + kind_list());
  const auto provider_type_column = reader->find_column("provider_type");
  const auto meaningful_column = reader->find_column("meaningful");
  const auto subject_column = reader->find_column("subject");
  const auto as_of_days = std::chrono::sys_days{options.as_of};

  LogCounts counts;
  Record record;
  Activity activity;
  while (reader->next(record)) {
    ++counts.activities;
    std::size_t at = pupil_column;
    auto fail = [&](const std::string& problem, const std::string& expected) {
      throw value_error(*reader, record, at, problem, expected, options.verbose);
    };
    try {
      const auto id = trim(record.values[pupil_column]);
      const auto pupil = roll.find(id);
      // The row is still checked below: a bad date or kind is an error whoever it is for.
      at = date_column;
      const auto date = parse_date(record.values[at], options.dates);
      if (!date) fail("the date is empty", "the day of the activity");
      // A date still to come is an activity planned, not one done: it meets no criterion yet.
      const bool planned = std::chrono::sys_days{*date} > as_of_days;
      activity.academic_year = academic_year_of(*date);
      at = kind_column;
      const auto kind = parse_kind(trim(record.values[at]));
      if (!kind) fail("not a kind of careers activity", kind_list());
      activity.kind = *kind;
      activity.provider_type.reset();
      if (provider_type_column && (*kind == Kind::provider_encounter || *kind == Kind::university_visit)) {
        at = *provider_type_column;
        const auto text = trim(record.values[at]);
        if (!text.empty()) {
          activity.provider_type = parse_provider_type(text);
          if (!activity.provider_type) fail("not a type of provider", provider_type_list());
        }
      }
      activity.meaningful = Answer::unknown;
      if (meaningful_column) activity.meaningful = parse_answer(record.values[at = *meaningful_column], false);
      if (!planned && activity.meaningful == Answer::unknown && progress.needs_meaningful(activity.kind)) ++counts.meaningful_unknown;
      activity.subject = subject_column ? trim(record.values[*subject_column]) : std::string_view{};

      if (!pupil) {
        ++counts.unknown_pupil;
        if (counts.unknown_pupil <= warnings_with_lines) {
          at = pupil_column;
          warn(describe({source, record.line, "pupil_id"},
                        options.verbose ? fmt::format("no pupil has the id '{}'; the activity is not counted", id)
                                        : "no pupil has this id; the activity is not counted",
                        "an id of the pupils file"));
        }
        continue;
      }
      if (planned) {
        ++counts.planned[static_cast<std::size_t>(activity.kind)];
        continue;
      }
      activity.pupil = *pupil;
      counts.first_academic_year = std::min(counts.first_academic_year.value_or(activity.academic_year), activity.academic_year);
      if (!progress.record(roll.pupils()[*pupil], activity)) ++counts.outside_years;
    } catch (const FieldError& e) {
      fail(e.what(), e.expected());
    }
  }
  if (counts.unknown_pupil > warnings_with_lines) {
    warn(fmt::format("{}: {} activities in all name no pupil of the pupils file; none of them is counted", source, counts.unknown_pupil));
  }
  return counts;
}

}  // namespace waymark::gatsby
