// libFuzzer target: the table writers (CSV, JSON, NDJSON: RecordWriter) on hostile text
// (hostile_text.hpp). The first byte picks the format, the CSV delimiter, a byte order mark and
// CRLF lines; the second the number of columns; then come the headings and the cells, each cell's
// kind (text, a list, an integer, a JSON value, a row of cells side by side in memory as a CSV
// reader leaves them, a structured value) picked by a byte before it.
// What was written is read back and must hold what went in, so a wrong file fails as a crash does:
// - CSV: every row has as many fields as there are columns (RFC 4180, read here independently of
//   the library's reader), each field is the text given, and a field a spreadsheet would run as a
//   formula (starting = + - @, tab or carriage return, and not a plain number) is guarded with '.
// - JSON and NDJSON: the file parses (nlohmann), one object a record, keys the columns in order,
//   values the ones given (empty text null). Checked when the text is UTF-8, as every reader
//   guarantees; other bytes must only not crash the writer.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "hostile_text.hpp"
#include "waymark/csv.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"

namespace {

[[noreturn]] void wrong(const std::string& what) {
  std::fprintf(stderr, "wrong output: %s\n", what.c_str());
  std::abort();
}

// What one cell should read back as: its CSV text, its JSON value (when the text is UTF-8), and
// whether a spreadsheet could read it as a formula if it went unguarded.
struct Expected {
  std::string csv;
  nlohmann::ordered_json json;
  bool guard_applies = true;  // false for integers and structured values
};

// A number as a spreadsheet reads one (optional sign, digits with one '.' or ',', an exponent):
// the only text starting with + or - that may go unguarded.
bool spreadsheet_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9')
      ++digits;
    else if ((text[i] == '.' || text[i] == ',') && !point)
      point = true;
    else
      break;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++exponent;
    if (exponent == 0) return false;
  }
  return i == text.size();
}

bool starts_formula(std::string_view text) { return !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos; }

