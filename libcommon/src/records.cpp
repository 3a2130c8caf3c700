// Format detection and the JSON / NDJSON record readers (the CSV reader lives in csv.cpp).
#include "waymark/records.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "waymark/csv.hpp"
#include "waymark/errors.hpp"
#include "waymark/input.hpp"

namespace waymark {

std::string_view to_string(RecordFormat format) {
  switch (format) {
    case RecordFormat::csv: return "csv";
    case RecordFormat::json: return "json";
    case RecordFormat::ndjson: return "ndjson";
  }
  return "csv";
}

std::optional<RecordFormat> parse_record_format(std::string_view name) {
  if (name == "csv") return RecordFormat::csv;
  if (name == "json") return RecordFormat::json;
  if (name == "ndjson" || name == "jsonl") return RecordFormat::ndjson;
  return std::nullopt;
}

std::optional<std::size_t> RecordReader::find_column(std::string_view name) const {
  const auto& names = columns();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

std::size_t RecordReader::require_column(std::string_view name, const std::string& expected) const {
  const auto at = find_column(name);
  if (!at) throw data_error({source_name(), 1, std::string(name)}, fmt::format("there is no {} column", name), expected);
  return *at;
}

Error value_error(const RecordReader& reader, const Record& record, std::size_t column, const std::string& problem,
                  const std::string& expected, bool verbose) {
  const std::string said = verbose ? fmt::format("{} in '{}'", problem, record.values[column]) : problem;
  return data_error({reader.source_name(), record.line, reader.columns()[column]}, said, expected);
}

namespace {

using ordered_json = nlohmann::ordered_json;

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A JSON value as the text a CSV cell would hold: lists become ';'-separated, null is unknown.
std::string as_cell_text(const ordered_json& value) {
  switch (value.type()) {
    case ordered_json::value_t::null: return {};
    case ordered_json::value_t::string: return value.get<std::string>();
    case ordered_json::value_t::array: {
      std::string joined;
      for (const auto& item : value) {
        if (!joined.empty()) joined += ';';
        joined += as_cell_text(item);
      }
      return joined;
    }
    default: return value.dump();
  }
}

// What the JSON and NDJSON readers share: turning objects into records against the first one's keys.
class JsonRecordsBase : public RecordReader {
 public:
  explicit JsonRecordsBase(std::unique_ptr<ChunkedInput> input) : input_(std::move(input)) {}
  const std::vector<std::string>& columns() const override { return columns_; }
  const std::string& source_name() const override { return input_->name(); }

 protected:
  ordered_json parse_object(std::string_view text, long line) const {
    ordered_json value;
    try {
      value = ordered_json::parse(text.begin(), text.end());
    } catch (const ordered_json::parse_error& e) {
      // nlohmann's message ends with the reason; keep only that part.
      std::string reason = e.what();
      if (const auto colon = reason.rfind(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
      throw data_error({input_->name(), line, {}}, "not valid JSON at byte " + std::to_string(e.byte) + ": " + reason,
                       "one JSON object per record");
    }
    if (!value.is_object()) throw data_error({input_->name(), line, {}}, "this record is not a JSON object", "an object of field names and values");
    return value;
  }

  void fill(const ordered_json& object, Record& record, long line) {
    if (!have_columns_) {
      for (const auto& item : object.items()) columns_.push_back(item.key());
      texts_.resize(columns_.size());
      json_.resize(columns_.size());
      have_columns_ = true;  // even if the first object is empty
    }
    for (auto& text : texts_) text.clear();
    for (auto& json : json_) json.clear();
    for (const auto& item : object.items()) {
      const auto it = std::find(columns_.begin(), columns_.end(), item.key());
      if (it == columns_.end()) {
        throw data_error({input_->name(), line, item.key()}, "this field is not in the first record",
                         "every record with the first record's fields");
      }
      const auto column = static_cast<std::size_t>(it - columns_.begin());
      texts_[column] = as_cell_text(item.value());
      if (!item.value().is_string() && !item.value().is_null()) json_[column] = item.value().dump();
    }
    record.values.assign(texts_.begin(), texts_.end());
    record.json.assign(json_.begin(), json_.end());
    record.line = line;
  }

  std::unique_ptr<ChunkedInput> input_;
  std::vector<std::string> columns_;
  std::vector<std::string> texts_;
  std::vector<std::string> json_;
  bool have_columns_ = false;
};

// One JSON object per line; blank lines are skipped.
class NdjsonReader final : public JsonRecordsBase {
 public:
  explicit NdjsonReader(std::unique_ptr<ChunkedInput> input) : JsonRecordsBase(std::move(input)) {
    cursor_ = input_->begin();
    if (!next(first_)) throw data_error({input_->name(), 1, {}}, "the file is empty", "one JSON object per line");
    has_first_ = true;
  }

  RecordFormat format() const override { return RecordFormat::ndjson; }

  bool next(Record& record) override {
    if (has_first_) {
      has_first_ = false;
      record = first_;
      // Views in first_ point at texts_, which still hold the first record.
      return true;
    }
    for (;;) {
      auto* newline = static_cast<char*>(std::memchr(cursor_, '\n', static_cast<std::size_t>(input_->end() - cursor_)));
      if (!newline && !input_->at_eof()) {
        input_->refill(cursor_);
        cursor_ = input_->begin();
        continue;
      }
      char* line_end = newline ? newline : input_->end();
      std::string_view text(cursor_, static_cast<std::size_t>(line_end - cursor_));
      const long line = line_++;
      cursor_ = newline ? newline + 1 : line_end;
      input_->consume_to(cursor_);
      if (std::all_of(text.begin(), text.end(), is_json_space)) {
        if (!newline) return false;
        continue;
      }
      fill(parse_object(text, line), record, line);
      return true;
    }
  }

 private:
  char* cursor_;
  long line_ = 1;
  Record first_;
  bool has_first_ = false;
};

// A JSON array of objects, read one element at a time so the whole array is never in memory.
class JsonArrayReader final : public JsonRecordsBase {
 public:
  explicit JsonArrayReader(std::unique_ptr<ChunkedInput> input) : JsonRecordsBase(std::move(input)) {
    cursor_ = input_->begin();
    skip_space();
    if (cursor_ == input_->end() || *cursor_ != '[') {
      throw data_error({input_->name(), line_, {}}, "this is not a JSON array", "'[' followed by objects");
    }
    ++cursor_;
    if (!next(first_)) throw data_error({input_->name(), line_, {}}, "the array is empty", "at least one record");
    has_first_ = true;
  }

  RecordFormat format() const override { return RecordFormat::json; }

  bool next(Record& record) override {
    if (has_first_) {
      has_first_ = false;
      record = first_;
      return true;
    }
    if (done_) return false;
    skip_space();
    if (cursor_ < input_->end() && *cursor_ == ',' && seen_element_) {
      ++cursor_;
      skip_space();
    } else if (cursor_ < input_->end() && *cursor_ == ']') {
      ++cursor_;
      skip_space();
      if (cursor_ != input_->end()) throw data_error({input_->name(), line_, {}}, "text after the end of the array", "nothing after ']'");
      done_ = true;
      return false;
    } else if (seen_element_) {
      throw data_error({input_->name(), line_, {}}, "records are not separated", "',' or ']' after a record");
    }
    if (cursor_ == input_->end()) throw data_error({input_->name(), line_, {}}, "the array is never closed", "']' at the end");
    const long line = line_;
    char* element_end = find_element_end();
    std::string_view text(cursor_, static_cast<std::size_t>(element_end - cursor_));
    line_ += std::count(text.begin(), text.end(), '\n');
    fill(parse_object(text, line), record, line);
    cursor_ = element_end;
    input_->consume_to(cursor_);
    seen_element_ = true;
    return true;
  }

 private:
  // Skips white space, reading more input as needed, counting lines.
  void skip_space() {
    for (;;) {
      while (cursor_ < input_->end() && is_json_space(*cursor_)) {
        if (*cursor_ == '\n') ++line_;
        ++cursor_;
      }
      if (cursor_ < input_->end() || input_->at_eof()) return;
      input_->refill(cursor_);
      cursor_ = input_->begin();
    }
  }

  // The end of the value starting at cursor_: the matching brace of an object, else the next
  // ',' or ']' at depth zero. Reads more input until the value is whole.
  char* find_element_end() {
    for (;;) {
      int depth = 0;
      bool in_string = false;
      for (char* p = cursor_; p < input_->end(); ++p) {
        const char c = *p;
        if (in_string) {
          if (c == '\\') ++p;
          else if (c == '"') in_string = false;
          continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') {
          if (depth == 0) return p;
          if (--depth == 0) return p + 1;
        } else if (c == ',' && depth == 0) return p;
      }
      if (input_->at_eof()) return input_->end();
      input_->refill(cursor_);
      cursor_ = input_->begin();
    }
  }

  char* cursor_;
  long line_ = 1;
  bool done_ = false;
  bool seen_element_ = false;
  Record first_;
  bool has_first_ = false;
};

}  // namespace

std::unique_ptr<RecordReader> open_records(const InputOptions& options) {
  auto input = std::make_unique<ChunkedInput>(options.path);
  // Read until the first byte that is not white space (a pipe may deliver the start in pieces).
  const auto first_content = [&]() -> const char* {
    const char* p = input->begin();
    if (input->end() - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < input->end() && is_json_space(*p)) ++p;
    return p;
  };
  while ((input->end() - input->begin() < 3 || first_content() == input->end()) && input->refill(input->begin())) {
  }
  // Excel's "CSV UTF-8" starts with a byte order mark; it is not part of the data.
  if (input->end() - input->begin() >= 3 && std::memcmp(input->begin(), "\xEF\xBB\xBF", 3) == 0) {
    input->consume_to(input->begin() + 3);
  }
  std::optional<RecordFormat> format = options.format;
  if (!format) {
    const char* p = input->begin();
    while (p < input->end() && is_json_space(*p)) ++p;
    if (p == input->end()) throw data_error({input->name(), 1, {}}, "the file is empty", "a header row naming the columns");
    format = *p == '[' ? RecordFormat::json : *p == '{' ? RecordFormat::ndjson : RecordFormat::csv;
  }
  switch (*format) {
    case RecordFormat::json: return std::make_unique<JsonArrayReader>(std::move(input));
    case RecordFormat::ndjson: return std::make_unique<NdjsonReader>(std::move(input));
    case RecordFormat::csv: break;
  }
  return std::make_unique<CsvReader>(std::move(input), options.delimiter);
}

}  // namespace waymark
