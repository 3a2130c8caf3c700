// Opening records (waymark/records.hpp): format detection and the JSON array and NDJSON readers.
// The CSV reader behind the same interface is covered in test_csv.cpp.
#include "waymark/records.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>

#include "helpers.hpp"
#include "waymark/json_input.hpp"
#include "waymark/record_writer.hpp"

namespace {

using Catch::Matchers::Contains;
using test::Row;
using waymark::ErrorKind;
using waymark::RecordFormat;

TEST_CASE("Record formats have names and parse from them", "[records]") {
  CHECK(waymark::to_string(RecordFormat::csv) == "csv");
  CHECK(waymark::to_string(RecordFormat::json) == "json");
  CHECK(waymark::to_string(RecordFormat::ndjson) == "ndjson");
  CHECK(waymark::parse_record_format("csv") == RecordFormat::csv);
  CHECK(waymark::parse_record_format("json") == RecordFormat::json);
  CHECK(waymark::parse_record_format("ndjson") == RecordFormat::ndjson);
  CHECK(waymark::parse_record_format("jsonl") == RecordFormat::ndjson);
  CHECK_FALSE(waymark::parse_record_format("auto"));
  CHECK_FALSE(waymark::parse_record_format("CSV"));
  CHECK_FALSE(waymark::parse_record_format(""));
}

TEST_CASE("open_records detects the format: '[' is a JSON array, '{' NDJSON, anything else CSV", "[records][detect]") {
  test::TempDir dir;
  SECTION("JSON array") {
    const auto table = test::read_text(dir, "[{\"a\":\"1\"}]");
    CHECK(table.format == RecordFormat::json);
    CHECK(table.rows == std::vector<Row>{{"1"}});
  }
  SECTION("JSON array after white space") {
    const auto table = test::read_text(dir, " \r\n\t\n[{\"a\":\"1\"}]\n");
    CHECK(table.format == RecordFormat::json);
    CHECK(table.rows == std::vector<Row>{{"1"}});
    CHECK(table.lines == std::vector<long>{3});
  }
  SECTION("NDJSON") {
    const auto table = test::read_text(dir, "{\"a\":\"1\"}\n{\"a\":\"2\"}\n");
    CHECK(table.format == RecordFormat::ndjson);
    CHECK(table.rows == std::vector<Row>{{"1"}, {"2"}});
  }
  SECTION("CSV") {
    const auto table = test::read_text(dir, "a,b\n1,2\n");
    CHECK(table.format == RecordFormat::csv);
    CHECK(table.rows == std::vector<Row>{{"1", "2"}});
  }
  SECTION("CSV whose header starts with a quote") {
    const auto table = test::read_text(dir, "\"[a]\",b\n1,2\n");
    CHECK(table.format == RecordFormat::csv);
    CHECK(table.columns == Row{"[a]", "b"});
  }
}

TEST_CASE("InputOptions::format overrides detection", "[records][detect]") {
  test::TempDir dir;
  SECTION("CSV whose first column name starts with '{'") {
    const auto table = test::read_text(dir, "{id},name\n1,Ada\n", RecordFormat::csv);
    CHECK(table.format == RecordFormat::csv);
    CHECK(table.columns == Row{"{id}", "name"});
    CHECK(table.rows == std::vector<Row>{{"1", "Ada"}});
  }
  SECTION("CSV whose first column name starts with '['") {
    const auto table = test::read_text(dir, "[id],name\n1,Ada\n", RecordFormat::csv);
    CHECK(table.columns == Row{"[id]", "name"});
  }
  SECTION("NDJSON read as a JSON array is an error") {
    CHECK(test::read_error(dir, "{\"a\":\"1\"}\n", RecordFormat::json).kind() == ErrorKind::bad_data);
  }
  SECTION("a JSON array read as NDJSON is an error") {
    CHECK(test::read_error(dir, "[{\"a\":\"1\"}]\n", RecordFormat::ndjson).kind() == ErrorKind::bad_data);
  }
  SECTION("NDJSON forced with leading blank lines") {
    const auto table = test::read_text(dir, "\n\n{\"a\":\"1\"}\n", RecordFormat::ndjson);
    CHECK(table.format == RecordFormat::ndjson);
    CHECK(table.rows == std::vector<Row>{{"1"}});
    CHECK(table.lines == std::vector<long>{3});
  }
}

TEST_CASE("open_records: a directory is a no-input error", "[records][errors]") {
  test::TempDir dir;
  const auto error = test::error_from([&] { test::read_all(test::input_options(dir.path())); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::missing_input);
}

// Regression test for a fixed bug. open_records decides the format from the
// first read only; when that read holds nothing but white space it reports "the file is empty".
// A file needs over 1 MiB of leading white space for that, but standard input from a pipe can
// deliver a first read of just "\n" (a producer that writes a blank line, then the data).
TEST_CASE("open_records detects the format after more than one chunk of leading white space", "[records][detect]") {
  test::TempDir dir;
  const std::string space((1 << 20) + 10, '\n');
  SECTION("JSON array") {
    const auto error = test::error_from([&] {
      const auto table = test::read_text(dir, space + "[{\"a\":\"1\"}]\n");
      CHECK(table.format == RecordFormat::json);
      CHECK(table.rows == std::vector<Row>{{"1"}});
    });
    if (error) FAIL_CHECK("threw: " << error->what());
  }
  SECTION("NDJSON") {
    const auto error = test::error_from([&] {
      const auto table = test::read_text(dir, space + "{\"a\":\"1\"}\n");
      CHECK(table.format == RecordFormat::ndjson);
      CHECK(table.rows == std::vector<Row>{{"1"}});
    });
    if (error) FAIL_CHECK("threw: " << error->what());
  }
}

TEST_CASE("open_records after leading white space works when the format is given", "[records][detect]") {
  test::TempDir dir;
  const std::string space((1 << 20) + 10, '\n');
  const auto table = test::read_text(dir, space + "[{\"a\":\"1\"}]\n", RecordFormat::json);
  CHECK(table.rows == std::vector<Row>{{"1"}});
  CHECK(table.lines == std::vector<long>{(1 << 20) + 11});
}

TEST_CASE("JSON: columns are the first object's keys in their order", "[records][json]") {
  test::TempDir dir;
  SECTION("JSON array") {
    const auto table = test::read_text(dir, R"([{"zeta":"1","alpha":"2","mid":"3"},{"mid":"6","zeta":"4","alpha":"5"}])");
    CHECK(table.columns == Row{"zeta", "alpha", "mid"});
    CHECK(table.rows == std::vector<Row>{{"1", "2", "3"}, {"4", "5", "6"}});
  }
  SECTION("NDJSON") {
    const auto table =
        test::read_text(dir, "{\"zeta\":\"1\",\"alpha\":\"2\",\"mid\":\"3\"}\n{\"mid\":\"6\",\"alpha\":\"5\",\"zeta\":\"4\"}\n");
    CHECK(table.columns == Row{"zeta", "alpha", "mid"});
    CHECK(table.rows == std::vector<Row>{{"1", "2", "3"}, {"4", "5", "6"}});
  }
}

TEST_CASE("JSON: RecordReader::find_column gives a column's index", "[records][json]") {
  test::TempDir dir;
  const auto reader = waymark::open_records(test::input_options(dir.write("in.json", R"([{"id":"1","name":"Ada"}])")));
  CHECK(reader->find_column("id") == std::size_t{0});
  CHECK(reader->find_column("name") == std::size_t{1});
  CHECK_FALSE(reader->find_column("Name"));
  CHECK(reader->source_name() == (dir / "in.json").string());
}

TEST_CASE("JSON: a key missing from a later record is an empty value", "[records][json]") {
  test::TempDir dir;
  SECTION("JSON array") {
    const auto table = test::read_text(dir, R"([{"a":"1","b":"2","c":"3"},{"b":"5"},{}])");
    CHECK(table.rows == std::vector<Row>{{"1", "2", "3"}, {"", "5", ""}});  // {} holds nothing: passed over
  }
  SECTION("NDJSON") {
    const auto table = test::read_text(dir, "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"4\"}\n{\"b\":\"6\"}\n");
    CHECK(table.rows == std::vector<Row>{{"1", "2"}, {"4", ""}, {"", "6"}});
  }
}

TEST_CASE("JSON: a key that is not in the first record is a data error naming it and its line", "[records][json][errors]") {
  test::TempDir dir;
  SECTION("JSON array") {
    const auto error = test::read_error(dir, "[\n{\"a\":\"1\"},\n{\"a\":\"2\",\n\"extra\":\"x\"}\n]\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":3:") && Contains("column 'extra'"));
  }
  SECTION("NDJSON") {
    const auto error = test::read_error(dir, "{\"a\":\"1\"}\n{\"a\":\"2\"}\n{\"extra\":\"x\"}\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":3:") && Contains("column 'extra'"));
  }
}

// Regression test for a fixed bug. The first record's keys are the columns, so a
// first record of {} has none, and any key in a later record is "not in the first record".
// Instead the reader takes the second record's keys as the columns, after columns() has already
// told the caller there are none.
TEST_CASE("NDJSON: after an empty first object, a later record's key is not in the first record", "[records][json][errors]") {
  test::TempDir dir;
  const auto reader = waymark::open_records(test::input_options(dir.write("in.ndjson", "{}\n{\"a\":\"1\"}\n")));
  CHECK(reader->columns().empty());
  waymark::Record record;
  REQUIRE(reader->next(record));
  CHECK(record.values.empty());
  const auto error = test::error_from([&] { reader->next(record); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
  CHECK(reader->columns().empty());
}

TEST_CASE("JSON: values that are not strings become cell text", "[records][json]") {
  test::TempDir dir;
  const std::string object = R"({"s":"x","int":12,"dec":84.5,"neg":-3,"yes":true,"no":false,"null":null,)"
                             R"("list":["a","b"],"nums":[1,2.5],"empty":[],"nested":[["a","b"],"c"],"obj":{"k":"v"},"blank":""})";
  const Row columns{"s", "int", "dec", "neg", "yes", "no", "null", "list", "nums", "empty", "nested", "obj", "blank"};
  const Row cells{"x", "12", "84.5", "-3", "true", "false", "", "a;b", "1;2.5", "", "a;b;c", R"({"k":"v"})", ""};
  SECTION("JSON array") {
    const auto table = test::read_text(dir, "[" + object + "]");
    CHECK(table.columns == columns);
    CHECK(table.rows == std::vector<Row>{cells});
  }
  SECTION("NDJSON") {
    const auto table = test::read_text(dir, object + "\n");
    CHECK(table.columns == columns);
    CHECK(table.rows == std::vector<Row>{cells});
  }
}

TEST_CASE("JSON: invalid JSON is a data error naming its line", "[records][json][errors]") {
  test::TempDir dir;
  SECTION("NDJSON") {
    const auto error = test::read_error(dir, "{\"a\":\"1\"}\n{\"a\":\"2\"}\n{\"a\": }\n{\"a\":\"4\"}\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":3:") && Contains("not valid JSON"));
  }
  SECTION("NDJSON, the first line") {
    const auto error = test::read_error(dir, "{\"a\" \"1\"}\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":1:") && Contains("not valid JSON"));
  }
  SECTION("JSON array") {
    const auto error = test::read_error(dir, "[\n  {\"a\": \"1\"},\n\n  {\"a\": tru}\n]\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":4:") && Contains("not valid JSON"));
  }
  SECTION("JSON array: an unterminated string runs to the end of the file") {
    CHECK(test::read_error(dir, "[{\"a\":\"1\"},{\"a\":\"2}]\n").kind() == ErrorKind::bad_data);
  }
}

TEST_CASE("JSON: a record that is not an object is a data error", "[records][json][errors]") {
  test::TempDir dir;
  SECTION("a number in an array") {
    const auto error = test::read_error(dir, "[{\"a\":\"1\"},\n2]");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":2:") && Contains("not a JSON object"));
  }
  SECTION("a string in an array") { CHECK(test::read_error(dir, R"([{"a":"1"},"x"])").kind() == ErrorKind::bad_data); }
  SECTION("an array in an array") { CHECK(test::read_error(dir, "[[{\"a\":\"1\"}]]").kind() == ErrorKind::bad_data); }
  SECTION("null first") { CHECK(test::read_error(dir, "[null]").kind() == ErrorKind::bad_data); }
  SECTION("an array on an NDJSON line") {
    const auto error = test::read_error(dir, "{\"a\":\"1\"}\n[1,2]\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":2:") && Contains("not a JSON object"));
  }
  SECTION("a string on an NDJSON line") { CHECK(test::read_error(dir, "{\"a\":\"1\"}\n\"x\"\n").kind() == ErrorKind::bad_data); }
}

TEST_CASE("JSON array: badly formed arrays are data errors", "[records][json][errors]") {
  test::TempDir dir;
  SECTION("empty array") { CHECK(test::read_error(dir, "[]").kind() == ErrorKind::bad_data); }
  SECTION("empty array with space") { CHECK(test::read_error(dir, "[ \n ]\n").kind() == ErrorKind::bad_data); }
  SECTION("never closed") { CHECK(test::read_error(dir, "[{\"a\":\"1\"},{\"a\":\"2\"}\n").kind() == ErrorKind::bad_data); }
  SECTION("never closed after a comma") { CHECK(test::read_error(dir, "[{\"a\":\"1\"},").kind() == ErrorKind::bad_data); }
  SECTION("text after the array") {
    const auto error = test::read_error(dir, "[{\"a\":\"1\"}]\n[{\"a\":\"2\"}]\n");
    CHECK(error.kind() == ErrorKind::bad_data);
    CHECK_THAT(error.what(), Contains(":2:"));
  }
  SECTION("records without a comma") { CHECK(test::read_error(dir, "[{\"a\":\"1\"} {\"a\":\"2\"}]").kind() == ErrorKind::bad_data); }
  SECTION("trailing comma") { CHECK(test::read_error(dir, "[{\"a\":\"1\"},]").kind() == ErrorKind::bad_data); }
  SECTION("leading comma") { CHECK(test::read_error(dir, "[,{\"a\":\"1\"}]").kind() == ErrorKind::bad_data); }
}

TEST_CASE("JSON: an empty file is a data error", "[records][json][errors]") {
  test::TempDir dir;
  SECTION("JSON forced") { CHECK(test::read_error(dir, "", RecordFormat::json).kind() == ErrorKind::bad_data); }
  SECTION("NDJSON forced") { CHECK(test::read_error(dir, "", RecordFormat::ndjson).kind() == ErrorKind::bad_data); }
  SECTION("NDJSON forced, blank lines only") {
    CHECK(test::read_error(dir, "\n \n\t\n", RecordFormat::ndjson).kind() == ErrorKind::bad_data);
  }
}

TEST_CASE("JSON: strings holding brackets, braces, commas and escaped quotes do not end a record", "[records][json]") {
  test::TempDir dir;
  const std::string text = R"([{"a":"x],{y}","b":"say \"]\" \\"},{"a":"[","b":"}\\\\"}])";
  const auto table = test::read_text(dir, text);
  CHECK(table.rows == std::vector<Row>{{"x],{y}", "say \"]\" \\"}, {"[", "}\\\\"}});
}

TEST_CASE("JSON: a byte order mark before the data is skipped", "[records][json]") {
  test::TempDir dir;
  SECTION("before '['") {
    const auto table = test::read_text(dir, "\xEF\xBB\xBF[{\"name\":\"Zoë\"}]\n");
    CHECK(table.format == RecordFormat::json);
    CHECK(table.columns == Row{"name"});
    CHECK(table.rows == std::vector<Row>{{"Zoë"}});
  }
  SECTION("before '{'") {
    const auto table = test::read_text(dir, "\xEF\xBB\xBF{\"name\":\"Zoë\"}\n");
    CHECK(table.format == RecordFormat::ndjson);
    CHECK(table.rows == std::vector<Row>{{"Zoë"}});
  }
}

TEST_CASE("JSON: a pretty-printed array over many lines; each record's line is where it starts", "[records][json]") {
  test::TempDir dir;
  const auto table = test::read_text(dir,
                                     "[\n"                                     // 1
                                     "  {\n"                                   // 2
                                     "    \"id\": \"1\",\n"                    // 3
                                     "    \"name\": \"Ada\\nL\"\n"             // 4
                                     "  },\n"                                  // 5
                                     "  {\"id\": \"2\", \"name\": \"Bo\"},\n"  // 6
                                     "\n"                                      // 7
                                     "  {\n"                                   // 8
                                     "    \"id\": 3\n"                         // 9
                                     "  }\n"                                   // 10
                                     "]\n");                                   // 11
  CHECK(table.format == RecordFormat::json);
  CHECK(table.columns == Row{"id", "name"});
  CHECK(table.rows == std::vector<Row>{{"1", "Ada\nL"}, {"2", "Bo"}, {"3", ""}});
  CHECK(table.lines == std::vector<long>{2, 6, 8});
}

TEST_CASE("NDJSON: blank lines are skipped and do not shift line numbers", "[records][json]") {
  test::TempDir dir;
  SECTION("LF, and no line break after the last record") {
    const auto table = test::read_text(dir, "{\"a\":\"1\"}\n\n  \n{\"a\":\"2\"}\n\t\n{\"a\":\"3\"}");
    CHECK(table.rows == std::vector<Row>{{"1"}, {"2"}, {"3"}});
    CHECK(table.lines == std::vector<long>{1, 4, 6});
  }
  SECTION("CRLF, blank lines at the end") {
    const auto table = test::read_text(dir, "{\"a\":\"1\"}\r\n\r\n{\"a\":\"2\"}\r\n\r\n\r\n");
    CHECK(table.rows == std::vector<Row>{{"1"}, {"2"}});
    CHECK(table.lines == std::vector<long>{1, 3});
  }
}

// ---------------------------------------------------------------------------------------------
// Streaming across the reader's 1 MiB chunks

constexpr std::size_t chunk_size = 1 << 20;

// Builds a JSON array or NDJSON file of {"id","notes","tail"} objects, one a line, and the
// records it must parse to.
struct JsonBuilder {
  explicit JsonBuilder(bool as_array) : array(as_array), text(as_array ? "[\n" : ""), line(as_array ? 2 : 1) {}
  bool array;
  std::string text;
  long line;  // the line the end of `text` is on
  std::vector<Row> rows;
  std::vector<long> lines;
  long next_id = 1;
  bool separated = false;  // the separator before the next record is already written

  // A JSON string literal, by the records library's own JSON writer (nlohmann's dump is slow under sanitizers).
  static std::string quoted(const std::string& value) {
    fmt::memory_buffer out;
    waymark::append_json_string(out, value);
    return fmt::to_string(out);
  }
  static std::string element(const Row& values) {
    return "{\"id\":" + quoted(values[0]) + ",\"notes\":" + quoted(values[1]) + ",\"tail\":" + quoted(values[2]) + "}";
  }
  // The separator written before the next record: ",\n" in an array, "\n" in NDJSON.
  std::size_t separator_size() const { return rows.empty() || separated ? 0 : array ? 2 : 1; }

  void add(const Row& values) { add_raw(element(values), values); }
  // Appends `raw`, one object on one line, which must parse to `values`.
  void add_raw(const std::string& raw, const Row& values) {
    if (separator_size() > 0) {
      text += array ? ",\n" : "\n";
      ++line;
    }
    separated = false;
    lines.push_back(line);
    text += raw;
    rows.push_back(values);
  }
  // Adds plain records until the next record added would start at byte `start`.
  void fill_to(std::size_t start) {
    while (start - text.size() > 1200) {
      const long n = next_id++;
      add({std::to_string(n), "plain " + std::string(static_cast<std::size_t>(n % 7) * 150, 'v'), "x"});
    }
    const std::string id = std::to_string(next_id++);
    const std::size_t overhead = separator_size() + element({id, "", "x"}).size() + (array ? 2 : 1);
    REQUIRE(start >= text.size() + overhead);
    add({id, std::string(start - text.size() - overhead, 'p'), "x"});
    REQUIRE(text.size() + separator_size() == start);
  }
  // Pads with white space, which the readers skip without parsing it, so that the next record
  // starts at byte `start`: in an array, spaces after the comma; in NDJSON, a line of spaces.
  void space_to(std::size_t start) {
    if (array) {
      if (!rows.empty()) text += ",";
    } else {
      if (!rows.empty()) {
        text += "\n";
        ++line;
      }
    }
    REQUIRE(start >= text.size() + 1);
    text.append(start - text.size() - (array ? 0 : 1), ' ');
    if (!array) {
      text += "\n";
      ++line;
    }
    separated = true;
    REQUIRE(text.size() == start);
  }
  std::string finished() const { return array ? text + "\n]\n" : text + "\n"; }
};

// Checks the file parses to the records built, reporting only the first difference, by position.
void check_parses(const test::TempDir& dir, const JsonBuilder& built) {
  const auto table = test::read_text(dir, built.finished());
  CHECK(table.format == (built.array ? RecordFormat::json : RecordFormat::ndjson));
  CHECK(table.columns == Row{"id", "notes", "tail"});
  REQUIRE(table.rows.size() == built.rows.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    if (table.lines[i] == built.lines[i] && table.rows[i] == built.rows[i]) continue;
    if (mismatches++ > 0) continue;
    INFO("first wrong record: " << i << ", expected on line " << built.lines[i]);
    CHECK(table.lines[i] == built.lines[i]);
    for (std::size_t f = 0; f < built.rows[i].size(); ++f) {
      const std::string& got = table.rows[i][f];
      const std::string& want = built.rows[i][f];
      if (got == want) continue;
      const auto diff = std::mismatch(got.begin(), got.end(), want.begin(), want.end());
      FAIL_CHECK("field " << f << ": got " << got.size() << " bytes, expected " << want.size() << "; first difference at byte "
                          << (diff.first - got.begin()));
    }
  }
  CHECK(mismatches == 0);
}

// A value full of what the array reader must skip over inside strings.
std::string awkward_value(std::size_t length) {
  static const std::string pieces[] = {"],", "},{", "\"", "\\", "\n", "[{", "Zoë", "plain text ", "\t"};
  std::string value;
  for (std::size_t i = 0; value.size() < length; ++i) value += pieces[i * 7 % std::size(pieces)];
  return value;
}

TEST_CASE("JSON array and NDJSON: records across the 1 MiB chunk boundary and values over 2 MiB", "[records][json][streaming]") {
  test::TempDir dir;
  const bool as_array = GENERATE(true, false);
  INFO((as_array ? "JSON array" : "NDJSON"));
  JsonBuilder built(as_array);
  built.fill_to(chunk_size - 1000);
  built.add({"across", awkward_value(5000), "after"});
  REQUIRE(built.text.size() > chunk_size + 1000);
  built.space_to(2 * chunk_size + 4321);
  built.add({"huge", awkward_value(2 * chunk_size + 12345), "end"});
  built.fill_to(built.text.size() + 5000);
  built.add({"last", "", ""});
  check_parses(dir, built);
}

TEST_CASE("JSON array and NDJSON: each awkward byte of a record may fall on the chunk boundary", "[records][json][streaming]") {
  test::TempDir dir;
  const bool as_array = GENERATE(true, false);
  // Escaped quote, escaped backslash, brackets in a string, the closing brace and the separator.
  const std::string record = R"({"id":"7","notes":"a\"]},\\","tail":"z"})";
  const Row expected{"7", "a\"]},\\", "z"};
  REQUIRE(record.size() == 40);
  // The bytes worth putting on the boundary: the start, each special character inside the string,
  // the closing brace and the separator after the record (40, 41).
  const auto at = GENERATE(values({0, 1, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 38, 39, 40, 41}));
  INFO((as_array ? "JSON array" : "NDJSON") << ", record byte " << at << " starts the second chunk");
  JsonBuilder built(as_array);
  built.add({"1", "first", "x"});
  built.space_to(chunk_size - static_cast<std::size_t>(at));
  built.add_raw(record, expected);
  built.add({"8", "after", "x"});
  check_parses(dir, built);
}

}  // namespace

TEST_CASE("JSON and NDJSON records with a long value read from a pipe as from a file", "[records][json][streaming]") {
  // The readers look at each byte once, going on after each small refill where they stopped.
  const std::string long_text = std::string(3 << 20, 'x') + "\\\"" + std::string(1000, 'y');  // escaped quote inside
  const std::string value = std::string(3 << 20, 'x') + "\"" + std::string(1000, 'y');
  {
    test::TempDir dir;
    const auto table = test::read_through_pipe(
        dir, "{\"id\": \"L1\", \"notes\": \"a\"}\n{\"id\": \"L2\", \"notes\": \"" + long_text + "\"}\n{\"id\": \"L3\", \"notes\": \"\"}\n");
    CHECK(table.format == RecordFormat::ndjson);
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[1] == test::Row{"L2", value});
    CHECK(table.lines == std::vector<long>{1, 2, 3});
  }
  {
    test::TempDir dir;
    const auto table = test::read_through_pipe(dir, "[{\"id\": \"L1\", \"notes\": \"a\"},\n{\"id\": \"L2\", \"notes\": \"" + long_text +
                                                        "\"},\n{\"id\": \"L3\", \"notes\": \"\"}]\n");
    CHECK(table.format == RecordFormat::json);
    REQUIRE(table.rows.size() == 3);
    CHECK(table.rows[1] == test::Row{"L2", value});
    CHECK(table.rows[2] == test::Row{"L3", ""});
  }
}