// RFC 4180 rows of `text`; aborts on anything a CSV reader could not split.
std::vector<std::vector<std::string>> read_csv(std::string_view text, char delimiter, bool crlf) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    // One field.
    field.clear();
    if (text[i] == '"') {
      ++i;
      for (;;) {
        if (i >= text.size()) wrong("a quoted CSV field is not closed");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r' && text[i] != '"') field += text[i++];
      if (i < text.size() && text[i] == '"') wrong("a quote inside an unquoted CSV field");
    }
    row.push_back(field);
    if (i >= text.size()) wrong("the last CSV row has no line ending");
    if (text[i] == delimiter) {
      ++i;
      continue;
    }
    if (crlf) {
      if (text.substr(i, 2) != "\r\n") wrong("a CSV line ends other than CRLF");
      i += 2;
    } else {
      if (text[i] != '\n') wrong("a CSV line ends other than LF");
      ++i;
    }
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

void check_csv_field(const std::string& got, const Expected& expected, std::size_t row, std::size_t column) {
  const auto where = " (row " + std::to_string(row) + ", column " + std::to_string(column) + ")";
  if (got == expected.csv) {
    if (expected.guard_applies && starts_formula(expected.csv) && !spreadsheet_number(expected.csv))
      wrong("a CSV field a spreadsheet would run as a formula is not guarded" + where);
    return;
  }
  if (expected.guard_applies && starts_formula(expected.csv) && got == "'" + expected.csv) return;
  wrong("a CSV field does not read back as written" + where);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/waymark-fuzz-tables-" + std::to_string(::getpid());
  waymark::fuzz::HostileText in(data, size);
  const std::uint8_t options = in.byte();
  constexpr waymark::RecordFormat formats[] = {waymark::RecordFormat::csv, waymark::RecordFormat::json, waymark::RecordFormat::ndjson};
  const auto format = formats[options % 3];
  constexpr char delimiters[] = {',', ';', '\t', '|'};
  const char delimiter = delimiters[(options >> 2) % 4];
  const bool bom = options & 0x10, crlf = options & 0x20;
  const std::size_t column_count = 1 + in.byte() % 8;

  std::vector<std::string> columns;
  std::set<std::string> seen;
  bool utf8 = true;
  for (std::size_t i = 0; i < column_count; ++i) {
    auto name = in.field();
    // JSON keys must differ, as a reader's headings do.
    while (!seen.insert(name).second) name += "~";
    utf8 = utf8 && waymark::is_valid_utf8(name);
    columns.push_back(std::move(name));
  }

  std::vector<std::vector<Expected>> rows;
  {
    waymark::Output out(path);
    const auto writer = waymark::RecordWriter::create(format, out, delimiter, bom, crlf);
    writer->begin(columns);
    while (!in.empty() && rows.size() < 50) {
      writer->start_record();
      auto& row = rows.emplace_back();
      while (row.size() < column_count) {
        const std::uint8_t kind = in.byte() % 6;
        if (kind == 0) {
          const auto text = in.field();
          utf8 = utf8 && waymark::is_valid_utf8(text);
          writer->text(text);
          row.push_back({text, text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text)});
        } else if (kind == 1) {
          std::vector<std::string> items;
          for (auto n = in.byte() % 4; n > 0; --n) items.push_back(in.field());
          std::string joined;
          auto array = nlohmann::ordered_json::array();
          for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            if (i > 0) joined += ';';
            joined += item;
            utf8 = utf8 && waymark::is_valid_utf8(item);
            array.push_back(item);
          }
          writer->list(std::span<const std::string>(items));
          row.push_back({joined, array});
        } else if (kind == 2) {
          long long value = 0;
          for (int b = 0; b < 8; ++b) value = static_cast<long long>(static_cast<unsigned long long>(value) << 8 | in.byte());
          writer->integer(value);
          row.push_back({std::to_string(value), value, false});
        } else if (kind == 3) {
          // A value that came as JSON (a number, a list): JSON writes the JSON, CSV the text.
          const auto text = in.field();
          utf8 = utf8 && waymark::is_valid_utf8(text);
          if (!waymark::is_valid_utf8(text)) {
            writer->text(text);
            row.push_back({text, nullptr});
            continue;
          }
          const nlohmann::ordered_json value = {text, 1.5, true};
          writer->json_or_text(value.dump(), text);
          row.push_back({text, value});
        } else if (kind == 4) {
          // The rest of the row as a CSV reader leaves it: values one delimiter apart in one buffer.
          static std::string line;
          line.clear();
          std::vector<std::pair<std::size_t, std::size_t>> spans;
          while (row.size() + spans.size() < column_count) {
            if (!spans.empty()) line += delimiter;
            const auto text = in.field();
            utf8 = utf8 && waymark::is_valid_utf8(text);
            spans.emplace_back(line.size(), text.size());
            line += text;
          }
          std::vector<std::string_view> values;
          for (const auto& [at, length] : spans) {
            values.emplace_back(line.data() + at, length);
            const std::string text(values.back());
            row.push_back({text, text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text)});
          }
          writer->cells(values);
        } else {
          const auto text = in.field();
          if (!waymark::is_valid_utf8(text)) {
            utf8 = false;
            writer->text(text);
            row.push_back({text, text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text)});
            continue;
          }
          const nlohmann::ordered_json value = {{"text", text}, {"n", 3}};
          if (writer->holds_structure())
            writer->structured(value);
          else
            writer->text(value.dump());
          row.push_back({value.dump(), value, false});
        }
      }
      writer->end_record();
    }
    writer->finish();
    out.commit();
  }

  std::ifstream file(path, std::ios::binary);
  std::string written((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (format == waymark::RecordFormat::csv) {
    std::string_view text(written);
    if (bom) {
      if (!text.starts_with("\xEF\xBB\xBF")) wrong("the byte order mark is missing");
      text.remove_prefix(3);
    }
    const auto read = read_csv(text, delimiter, crlf);
    if (read.size() != rows.size() + 1)
      wrong("the CSV has " + std::to_string(read.size()) + " rows for " + std::to_string(rows.size() + 1));
    if (read[0].size() != column_count) wrong("the CSV header row has the wrong number of fields");
    for (std::size_t c = 0; c < column_count; ++c) {
      check_csv_field(read[0][c], {columns[c], nullptr}, 0, c);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (read[r + 1].size() != column_count) wrong("a CSV row has the wrong number of fields (row " + std::to_string(r + 1) + ")");
      for (std::size_t c = 0; c < column_count; ++c) check_csv_field(read[r + 1][c], rows[r][c], r + 1, c);
    }
    return 0;
  }
  if (!utf8) return 0;
  std::vector<nlohmann::ordered_json> records;
  try {
    if (format == waymark::RecordFormat::json) {
      const auto array = nlohmann::ordered_json::parse(written);
      if (!array.is_array()) wrong("the JSON is not an array");
      for (const auto& record : array) records.push_back(record);
    } else {
      std::size_t start = 0;
      for (std::size_t end; (end = written.find('\n', start)) != std::string::npos; start = end + 1)
        records.push_back(nlohmann::ordered_json::parse(std::string_view(written).substr(start, end - start)));
      if (start != written.size()) wrong("the NDJSON does not end with a line break");
    }
  } catch (const nlohmann::json::exception& error) {
    wrong(std::string("the JSON does not parse: ") + error.what());
  }
  if (records.size() != rows.size())
    wrong("the JSON holds " + std::to_string(records.size()) + " records for " + std::to_string(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& record = records[r];
    if (!record.is_object() || record.size() != column_count) wrong("a JSON record is not an object of every column");
    std::size_t c = 0;
    for (const auto& [key, value] : record.items()) {
      if (key != columns[c]) wrong("a JSON key is not its column's heading");
      if (value != rows[r][c].json) wrong("a JSON value does not read back as written (record " + std::to_string(r) + ")");
      ++c;
    }
  }
  return 0;
}
