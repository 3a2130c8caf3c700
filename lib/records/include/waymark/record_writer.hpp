// Records out: CSV (quoted only when needed, guarded against formula injection), JSON, NDJSON.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/output.hpp"
#include "waymark/records.hpp"

namespace waymark {

// Cells are written in column order between start_record and end_record. Each kind of cell has its
// own call so that each format can write it naturally: a list is ';'-separated in CSV and an array
// in JSON; an empty text is unknown, written empty in CSV and null in JSON.
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // CSV: `byte_order_mark` starts the file with one, `crlf` ends lines "\r\n" (as the input did).
  static std::unique_ptr<RecordWriter> create(RecordFormat format, Output& out, char delimiter = ',', bool byte_order_mark = false,
                                              bool crlf = false);

  virtual void begin(const std::vector<std::string>& columns) = 0;
  virtual void start_record() = 0;
  virtual void text(std::string_view value) = 0;
  // Text cells. CSV copies them in one piece where they lie side by side in memory one delimiter
  // apart (as an unquoted CSV row does) and none needs quotes or a formula guard.
  virtual void cells(std::span<const std::string_view> values) {
    for (const auto value : values) text(value);
  }
  // A value that came as JSON: JSON formats write `json` as it is, CSV writes `text`.
  virtual void json_or_text(std::string_view json, std::string_view text) = 0;
  virtual void integer(long long value) = 0;
  virtual void list(std::span<const std::string> items) = 0;
  virtual void list(std::span<const std::string_view> items) = 0;
  // Whether the format can hold structured values (JSON can, CSV cannot): callers then write a
  // structured() cell where they would otherwise write a flat one.
  virtual bool holds_structure() const = 0;
  virtual void structured(const nlohmann::ordered_json& value) = 0;
  virtual void end_record() = 0;
  virtual void finish() = 0;
};

// Appends `text` as a quoted JSON string.
void append_json_string(fmt::memory_buffer& out, std::string_view text);

// Appends `text` as a CSV field: quoted only if it holds the delimiter, a quote or a line break, and
// prefixed with ' if a spreadsheet would run it as a formula (=, +, -, @ at the start, unless it
// is a plain number).
void append_csv_field(fmt::memory_buffer& out, std::string_view text, char delimiter);

// Whether append_csv_field guards `text` with a leading ' (a spreadsheet would run it as a formula):
// "-rf" is written '-rf, which reading it back must know to match the learner.
bool is_formula_guarded(std::string_view text);

}  // namespace waymark
