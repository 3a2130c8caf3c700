// Format detection and the JSON / NDJSON record readers (the CSV reader lives in csv.cpp).
#include "waymark/records.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "header_row.hpp"
#include "waymark/csv.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/headings.hpp"
#include "waymark/input.hpp"
#include "waymark/json_input.hpp"
#include "waymark/plausibility.hpp"
#include "workbook.hpp"

namespace waymark {

std::string_view to_string(RecordFormat format) {
  switch (format) {
    case RecordFormat::csv: return "csv";
    case RecordFormat::json: return "json";
    case RecordFormat::ndjson: return "ndjson";
    case RecordFormat::xlsx: return "xlsx";
  }
  return "csv";
}

std::optional<RecordFormat> parse_record_format(std::string_view name) {
  if (name == "csv") return RecordFormat::csv;
  if (name == "json") return RecordFormat::json;
  if (name == "ndjson" || name == "jsonl") return RecordFormat::ndjson;
  // A user who saved from LibreOffice says "ods"; both kinds of workbook are read by one reader,
  // which tells them apart by their content.
  if (name == "xlsx" || name == "ods") return RecordFormat::xlsx;
  return std::nullopt;
}

namespace {

// "5 (E)": a column by its number and, for people looking at a spreadsheet, its letter.
std::string column_label(std::size_t index) {
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return fmt::format("{} ({})", index + 1, letters);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "'" : ", '") + item + "'";
  return joined;
}

// The words a totals row puts where the id goes, as spreadsheets add them under a table.
bool is_totals_word(std::string_view text) {
  text = trim(text);
  if (text.size() != 5 && text.size() != 6 && text.size() != 11) return false;
  const auto folded = fold_heading(text);
  return folded == "total" || folded == "totals" || folded == "grandtotal";
}

}  // namespace

std::optional<std::size_t> HeaderSearch::header() const {
  if (found_) return found_;
  std::size_t widest = 0;
  for (const auto& row : rows_) widest = std::max(widest, row.second);
  if (widest == 0) return std::nullopt;
  const std::size_t enough = widest == 1 ? 1 : std::max<std::size_t>(2, (widest + 1) / 2);
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].second >= enough) return i;
  return std::nullopt;  // not reached: the widest row is enough
}

void HeaderSearch::note_passed_over(const std::string& source, const MessageSink& warn) const {
  const auto at = header();
  if (!at || !warn) return;
  for (std::size_t i = 0; i < *at; ++i) {
    if (rows_[i].second == 0) continue;
    warn(fmt::format("{}:{}: above the header row (line {}): passed over, as a title or a date is", source, rows_[i].first,
                     rows_[*at].first));
  }
}

void RecordReader::understand_headings(const InputOptions& options) {
  vocabulary_ = options.headings ? options.headings : &HeadingVocabulary::builtin();
  warn_ = options.warn;
  for (auto& column : columns_) column = std::string(trim(column));
  written_width_ = columns_.size();
  // Spreadsheets save the empty cells right of a table as headings with no name.
  while (!columns_.empty() && columns_.back().empty()) columns_.pop_back();
  std::map<std::string_view, std::vector<std::size_t>> places;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (!columns_[i].empty()) places[columns_[i]].push_back(i);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const auto& at = places[columns_[i]];
    if (at.size() < 2) continue;
    std::string labels;
    for (std::size_t k = 0; k < at.size(); ++k) labels += (k == 0 ? "" : k + 1 == at.size() ? " and " : ", ") + column_label(at[k]);
    throw data_error({source_name(), header_line_, columns_[i]}, "this heading stands over columns " + labels,
                     "each heading once: rename or remove the others");
  }
  fields_.assign(columns_.size(), std::string{});
  ranks_.assign(columns_.size(), 0);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (const auto meaning = vocabulary_->meaning(columns_[i])) {
      fields_[i] = meaning->field;
      ranks_[i] = meaning->rank;
    } else if (const auto near = vocabulary_->suggestion(columns_[i]); near && warn_) {
      const auto field = near->first == near->second ? std::string{} : " (" + near->second + ")";
      warn_(fmt::format("{}: '{}' is not a column waymark knows; did you mean '{}'{}? Map it with --columns", source_name(), columns_[i],
                        near->first, field));
    }
  }
  id_column_ = find_column("id");
  if (!id_column_ && !columns_.empty()) id_column_ = 0;
}

