#include "waymark/errors.hpp"

namespace waymark {

std::string describe(const Location& where, const std::string& problem, const std::string& expected) {
  std::string message;
  if (!where.file.empty()) {
    message += where.file;
    if (where.line > 0) {
      message += ':';
      message += std::to_string(where.line);
    }
    message += ": ";
  }
  if (!where.column.empty()) message += "column '" + where.column + "': ";
  message += problem;
  if (!expected.empty()) message += " (" + expected + ")";
  return message;
}

Error data_error(const Location& where, const std::string& problem, const std::string& expected) {
  return Error(Exit::data, describe(where, problem, expected));
}

}  // namespace waymark
