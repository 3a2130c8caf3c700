#include "waymark/risk/cohort.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark::risk {

namespace {

// What pseudonymised output may carry besides the results: the fields risk-check scores (and the
// sessions attendance is worked out from) and the characteristics groups are compared by. Not the
// date of birth, which risk-check reads but which helps identify a learner.
std::vector<std::string> shareable_fields() {
  std::vector<std::string> fields{"id", "sessions_possible", "sessions_attended", "gender", "year_group"};
  for (std::size_t i = 0; i < field_count; ++i) fields.emplace_back(LearnerReader::column_of(static_cast<Field>(i)));
  return fields;
}

}  // namespace

Mode mode_of(Run run) {
  switch (run) {
    case Run::records:
      return {"scoring", {"csv", "json", "ndjson"}, "txt is for --summary, --evaluate and --explain; md, html, pdf and docx for the --impact report"};
    case Run::summary: return {"--summary", {"txt", "csv", "json"}};
    case Run::explain: return {"--explain", {"txt"}};
    case Run::evaluate: return {"--evaluate", {"txt", "csv", "json"}};
  }
  return {};
}

OptionModes option_modes() {
  // One mark per mode: y takes effect, - is refused there. --impact with md, html, pdf or docx is the
  // report (impact_report.hpp).
  return {{"scoring", "--summary", "--explain", "--evaluate", "--print-rules", "--show-columns", "--unsupported",
           "--tier-change left", "--impact", "the --impact report"},
          {
              {"input", "yyyy-yyyyy"},
              {"--output", "yyyy--yyyy"},
              {"--format", "yyyy--yyyy"},
              {"--input-format", "yyyy-yyyyy"},
              {"--delimiter", "yyyy-yyyyy"},
              {"--encoding", "yyyy-yyyyy"},
              {"--sheet", "yyyy-yyyyy"},
              {"--columns", "yyyy-yyyyy"},
              {"--show-columns", "-----y----"},
              {"--date-format", "yyyy--yyyy"},
              {"--verbose", "yyyy--yyyy"},
              {"--rules", "yyyy--yyyy"},
              {"--print-rules", "----y-----"},
              {"--tier", "y-----yy--"},
              {"--max-errors", "yyyy--yyyy"},
              {"--actions", "y-y---yy--"},
              {"--fail-on", "yy----y---"},   // --summary: the tier counts, or with --since the changes
              {"--since", "yy-----yyy"},
              {"--tier-change", "y------y--"},
              {"--pseudonymise", "yy-y--yy--"},  // --summary, --evaluate: which --by columns may be shown
              {"--keep", "yy-y--yy--"},
              {"--explain", "--y-------"},
              {"--summary", "-y--------"},
              {"--by", "-y-y----yy"},
              {"--evaluate", "---y------"},
              {"--require-all-fields", "yyyy--yyyy"},  // every mode that scores learners
              {"--support", "y-----yyyy"},  // the support log: scoring adds active_support and support_received
              {"--support-names", "y-----yyyy"},
              {"--as-of", "y-----yyyy"},
              {"--unsupported", "------y---"},
              {"--impact", "--------yy"},
              {"--since-date", "--------yy"},
              // The documents' options: the --impact report is the one document risk-check writes.
              {"--template", "---------y"},
              {"--templates", "---------y"},
              {"--set", "---------y"},
              {"--settings", "---------y"},
              {"--paper", "---------y"},
              {"--lang", "---------y"},
          }};
}

CohortScan::CohortScan(const Options& options, const Rules& rules)
    : reader_(open_records(options.common.input_options())),
      learners_(*reader_, *rules.catalogue, options.common.date_order(), options.common.verbose),
      assessor_(rules, *rules.catalogue, options.max_actions),
      errors_(options.common.max_errors, options.common.report_error) {
  learners_.check_columns(rules, options.common.warn, options.require_all_fields);
  attendance_column_ = reader_->find_column("attendance_pct");
  if (options.key_path.empty()) return;
  pseudonymiser_ = Pseudonymiser::from_key_file(options.key_path);
  shared_ = waymark::shared_columns(*reader_, shareable_fields(), options.keep);
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

bool CohortScan::next() {
  // A learner with a bad value is reported and passed over, so one run shows every bad value.
  while (reader_->next(record_)) {
    if (errors_.attempt([&] { read_and_assess(); })) return true;
  }
  errors_.finish();
  attendance_scale_.check(*reader_, "attendance_pct");
  // Repeats further apart than the in-memory window are found once the whole input is read.
  if (const auto repeat = ids_.finish()) {
    throw data_error({reader_->source_name(), repeat->line, "id"},
                     "this id is already used on line " + std::to_string(repeat->first_line), "each learner once");
  }
  return false;
}

void CohortScan::read_and_assess() {
  // The id's slot in the table of ids seen is fetched from memory while the learner is read and
  // assessed.
  const auto id = ids_.key(learners_.id_of(record_));
  learners_.read(record_, learner_);
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

std::string suppressed(long count) { return count > 0 && count < 5 ? "<5" : std::to_string(count); }

ShownCells suppress(std::span<const long> counts) {
  ShownCells shown;
  std::vector<bool> hidden(counts.size());
  int small = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) small += (hidden[i] = counts[i] > 0 && counts[i] < 5);
  if (small == 1) {
    std::size_t next = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (!hidden[i] && counts[i] > 0 && (next == counts.size() || counts[i] < counts[next])) next = i;
    if (next < counts.size()) hidden[next] = true;
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    shown.cells.push_back(!hidden[i] ? std::to_string(counts[i]) : counts[i] < 5 ? "<5" : "c");
    shown.any = shown.any || hidden[i];
  }
  return shown;
}

nlohmann::ordered_json cell_json(const std::string& shown) {
  return shown == "<5" || shown == "c" ? nlohmann::ordered_json(shown) : nlohmann::ordered_json(std::stol(shown));
}

std::string percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }

}  // namespace waymark::risk
