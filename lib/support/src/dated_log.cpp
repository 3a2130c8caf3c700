#include "waymark/support/dated_log.hpp"

#include <functional>

#include "waymark/error_budget.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/support/log.hpp"

namespace waymark::support {

void LogRow::fail(const std::string& problem, const std::string& expected) const {
  throw value_error(reader_, record_, column_, problem, expected, verbose_);
}

std::uint64_t LogRow::learner(std::size_t id_column, const std::string& problem) {
  const auto id = trim(at(id_column));
  if (id.empty()) fail(problem, "the learner's id");
  return learner_key(id);
}

void read_rows(RecordReader& reader, const LogOptions& options, const std::function<void(LogRow&)>& read_row) {
  ErrorBudget errors(options.max_errors, options.report_error);
  Record record;
  while (reader.next(record)) {
    errors.attempt([&] {
      LogRow row(reader, record, options.verbose);
      try {
        read_row(row);
      } catch (const FieldError& e) {
        row.fail(e.what(), e.expected());
      }
    });
  }
  errors.finish();
}

std::string_view unguarded(std::string_view id) {
  id = trim(id);
  return id.size() > 1 && id.front() == '\'' && is_formula_guarded(id.substr(1)) ? id.substr(1) : id;
}

std::uint64_t learner_key(std::string_view id) { return std::hash<std::string_view>{}(unguarded(id)); }

}  // namespace waymark::support
