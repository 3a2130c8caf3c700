#include "waymark/risk/cohort.hpp"
#include "waymark/risk/events.hpp"
#include "waymark/risk/since.hpp"
#include "waymark/risk/support.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark::risk {

namespace {

// What pseudonymised output may carry besides the results: the fields risk-check scores (and the
// sessions, hours or days attendance is worked out from) and the characteristics groups are
// compared by. Not the date of birth, which risk-check reads but which helps identify a learner,
// nor the codice fiscale, which spells it out.
std::vector<std::string> shareable_fields(const Rules& rules) {
  std::vector<std::string> fields{"id",           "sessions_possible", "sessions_attended", "gender",     "year_group", "absence_hours",
                                  "annual_hours", "absence_pct",       "absence_days",      "school_days"};
  for (std::size_t i = 0; i < field_count; ++i) fields.emplace_back(LearnerReader::column_of(static_cast<Field>(i)));
  for (const auto& own : rules.fields)
    if (own.source == RuleField::Source::declared) fields.push_back(own.name);
  return fields;
}

}  // namespace

InputOptions ReadOptions::input_options() const {
  InputOptions options = input_options(input);
  if (input_format != "auto") options.format = parse_record_format(input_format);
  return options;
}

InputOptions ReadOptions::input_options(const std::string& path) const {
  if (file) return file(path);
  InputOptions options;
  options.path = path;
  options.warn = warn;
  return options;
}

CohortScan::CohortScan(const Options& options, const Rules& rules)
    : reader_(open_records(options.common.input_options())),
      learners_(*reader_, rules, options.common.date_order(), options.common.verbose, as_of_day(options)),
      assessor_(rules, *rules.catalogue, options.max_actions),
      errors_(options.common.max_errors, options.common.report_error),
      rules_(rules),
      warn_(options.common.warn) {
  learners_.check_columns(rules, options.common.warn, options.require_all_fields);
  prepare_worked_out(options);
  attendance_column_ = reader_->find_column("attendance_pct");
  if (options.key_path.empty()) return;
  pseudonymiser_ = Pseudonymiser::from_key_file(options.key_path);
  shared_ = waymark::shared_columns(*reader_, shareable_fields(rules), options.keep);
  // Group values are printed as they are: grouping by the id or by a column that is not shared
  // would print what pseudonymising is meant to hide.
  const auto id_column = reader_->find_column("id");
  for (const auto& name : options.by) {
    const auto column = reader_->find_column(name);
    if (column && (!shared_.kept[*column] || column == id_column)) {
      throw Error(ErrorKind::usage, fmt::format("--by {}: with --pseudonymise, groups are only by columns safe to share "
                                                "(the fields risk-check scores, gender, year_group, or one named in --keep)",
                                                name));
    }
  }
}

void CohortScan::prepare_worked_out(const Options& options) {
  const auto& warn = options.common.warn;
  std::vector<std::string> changes, counts;
  for (std::size_t i = 0; i < rules_.fields.size(); ++i) {
    const auto& own = rules_.fields[i];
    if (own.source == RuleField::Source::change) changes.push_back(own.name);
    if (own.source == RuleField::Source::events) counts.push_back(own.name);
  }
  if (!changes.empty() && options.since_path.empty() && warn) {
    warn(
        fmt::format("the rules test {}, a change since an earlier file: without --since it is unknown for every learner "
                    "(listed in missing), never false",
                    fmt::join(changes, ", ")));
  }
  if (!counts.empty() && options.events_path.empty() && !options.earlier_file && warn) {
    warn(fmt::format("the rules count {}: without --events the counts are unknown for every learner (listed in missing)",
                     fmt::join(counts, ", ")));
  }
  if (!options.events_path.empty()) {
    events_ = std::make_shared<EventLog>(read_events(options));
    as_of_ = as_of_day(options);
    if (counts.empty() && warn)
      warn(fmt::format("--events {}: the rules count no events (a field events.<type>), so the events change no score",
                       events_->source_name()));
  }
  for (std::size_t i = 0; i < rules_.fields.size(); ++i) {
    const auto& own = rules_.fields[i];
    WorkedOut field;
    field.field = field_count + i;
    if (own.source == RuleField::Source::change) {
      field.change = true;
      field.of = static_cast<std::size_t>(own.of);
      // The Snapshot keeps the fields in the rules' order (read_snapshot).
      for (std::size_t j = 0; j < i; ++j) field.kept += rules_.fields[j].source == RuleField::Source::change;
    } else if (own.source == RuleField::Source::events) {
      if (!events_) continue;
      field.type = events_->type_of(own.event_type);
      field.from = own.within_days ? as_of_ - own.within_days + 1 : std::numeric_limits<std::int32_t>::min();
      if (!field.type && warn) {
        std::vector<std::string> types;
        for (std::size_t t = 0; t < events_->type_count(); ++t)
          types.push_back("'" + events_->type_label(static_cast<std::uint16_t>(t)) + "'");
        warn(fmt::format("{}: no event has type '{}', so {} is 0 for every learner (types in the file: {})", events_->source_name(),
                         own.event_type, own.name, types.empty() ? std::string("none") : fmt::format("{}", fmt::join(types, ", "))));
      }
    } else {
      continue;
    }
    worked_out_.push_back(field);
  }
}