bool RecordReader::next(Record& record) {
  for (;;) {
    if (!read_row(record)) return false;
    auto& values = record.values;
    // Only a row whose first value is empty can be an empty row, so most rows are passed at once.
    if (!values.empty() && trim(values.front()).empty() &&
        std::all_of(values.begin(), values.end(), [](std::string_view value) { return trim(value).empty(); }))
      continue;
    if (id_column_ && *id_column_ < values.size() && is_totals_word(values[*id_column_])) {
      if (warn_) warn_(fmt::format("{}:{}: a totals row, not a learner: skipped", source_name(), record.line));
      continue;
    }
    return true;
  }
}

std::optional<std::size_t> RecordReader::find_column(std::string_view field) const {
  if (const auto at = column_standing_for(field)) return at;
  if (vocabulary_) {
    if (const auto fallback = vocabulary_->fallback(field)) return column_standing_for(*fallback);
  }
  return std::nullopt;
}

std::optional<std::size_t> RecordReader::column_standing_for(std::string_view field) const {
  const auto exact = std::find(columns_.begin(), columns_.end(), field);
  if (exact != columns_.end()) return static_cast<std::size_t>(exact - columns_.begin());
  std::optional<std::size_t> best;
  std::vector<std::string> others;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i] != field) continue;
    if (best && ranks_[i] >= ranks_[*best]) {
      others.push_back(columns_[i]);
      continue;
    }
    if (best) others.push_back(columns_[*best]);
    best = i;
  }
  if (best && !others.empty() && warn_ && std::find(warned_fields_.begin(), warned_fields_.end(), field) == warned_fields_.end()) {
    warned_fields_.emplace_back(field);
    warn_(fmt::format("{}: {} also stand{} for {}: using '{}'; name the one to use with --columns", source_name(), quoted_list(others),
                      others.size() == 1 ? "s" : "", field, columns_[*best]));
  }
  return best;
}

std::size_t RecordReader::require_column(std::string_view field, const std::string& expected) const {
  const auto at = find_column(field);
  if (!at) {
    throw data_error({source_name(), header_line_, std::string(field)},
                     fmt::format("there is no {} column (looked for {})", field, headings_looked_for(field)), expected);
  }
  return *at;
}

std::vector<HeadingVocabulary::Possible> RecordReader::may_be(std::size_t column) const {
  if (!vocabulary_ || column >= columns_.size() || !fields_[column].empty() || columns_[column].empty()) return {};
  // A heading a typing slip away from a known one has had its warning, with the heading meant.
  if (vocabulary_->suggestion(columns_[column])) return {};
  return vocabulary_->may_be(columns_[column]);
}

std::string RecordReader::headings_looked_for(std::string_view field) const {
  const auto& vocabulary = vocabulary_ ? *vocabulary_ : HeadingVocabulary::builtin();
  auto headings = vocabulary.headings_of(field);
  if (headings.empty()) headings.emplace_back(field);
  std::string said = quoted_list(headings);
  if (const auto fallback = vocabulary.fallback(field)) said += " or the headings of " + *fallback;
  return said;
}

Location RecordReader::where(const Record& record, std::size_t column) const {
  return {source_name(), record.line, column < columns_.size() ? columns_[column] : std::string{},
          column < fields_.size() ? fields_[column] : std::string{}};
}

std::string RecordReader::describe_headings() const {
  std::string text;
  std::size_t width = 0;
  for (const auto& column : columns_) width = std::max(width, column.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    std::string meaning = "(kept as it is)";
    if (!fields_[i].empty()) {
      const std::size_t read = find_column(fields_[i]).value_or(i);
      meaning = read == i ? fields_[i] : fmt::format("(kept as it is: '{}' is read as {})", columns_[read], fields_[i]);
    }
    text += fmt::format("{:<{}}  {}\n", columns_[i].empty() ? "(no heading)" : columns_[i], width, meaning);
  }
  return text;
}

