#include "waymark/record_writer.hpp"

#include <array>
#include <bit>
#include <charconv>

#include "swar.hpp"
#include "waymark/numbers.hpp"

namespace waymark {

namespace {

void append(fmt::memory_buffer& out, std::string_view text) { out.append(text.data(), text.data() + text.size()); }

bool is_plain_number(std::string_view text) {
  // Digits, signs, a decimal point or comma and an exponent only: from_chars also reads "inf" and
  // "nan(x)", which a spreadsheet runs as a formula ("-inf" shows #NAME?).
  if (text.find_first_not_of("0123456789+-.,eE") != std::string_view::npos) return false;
  if (text.size() > 1 && text[0] == '+') text.remove_prefix(1);  // from_chars takes no '+'
  // A decimal comma (-4,5, as ';'-delimited files write numbers) is a number too, not a formula.
  std::array<char, 64> copy{};
  if (const auto comma = text.find(','); comma != std::string_view::npos && text.size() < copy.size() &&
                                         text.find(',', comma + 1) == std::string_view::npos && text.find('.') == std::string_view::npos) {
    text.copy(copy.data(), text.size());
    copy[comma] = '.';
    text = std::string_view(copy.data(), text.size());
  }
  double value = 0;
  const auto [end, error] = parse_double(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

void append_json_string(fmt::memory_buffer& out, std::string_view text) {
  out.push_back('"');
  std::size_t run = 0;  // start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    append(out, text.substr(run, i - run));
    switch (c) {
      case '"': append(out, "\\\""); break;
      case '\\': append(out, "\\\\"); break;
      case '\n': append(out, "\\n"); break;
      case '\r': append(out, "\\r"); break;
      case '\t': append(out, "\\t"); break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
    run = i + 1;
  }
  append(out, text.substr(run));
  out.push_back('"');
}

namespace {

// Whether a spreadsheet may run a cell starting with `c` as a formula: =, +, -, @, tab or carriage
// return.
constexpr bool may_start_formula(char c) {
  switch (c) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': return true;
    default: return false;
  }
}

// A cell a spreadsheet would run as a formula; plain numbers are safe.
// Inlined: it runs on every cell written, and almost every cell starts with something else.
[[gnu::always_inline]] inline bool needs_formula_guard(std::string_view text) {
  return !text.empty() && may_start_formula(text[0]) && !is_plain_number(text);
}

void append_integer(fmt::memory_buffer& out, long long value) {
  const fmt::format_int digits(value);
  out.append(digits.data(), digits.data() + digits.size());
}

bool needs_quotes(std::string_view text, char delimiter) {
  const char* end = text.data() + text.size();
  return swar::first_of(text.data(), end, delimiter, '"', '\n', '\r') != end;
}

}  // namespace

bool is_formula_guarded(std::string_view text) { return needs_formula_guard(text); }

void append_csv_field(fmt::memory_buffer& out, std::string_view text, char delimiter) {
  const bool formula = needs_formula_guard(text);
  const bool quote = needs_quotes(text, delimiter);
  if (!quote && !formula) {
    append(out, text);
    return;
  }
  if (quote) out.push_back('"');
  if (formula) out.push_back('\'');
  if (!quote) {
    append(out, text);
    return;
  }
  // Inside quotes, each quote is doubled.
  for (std::size_t start = 0;;) {
    const auto at = text.find('"', start);
    append(out, text.substr(start, at == std::string_view::npos ? std::string_view::npos : at + 1 - start));
    if (at == std::string_view::npos) break;
    out.push_back('"');
    start = at + 1;
  }
  out.push_back('"');
}

namespace {

class CsvWriter final : public RecordWriter {
 public:
  CsvWriter(Output& out, char delimiter, bool byte_order_mark, bool crlf)
      : out_(out), delimiter_(delimiter), byte_order_mark_(byte_order_mark), crlf_(crlf) {}

  void begin(const std::vector<std::string>& columns) override {
    if (byte_order_mark_) out_.write("\xEF\xBB\xBF");
    start_record();
    for (const auto& name : columns) text(name);
    end_record();
  }
  void start_record() override { first_ = true; }
  void text(std::string_view value) override {
    separate();
    append_csv_field(out_.buffer(), value, delimiter_);
  }
  void cells(std::span<const std::string_view> values) override {
    if (!lie_as_written(values)) {
      RecordWriter::cells(values);
      return;
    }
    separate();
    out_.buffer().append(values.front().data(), values.back().data() + values.back().size());
  }
  void json_or_text(std::string_view, std::string_view value) override { text(value); }
  void integer(long long value) override {
    separate();
    append_integer(out_.buffer(), value);
  }
  void list(std::span<const std::string> items) override { joined_list(items); }
  void list(std::span<const std::string_view> items) override { joined_list(items); }
  bool holds_structure() const override { return false; }
  void structured(const nlohmann::ordered_json& value) override { text(value.dump()); }
  void end_record() override {
    if (crlf_) out_.buffer().push_back('\r');
    out_.buffer().push_back('\n');
    out_.maybe_flush();
  }
  void finish() override {}

 private:
  // Joined straight into the output; codes and sentences almost never need quoting, and when the
  // joined text does, it is written again as a quoted field.
  template <typename Text>
  void joined_list(std::span<const Text> items) {
    separate();
    if (items.empty()) return;
    auto& buffer = out_.buffer();
    const std::size_t start = buffer.size();
    std::size_t size = items.size() - 1;  // the separators
    for (const auto& item : items) size += item.size();
    buffer.resize(start + size);
    char* at = buffer.data() + start;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) *at++ = ';';
      at = std::copy(items[i].begin(), items[i].end(), at);
    }
    const std::string_view joined(buffer.data() + start, buffer.size() - start);
    if (!needs_quotes(joined, delimiter_) && !needs_formula_guard(joined)) return;
    joined_.assign(joined);
    buffer.resize(start);
    append_csv_field(buffer, joined_, delimiter_);
  }
  // Whether the memory from the first of `values` to the end of the last is what text() would
  // write for them one by one: each starts one delimiter after the one before, nothing starts a
  // formula, and no value holds a delimiter, quote or line break. The delimiters between the values
  // are such bytes, so the span holds exactly values.size() - 1 of them.
  bool lie_as_written(std::span<const std::string_view> values) const {
    if (values.empty()) return false;
    for (std::size_t i = 1; i < values.size(); ++i)
      if (values[i].data() != values[i - 1].data() + values[i - 1].size() + 1 || values[i].data()[-1] != delimiter_) return false;
    for (const auto value : values)
      if (needs_formula_guard(value)) return false;
    const char* p = values.front().data();
    const char* const end = values.back().data() + values.back().size();
    std::size_t special = 0;
    for (; end - p >= 16; p += 16) special += static_cast<std::size_t>(std::popcount(swar::match16(p, delimiter_, '"', '\n', '\r')));
    for (; p < end; ++p) special += *p == delimiter_ || *p == '"' || *p == '\n' || *p == '\r';
    return special == values.size() - 1;
  }
  void separate() {
    if (!first_) out_.buffer().push_back(delimiter_);
    first_ = false;
  }
  Output& out_;
  char delimiter_;
  bool byte_order_mark_, crlf_;
  bool first_ = true;
  std::string joined_;
};

// JSON objects keyed by column; as one array (json) or one object a line (ndjson).
class JsonWriter final : public RecordWriter {
 public:
  JsonWriter(Output& out, bool as_array) : out_(out), as_array_(as_array) {}