void CohortScan::work_out_fields() {
  std::optional<Snapshot::Previous> previous;
  bool looked = false;
  std::span<const EventLog::Event> events;
  if (events_) events = events_->of(learner_.id);
  for (const auto& field : worked_out_) {
    double& value = learner_.values[field.field];
    if (field.change) {
      if (!earlier_) continue;
      if (!looked) {
        previous = earlier_->find(learner_.id);
        // Last term's file may hold the ids pseudonymised with the same key.
        if (!previous && pseudonymiser_) previous = earlier_->find(pseudonymiser_->pseudonym(learner_.id));
        looked = true;
      }
      if (previous && previous->values) value = learner_.values[field.of] - previous->values[field.kept];  // NaN if either is unknown
    } else {
      value = field.type ? static_cast<double>(EventLog::count(events, *field.type, field.from, as_of_)) : 0.0;
    }
  }
}

bool CohortScan::next() {
  // A learner with a bad value is reported and passed over, so one run shows every bad value.
  while (reader_->next(record_)) {
    if (errors_.attempt([&] { read_and_assess(); })) return true;
  }
  errors_.finish();
  if (events_) events_->warn_unknown_learners(warn_, reader_->source_name());
  attendance_scale_.check(*reader_, "attendance_pct");
  // Repeats further apart than the in-memory window are found once the whole input is read.
  if (const auto repeat = ids_.finish()) {
    throw data_error({reader_->source_name(), repeat->line, "id"}, "this id is already used on line " + std::to_string(repeat->first_line),
                     "each learner once");
  }
  return false;
}

void CohortScan::read_and_assess() {
  // The id's slot in the table of ids seen is fetched from memory while the learner is read and
  // assessed.
  const auto id = ids_.key(learners_.id_of(record_));
  learners_.read(record_, learner_);
  if (!worked_out_.empty())
    work_out_fields();
  else if (events_)
    events_->of(learner_.id);  // marks the learner's events as theirs (warn_unknown_learners)
  // Attendance read from its column (not worked out from sessions) is checked for fractions.
  if (attendance_column_) {
    if (const auto text = trim(record_.values[*attendance_column_]); !text.empty())
      attendance_scale_.add(text, learner_[Field::attendance], record_.line);
  }
  assessor_.assess(learner_, assessment_);
  if (const long first = ids_.insert(id, record_.line)) {
    throw data_error({reader_->source_name(), record_.line, "id"}, "this id is already used on line " + std::to_string(first),
                     "each learner once");
  }
}

std::vector<std::size_t> group_columns(const RecordReader& reader, const std::vector<std::string>& names) {
  std::vector<std::size_t> columns;
  for (const auto& name : names) {
    const auto column = reader.find_column(name);
    if (!column) throw data_error({reader.source_name(), 1, name}, "--by names a column the input does not have", "a column of the header");
    columns.push_back(*column);
  }
  return columns;
}

std::string percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }

}  // namespace waymark::risk