void PercentScale::check(const RecordReader& reader, std::string_view field) const {
  if (fractions_ == 0) return;
  const auto column = reader.find_column(field);
  const Location where{reader.source_name(), 0, column ? reader.columns()[*column] : std::string(field), std::string(field)};
  if (above_one_ == 0) {
    // One small value alone may be a learner who hardly came; five or more, and none above 1, is a column of fractions.
    if (fractions_ < 5) return;
    throw data_error(where, "every value is 1 or less: these look like fractions (0.95 for 95%), not percentages",
                     "percentages from 0 to 100: multiply the column by 100, or format it as a percentage in the spreadsheet");
  }
  std::string lines;
  for (std::size_t i = 0; i < lines_.size(); ++i)
    lines += (i == 0                                                                     ? ""
              : i + 1 == lines_.size() && static_cast<long>(lines_.size()) == fractions_ ? " and "
                                                                                         : ", ") +
             std::to_string(lines_[i]);
  if (static_cast<long>(lines_.size()) < fractions_) lines += fmt::format(" and {} more", fractions_ - static_cast<long>(lines_.size()));
  throw data_error(where,
                   fmt::format("line{} {} hold{} a value of 1 or less where the column's other values are above 1: a fraction "
                               "(0.974 for 97.4%) among percentages would read as under 1%",
                               fractions_ == 1 ? "" : "s", lines, fractions_ == 1 ? "s" : ""),
                   "a percentage from 0 to 100 on every line: write it as 97.4 or 97.4%, or format the cell as a percentage; "
                   "a learner truly at 1% or less is written with '%', such as 0.5%");
}