  void begin(const std::vector<std::string>& columns) override {
    keys_.clear();
    for (const auto& name : columns) {
      fmt::memory_buffer key;
      append_json_string(key, name);
      keys_.emplace_back(key.data(), key.size());
      keys_.back() += ':';
    }
    if (as_array_) append(out_.buffer(), "[");
  }
  void start_record() override {
    auto& buf = out_.buffer();
    if (as_array_) append(buf, records_ == 0 ? "\n" : ",\n");
    buf.push_back('{');
    column_ = 0;
  }
  void text(std::string_view value) override {
    key();
    if (value.empty())
      append(out_.buffer(), "null");
    else
      append_json_string(out_.buffer(), value);
  }
  void json_or_text(std::string_view json, std::string_view) override {
    key();
    append(out_.buffer(), json);
  }
  void integer(long long value) override {
    key();
    append_integer(out_.buffer(), value);
  }
  void list(std::span<const std::string> items) override { array(items); }
  void list(std::span<const std::string_view> items) override { array(items); }
  bool holds_structure() const override { return true; }
  void structured(const nlohmann::ordered_json& value) override {
    key();
    append(out_.buffer(), value.dump());
  }
  void end_record() override {
    out_.buffer().push_back('}');
    if (!as_array_) out_.buffer().push_back('\n');
    ++records_;
    out_.maybe_flush();
  }
  void finish() override {
    if (as_array_) append(out_.buffer(), records_ == 0 ? "]\n" : "\n]\n");
  }

 private:
  template <typename Text>
  void array(std::span<const Text> items) {
    key();
    auto& buf = out_.buffer();
    buf.push_back('[');
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) buf.push_back(',');
      append_json_string(buf, items[i]);
    }
    buf.push_back(']');
  }
  void key() {
    if (column_ > 0) out_.buffer().push_back(',');
    append(out_.buffer(), keys_.at(column_++));
  }
  Output& out_;
  bool as_array_;
  std::vector<std::string> keys_;
  std::size_t column_ = 0;
  long long records_ = 0;
};

}  // namespace

std::unique_ptr<RecordWriter> RecordWriter::create(RecordFormat format, Output& out, char delimiter, bool byte_order_mark, bool crlf) {
  switch (format) {
    case RecordFormat::json: return std::make_unique<JsonWriter>(out, true);
    case RecordFormat::ndjson: return std::make_unique<JsonWriter>(out, false);
    case RecordFormat::csv:
    case RecordFormat::xlsx: break;  // records read from a workbook are written as CSV
  }
  return std::make_unique<CsvWriter>(out, delimiter, byte_order_mark, crlf);
}

}  // namespace waymark
