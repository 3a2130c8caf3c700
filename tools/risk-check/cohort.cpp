#include "cohort.hpp"

#include <fmt/format.h>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"

namespace waymark::risk {

CohortScan::CohortScan(const Options& options, const Rules& rules)
    : reader_(open_records(options.common.input_options())),
      learners_(*reader_, options.common.date_order(), options.common.verbose),
      assessor_(rules, Catalogue::builtin(), options.max_actions) {}

bool CohortScan::next() {
  if (!reader_->next(record_)) return false;
  learners_.read(record_, learner_);
  if (const long first = ids_.insert(learner_.id, record_.line)) {
    throw data_error({reader_->source_name(), record_.line, "id"}, "this id is already used on line " + std::to_string(first),
                     "each learner once");
  }
  assessor_.assess(learner_, assessment_);
  return true;
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

std::string percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }

}  // namespace waymark::risk
