// Learner records in, one at a time: CSV, JSON arrays and NDJSON behind one interface.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/errors.hpp"

namespace waymark {

enum class RecordFormat { csv, json, ndjson };

std::string_view to_string(RecordFormat format);
// Parses "csv", "json" or "ndjson"; nullopt otherwise.
std::optional<RecordFormat> parse_record_format(std::string_view name);

struct InputOptions {
  std::string path = "-";                     // "-" or "" is standard input
  std::optional<RecordFormat> format;         // nullopt: detect from the content
  char delimiter = ',';                       // CSV only
};

// One record: a value for every column of the reader's header, in header order. An empty value
// means unknown. The views stay valid until the next call to `next`.
struct Record {
  std::vector<std::string_view> values;
  // From JSON input only: the value as JSON where it is not a string (a number, true/false, a
  // list, an object), so JSON output can give it back as it came; empty otherwise.
  std::vector<std::string_view> json;
  long line = 0;  // line of the input where the record starts
  // From CSV input: the delimiter, if the values still lie in the input as a CSV writer with that
  // delimiter would write them (side by side, one delimiter apart, none needing quotes or a
  // formula guard), so that a run of them can be copied in one piece; 0 otherwise.
  char verbatim_delimiter = 0;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Column names, from the CSV header row or the keys of the first JSON object.
  virtual const std::vector<std::string>& columns() const = 0;
  // Reads the next record; false at the end of the input. Throws Error on bad data.
  virtual bool next(Record& record) = 0;
  virtual const std::string& source_name() const = 0;
  virtual RecordFormat format() const = 0;

  // Index of `name` in columns(), if present.
  std::optional<std::size_t> find_column(std::string_view name) const;
  // Index of a column the input must have. Throws Error(data):
  // "file:1: column 'name': there is no name column (expected)".
  std::size_t require_column(std::string_view name, const std::string& expected) const;
};

// A bad value at `column` of `record`: "file:line: column 'x': problem (expected)", with the value
// itself only when `verbose` (it may be personal data).
Error value_error(const RecordReader& reader, const Record& record, std::size_t column, const std::string& problem,
                  const std::string& expected, bool verbose);

// Opens the input and detects its format: '[' starts a JSON array, '{' NDJSON, anything else CSV.
// Throws Error(no_input) when the file cannot be opened and Error(data) when it is empty.
std::unique_ptr<RecordReader> open_records(const InputOptions& options);

}  // namespace waymark
