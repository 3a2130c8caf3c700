// Learner records in, one at a time: CSV, JSON arrays, NDJSON and .xlsx workbooks behind one interface.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/errors.hpp"
#include "waymark/headings.hpp"

namespace waymark {

enum class RecordFormat { csv, json, ndjson, xlsx };

std::string_view to_string(RecordFormat format);
// Parses "csv", "json", "ndjson" or "jsonl", "xlsx" or "ods" (either is a workbook); nullopt otherwise.
std::optional<RecordFormat> parse_record_format(std::string_view name);

// Where messages for the user go: the readers' warnings (a heading close to a known one, a
// totals row skipped) and the errors of a run that reads on. The tools prefix their name.
using MessageSink = std::function<void(const std::string&)>;

struct InputOptions {
  std::string path = "-";                       // "-" or "" is standard input
  std::optional<RecordFormat> format;           // nullopt: detect from the content
  char delimiter = 0;                           // CSV only; 0: found from the header row
  std::string encoding;                         // empty: UTF-8, or UTF-16 with a byte order mark
  std::string sheet;                            // .xlsx: the sheet to read; empty: the first
  const HeadingVocabulary* headings = nullptr;  // nullptr: the built-in synonyms
  MessageSink warn;                             // nullptr: warnings are dropped
};

// One record: a value for every column of the reader's header, in header order. An empty value
// means unknown. The views stay valid until the next call to `next`.
struct Record {
  std::vector<std::string_view> values;
  // From JSON input only: the value as JSON where it is not a string (a number, true/false, a
  // list, an object), so JSON output can give it back as it came; empty otherwise.
  std::vector<std::string_view> json;
  long line = 0;  // line of the input where the record starts (the row, in a workbook)
};

// Records one at a time, whatever the format, with the school's headings understood: each
// heading stands for a field of waymark's (HeadingVocabulary), so a tool asks for "id" and finds
// the column headed 'UPN'. Rows that are not learners are passed over: fully empty rows silently,
// a totals row ('Total', 'Totals', 'Grand Total' where the id goes) with a warning.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // The headings as the file writes them (trimmed), from the CSV header row, the sheet's first
  // row or the keys of the first JSON object.
  const std::vector<std::string>& columns() const { return columns_; }
  // Reads the next record; false at the end of the input. Throws Error on bad data.
  bool next(Record& record);
  virtual const std::string& source_name() const = 0;
  virtual RecordFormat format() const = 0;
  // The delimiter to write these records back with as CSV: the input's, or ','.
  virtual char delimiter() const { return ','; }
  // Whether the input began with a UTF-8 byte order mark (Excel's "CSV UTF-8"), and whether its
  // lines end CRLF (a CSV header row ending "\r\n"): CSV written back from it does the same, so
  // the spreadsheet that made it reads it as it wrote it.
  bool byte_order_mark() const { return byte_order_mark_; }
  void set_byte_order_mark(bool present) { byte_order_mark_ = present; }  // open_records, which removes it
  virtual bool crlf() const { return false; }

  // Index of the column for `field`: a heading that is the field's name exactly, else the heading
  // that stands for it (the best one, with a warning, where several do), else the column of its
  // fallback field (pupil_id: id).
  std::optional<std::size_t> find_column(std::string_view field) const;
  // Index of a column the input must have. Throws Error(data) naming the headings looked for:
  // "file:1: column 'id': there is no id column (looked for: id, UPN, ...) (expected)".
  std::size_t require_column(std::string_view field, const std::string& expected) const;
  // The field `column` stands for, or "" if none.
  const std::string& field_of(std::size_t column) const { return fields_[column]; }
  // The headings, the field each stands for, and which stand for nothing, as --show-columns prints them.
  std::string describe_headings() const;
  // For a column whose heading stands for no field: the fields it may hold (HeadingVocabulary::may_be).
  std::vector<HeadingVocabulary::Possible> may_be(std::size_t column) const;
  // The headings waymark would look for `field` under, for messages.
  std::string headings_looked_for(std::string_view field) const;
  // The line (a workbook's row) of the header row: 1, unless rows above it were passed over.
  long header_line() const { return header_line_; }
  // The place of `column` of `record`, for an error message.
  Location where(const Record& record, std::size_t column) const;

 protected:
  // Each reader calls this once its headings are in columns_: they are trimmed, empty trailing
  // headings dropped, repeated ones refused, each matched to a field, and near misses warned about.
  void understand_headings(const InputOptions& options);
  // How many headings the file had before empty trailing ones were dropped (rows may fill them).
  std::size_t written_width() const { return written_width_; }
  // Reads the next row of the file, whatever it holds.
  virtual bool read_row(Record& record) = 0;

  std::vector<std::string> columns_;
  long header_line_ = 1;

 private:
  // find_column without the fallback field.
  std::optional<std::size_t> column_standing_for(std::string_view field) const;

  const HeadingVocabulary* vocabulary_ = nullptr;
  MessageSink warn_;
  std::vector<std::string> fields_;  // the field each column stands for, "" for none
  std::vector<int> ranks_;           // how strongly (HeadingVocabulary::Meaning::rank)
  std::size_t written_width_ = 0;
  std::optional<std::size_t> id_column_;
  bool byte_order_mark_ = false;
  mutable std::vector<std::string> warned_fields_;
};

// A bad value at `column` of `record`: "file:line: column 'x': problem (expected)", with the value
// itself only when `verbose` (it may be personal data).
Error value_error(const RecordReader& reader, const Record& record, std::size_t column, const std::string& problem,
                  const std::string& expected, bool verbose);

// Opens the input and detects its format: a zip archive is an .xlsx workbook, '[' starts a JSON
// array, '{' NDJSON, anything else CSV. UTF-16 with a byte order mark is converted, as is any
// encoding named in `options.encoding`. Throws Error(no_input) when the file cannot be opened and
// Error(data) when it is empty or cannot be read as its format.
std::unique_ptr<RecordReader> open_records(const InputOptions& options);
class ChunkedInput;
// The same for an input already opened and decoded (ChunkedInput::decode), whose start a caller
// has looked at.
std::unique_ptr<RecordReader> open_records(std::unique_ptr<ChunkedInput> input, const InputOptions& options);

}  // namespace waymark
