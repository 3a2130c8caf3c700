#include "waymark/errors.hpp"

#include <fmt/format.h>
#include <iterator>

namespace waymark {

std::string describe(const Location& where, const std::string& problem, const std::string& expected) {
  fmt::memory_buffer message;
  auto out = std::back_inserter(message);
  if (!where.file.empty()) fmt::format_to(out, "{}: ", where.line > 0 ? fmt::format("{}:{}", where.file, where.line) : where.file);
  if (!where.column.empty()) {
    fmt::format_to(out, "column '{}'", where.column);
    if (!where.field.empty() && where.field != where.column) fmt::format_to(out, " ({})", where.field);
    fmt::format_to(out, ": ");
  }
  fmt::format_to(out, "{}", problem);
  if (!expected.empty()) fmt::format_to(out, " ({})", expected);
  return fmt::to_string(message);
}

Error data_error(const Location& where, const std::string& problem, const std::string& expected) {
  return Error(Exit::data, describe(where, problem, expected));
}

}  // namespace waymark