TEST_CASE("JSON: a number too large for a double is bad data naming the line and key, not quoted", "[records][json]") {
  test::TempDir dir;
  const auto ndjson =
      test::read_error(dir, "{\"id\":\"L0\",\"attendance_pct\":95}\n{\"id\":\"L1\",\"attendance_pct\":1e400}\n", RecordFormat::ndjson);
  CHECK(ndjson.kind() == ErrorKind::bad_data);
  CHECK_THAT(std::string(ndjson.what()),
             Catch::Matchers::EndsWith(":2: column 'attendance_pct': a number too large to hold (beyond 1.7e308) "
                                       "(a number such as 87.5, or text in quotes)"));
  CHECK_THAT(std::string(ndjson.what()), !Catch::Matchers::Contains("1e400"));
  const auto json = test::read_error(dir, "[{\"id\": \"L1\",\n \"x\": [1,\n -5E+999]}]", RecordFormat::json);
  CHECK(json.kind() == ErrorKind::bad_data);
  CHECK_THAT(std::string(json.what()), Catch::Matchers::Contains(":3: column 'x': a number too large"));
  CHECK(test::read_error(dir, "[5e455e45", RecordFormat::json).kind() == ErrorKind::bad_data);
}

TEST_CASE("parse_json: every refusal comes back with its line, none as an exception", "[records][json]") {
  nlohmann::json value;
  CHECK_FALSE(waymark::parse_json("{\"a\": [1, 2.5e300]}", value));
  CHECK(value["a"][1] == 2.5e300);
  auto refusal = waymark::parse_json("{\"a\": 1,\n\"b\": {\"c\":\n 1e309}}", value);
  REQUIRE(refusal);
  CHECK(refusal->number_too_large);
  CHECK(refusal->line == 3);
  CHECK(refusal->byte == 22);
  CHECK(refusal->key == "b");
  refusal = waymark::parse_json("{\"a\": tru}", value);
  REQUIRE(refusal);
  CHECK_FALSE(refusal->number_too_large);
  CHECK(refusal->reason.find("tru") == std::string::npos);
  CHECK(refusal->reason.find("invalid literal") != std::string::npos);
  CHECK(waymark::parse_json("// rules\n{\"a\": 1}", value, /*allow_comments=*/true) == std::nullopt);
  // The filter decides what is kept, as nlohmann's parser callback does.
  const auto refused =
      waymark::parse_json("{\"keep\": 1, \"drop\": 2}", value, false, [](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return event != nlohmann::json::parse_event_t::key || parsed != "drop";
      });
  CHECK_FALSE(refused);
  CHECK(value == nlohmann::json{{"keep", 1}});
  nlohmann::ordered_json ordered;
  REQUIRE(waymark::parse_json("[1e400]", ordered));
}
