// Reading named columns of one record, with the error messages of docs/conventions.md: the file, the line
// and the column, and the value itself only with --verbose (it may be personal data).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark::transition {

class Columns {
 public:
  Columns(const RecordReader& reader, bool verbose) : reader_(reader), verbose_(verbose) {}

  // Position of a column the file must have; throws Error(data) naming it otherwise.
  std::size_t require(std::string_view name, std::string_view what_it_holds) const {
    return reader_.require_column(name, std::string(what_it_holds));
  }
  std::optional<std::size_t> optional(std::string_view name) const { return reader_.find_column(name); }

  // The trimmed text of a column, empty when the file has no such column.
  static std::string_view text(const Record& record, std::optional<std::size_t> column) {
    return column ? trim(record.values[*column]) : std::string_view{};
  }

  [[noreturn]] void fail(const Record& record, std::size_t column, const std::string& problem, const std::string& expected) const {
    throw value_error(reader_, record, column, problem, expected, verbose_);
  }

  const RecordReader& reader() const { return reader_; }
  bool verbose() const { return verbose_; }

 private:
  const RecordReader& reader_;
  bool verbose_;
};

}  // namespace waymark::transition