Error value_error(const RecordReader& reader, const Record& record, std::size_t column, const std::string& problem,
                  const std::string& expected, bool verbose) {
  const std::string said = verbose ? fmt::format("{} in '{}'", problem, record.values[column]) : problem;
  return data_error(reader.where(record, column), said, expected);
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
  const std::string& source_name() const override { return input_->name(); }

 protected:
  ordered_json parse_object(std::string_view text, long line) const {
    ordered_json value;
    if (const auto at = find_too_deep(text); at != std::string_view::npos) {
      throw data_error({input_->name(), line, {}}, "byte " + std::to_string(at + 1) + ": " + too_deep_problem(),
                       "one JSON object per record, its values at most " + std::to_string(max_json_depth) + " deep");
    }
    if (const auto refusal = parse_json(text, value)) {
      if (refusal->number_too_large) {
        throw data_error({input_->name(), line + refusal->line - 1, refusal->key}, refusal->reason,
                         "a number such as 87.5, or text in quotes");
      }
      throw data_error({input_->name(), line, {}}, "not valid JSON at byte " + std::to_string(refusal->byte) + ": " + refusal->reason,
                       "one JSON object per record");
    }
    if (!value.is_object())
      throw data_error({input_->name(), line, {}}, "this record is not a JSON object", "an object of field names and values");
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
  std::vector<std::string> texts_;
  std::vector<std::string> json_;
  bool have_columns_ = false;
};

// One JSON object per line; blank lines are skipped.
class NdjsonReader final : public JsonRecordsBase {
 public:
  NdjsonReader(std::unique_ptr<ChunkedInput> input, const InputOptions& options) : JsonRecordsBase(std::move(input)) {
    cursor_ = input_->begin();
    if (!read_row(first_)) throw data_error({input_->name(), 1, {}}, "the file is empty", "one JSON object per line");
    has_first_ = true;
    understand_headings(options);
  }

  RecordFormat format() const override { return RecordFormat::ndjson; }

 protected:
  bool read_row(Record& record) override {
    if (has_first_) {
      has_first_ = false;
      record = first_;
      // Views in first_ point at texts_, which still hold the first record.
      return true;
    }
    std::size_t searched = 0;  // bytes from cursor_ known to hold no line break, kept across refills
    for (;;) {
      auto* newline =
          static_cast<char*>(std::memchr(cursor_ + searched, '\n', static_cast<std::size_t>(input_->end() - cursor_) - searched));
      if (!newline && !input_->at_eof()) {
        searched = static_cast<std::size_t>(input_->end() - cursor_);
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
  JsonArrayReader(std::unique_ptr<ChunkedInput> input, const InputOptions& options) : JsonRecordsBase(std::move(input)) {
    cursor_ = input_->begin();
    skip_space();
    if (cursor_ == input_->end() || *cursor_ != '[') {
      throw data_error({input_->name(), line_, {}}, "this is not a JSON array", "'[' followed by objects");
    }
    ++cursor_;
    if (!read_row(first_)) throw data_error({input_->name(), line_, {}}, "the array is empty", "at least one record");
    has_first_ = true;
    understand_headings(options);
  }

  RecordFormat format() const override { return RecordFormat::json; }

 protected:
  bool read_row(Record& record) override {
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
  // ',' or ']' at depth zero. Reads more input until the value is whole, looking at each byte once.
  char* find_element_end() {
    int depth = 0;
    bool in_string = false;
    std::size_t scanned = 0;  // from cursor_, kept across refills (one past the end after a '\\' last)
    for (;;) {
      char* p = cursor_ + scanned;
      for (; p < input_->end(); ++p) {
        const char c = *p;
        if (in_string) {
          if (c == '\\')
            ++p;
          else if (c == '"')
            in_string = false;
          continue;
        }
        if (c == '"')
          in_string = true;
        else if (c == '{' || c == '[')
          ++depth;
        else if (c == '}' || c == ']') {
          if (depth == 0) return p;
          if (--depth == 0) return p + 1;
        } else if (c == ',' && depth == 0)
          return p;
      }
      if (input_->at_eof()) return input_->end();
      scanned = static_cast<std::size_t>(p - cursor_);
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
  input->decode(options.encoding);
  return open_records(std::move(input), options);
}

std::unique_ptr<RecordReader> open_records(std::unique_ptr<ChunkedInput> input, const InputOptions& options) {
  const auto starts_with = [&](std::string_view magic) {
    return static_cast<std::size_t>(input->end() - input->begin()) >= magic.size() &&
           std::memcmp(input->begin(), magic.data(), magic.size()) == 0;
  };
  // A workbook (.xlsx or .ods) is a zip archive; an old .xls, or an .xlsx locked with a password,
  // is an OLE file.
  if (options.format == RecordFormat::xlsx || (!options.format && starts_with("PK\x03\x04"))) {
    const std::string name = input->name();
    return open_workbook(input->read_all(), name, options);
  }
  if (starts_with("\xD0\xCF\x11\xE0")) {
    throw data_error({input->name(), 0, {}}, "this is an Excel 97-2003 (.xls) workbook, or one protected by a password",
                     "a workbook saved as .xlsx without a password, or CSV");
  }
  // Read until the first byte that is not white space (a pipe may deliver the start in pieces).
  const auto first_content = [&]() -> const char* {
    const char* p = input->begin();
    if (input->end() - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < input->end() && is_json_space(*p)) ++p;
    return p;
  };
  while ((input->end() - input->begin() < 3 || first_content() == input->end()) && input->refill(input->begin())) {}
  // Excel's "CSV UTF-8" starts with a byte order mark; it is not part of the data.
  const bool byte_order_mark = starts_with("\xEF\xBB\xBF");
  if (byte_order_mark) input->consume_to(input->begin() + 3);
  std::optional<RecordFormat> format = options.format;
  if (!format) {
    const char* p = input->begin();
    while (p < input->end() && is_json_space(*p)) ++p;
    if (p == input->end()) throw data_error({input->name(), 1, {}}, "the file is empty", "a header row naming the columns");
    format = *p == '[' ? RecordFormat::json : *p == '{' ? RecordFormat::ndjson : RecordFormat::csv;
  }
  switch (*format) {
    case RecordFormat::json: return std::make_unique<JsonArrayReader>(std::move(input), options);
    case RecordFormat::ndjson: return std::make_unique<NdjsonReader>(std::move(input), options);
    case RecordFormat::csv:
    case RecordFormat::xlsx: break;
  }
  auto reader = std::make_unique<CsvReader>(std::move(input), options);
  reader->set_byte_order_mark(byte_order_mark);
  return reader;
}

}  // namespace waymark
