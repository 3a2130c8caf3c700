// Records out (waymark/record_writer.hpp): CSV quoting and formula guard, JSON escaping, and the
// CSV / JSON / NDJSON writers byte for byte.
#include "waymark/record_writer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "waymark/output.hpp"

namespace {

using waymark::RecordFormat;

std::string csv_field(std::string_view text, char delimiter = ',') {
  fmt::memory_buffer out;
  waymark::append_csv_field(out, text, delimiter);
  return fmt::to_string(out);
}

std::string json_string(std::string_view text) {
  fmt::memory_buffer out;
  waymark::append_json_string(out, text);
  return fmt::to_string(out);
}

// ---------------------------------------------------------------------------------------------
// append_csv_field

TEST_CASE("append_csv_field quotes a field only when it needs quoting", "[writer][csv]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("") == "");
  CHECK(csv_field("with space") == "with space");
  CHECK(csv_field("Zoë") == "Zoë");
  CHECK(csv_field("Anytown, WW") == "\"Anytown, WW\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\r") == "\"cr\r\"");
  CHECK(csv_field("a;b") == "a;b");
  CHECK(csv_field("a;b", ';') == "\"a;b\"");
  CHECK(csv_field("a,b", ';') == "a,b");
  CHECK(csv_field("a\tb", '\t') == "\"a\tb\"");
}

// The search for a character that needs quotes reads 16, 8 or 1 bytes at a time by the text's
// length; each length and each position of the character must be found.
TEST_CASE("append_csv_field finds a character that needs quotes at any place in texts of any length", "[writer][csv]") {
  std::size_t wrong = 0;
  for (std::size_t length = 1; length <= 40; ++length) {
    const std::string plain(length, 'x');
    if (csv_field(plain) != plain) ++wrong;
    for (std::size_t at = 0; at < length; ++at)
      for (const char special : {',', '\n', '\r', '"'}) {
        std::string text = plain;
        text[at] = special;
        const std::string guard = at == 0 && special == '\r' ? "'" : "";  // a leading carriage return is a formula's
        const std::string expected = "\"" + guard + (special == '"' ? text.substr(0, at) + "\"\"" + text.substr(at + 1) : text) + "\"";
        if (csv_field(text) != expected && ++wrong <= 5) UNSCOPED_INFO("length " << length << ", character " << at);
      }
  }
  CHECK(wrong == 0);
}

TEST_CASE("append_csv_field doubles quotes inside a quoted field", "[writer][csv]") {
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_field("\"\"") == "\"\"\"\"\"\"");
}

TEST_CASE("append_csv_field guards text a spreadsheet would run as a formula", "[writer][csv][formula]") {
  CHECK(csv_field("=SUM(A1:A9)") == "'=SUM(A1:A9)");
  CHECK(csv_field("+cmd") == "'+cmd");
  CHECK(csv_field("-cmd") == "'-cmd");
  CHECK(csv_field("@import") == "'@import");
  CHECK(csv_field("=1+2") == "'=1+2");
  CHECK(csv_field("-") == "'-");
  SECTION("a guarded field that also needs quotes has the guard inside the quotes") {
    CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(csv_field("=a;b", ';') == "\"'=a;b\"");
  }
  SECTION("the characters are only a risk at the start") {
    CHECK(csv_field("a=b") == "a=b");
    CHECK(csv_field("x-y") == "x-y");
    CHECK(csv_field("me@example.org") == "me@example.org");
  }
}

TEST_CASE("append_csv_field leaves negative numbers unguarded", "[writer][csv][formula]") {
  CHECK(csv_field("-3") == "-3");
  CHECK(csv_field("-0.5") == "-0.5");
  CHECK(csv_field("-12.25") == "-12.25");
  CHECK(csv_field("-1e3") == "-1e3");
  CHECK(csv_field("-3x") == "'-3x");
  CHECK(csv_field("-3 ") == "'-3 ");
}

// Regression test for a fixed bug. The header promises no guard on a plain
// number, but the plain-number check uses std::from_chars, which does not accept a leading '+',
// so "+4.5" is written as "'+4.5" and the spreadsheet shows the apostrophe-prefixed text.
TEST_CASE("append_csv_field leaves numbers with a plus sign unguarded", "[writer][csv][formula]") {
  CHECK(csv_field("+4.5") == "+4.5");
  CHECK(csv_field("+3") == "+3");
}

// Found by the tables fuzz target: std::from_chars, which the plain-number check uses, reads
// infinities and NaNs, so "-inf" went unguarded and a spreadsheet ran it as the formula =-inf.
TEST_CASE("append_csv_field guards infinities and NaNs, which are no spreadsheet's numbers", "[writer][csv][formula]") {
  CHECK(csv_field("-inf") == "'-inf");
  CHECK(csv_field("+INF") == "'+INF");
  CHECK(csv_field("-infinity") == "'-infinity");
  CHECK(csv_field("+nan") == "'+nan");
  CHECK(csv_field("-nan(x1)") == "'-nan(x1)");
  CHECK(waymark::is_formula_guarded("-inf"));
  CHECK_FALSE(waymark::is_formula_guarded("-1.5e-3"));
  CHECK_FALSE(waymark::is_formula_guarded("-4,5"));
}

// ---------------------------------------------------------------------------------------------
// append_json_string

TEST_CASE("append_json_string quotes and escapes text", "[writer][json]") {
  CHECK(json_string("plain") == R"("plain")");
  CHECK(json_string("") == R"("")");
  CHECK(json_string("say \"hi\"") == R"("say \"hi\"")");
  CHECK(json_string("back\\slash") == R"("back\\slash")");
  CHECK(json_string("a\nb\rc\td") == R"("a\nb\rc\td")");
  CHECK(json_string("Zoë 😀") == "\"Zoë 😀\"");
  CHECK(json_string("/ and \x7F") == "\"/ and \x7F\"");
}

TEST_CASE("append_json_string writes other control characters as \\u escapes", "[writer][json]") {
  CHECK(json_string("\x01") == R"("\u0001")");
  CHECK(json_string("\x1F") == R"("\u001f")");
  CHECK(json_string("\b\f") == R"("\u0008\u000c")");
  CHECK(json_string(std::string_view("a\0b", 3)) == R"("a\u0000b")");
  CHECK(json_string("x\x1By") == R"("x\u001by")");
}

TEST_CASE("append_json_string output parses back to the same text", "[writer][json]") {
  std::string every;
  for (int c = 0; c < 128; ++c) every += static_cast<char>(c);
  every += "Γιώργος";
  const auto parsed = nlohmann::json::parse(json_string(every));
  REQUIRE(parsed.is_string());
  CHECK(parsed.get<std::string>() == every);
}

// ---------------------------------------------------------------------------------------------
// The writers

// Writes two records of every kind of cell through RecordWriter::create into a file, and returns
// the bytes of the file.
std::string write_sample(RecordFormat format, char delimiter = ',') {
  test::TempDir dir;
  const auto path = dir / "out";
  {
    waymark::Output out(path.string());
    const auto writer = waymark::RecordWriter::create(format, out, delimiter);
    CHECK(writer->holds_structure() == (format != RecordFormat::csv));
    writer->begin({"name", "tags", "count", "detail"});

    writer->start_record();
    writer->text("Ada");
    writer->list(std::vector<std::string>{"x", "y"});
    writer->integer(3);
    writer->structured(nlohmann::ordered_json{{"level", "high"}, {"score", 2}});
    writer->end_record();

    writer->start_record();
    writer->text("");  // unknown
    writer->list(std::vector<std::string_view>{});
    writer->integer(-7);
    writer->structured(nlohmann::ordered_json::array({1, "b"}));
    writer->end_record();

    writer->finish();
    out.commit();
  }
  return test::slurp(path);
}

// Writes `cells` as one record through the CSV writer: a text cell, then the rest with cells().
std::string csv_cells(const std::vector<std::string_view>& cells, char delimiter = ',') {
  test::TempDir dir;
  const auto path = dir / "out";
  {
    waymark::Output out(path.string());
    const auto writer = waymark::RecordWriter::create(RecordFormat::csv, out, delimiter);
    writer->start_record();
    writer->text(cells.front());
    writer->cells(std::span(cells).subspan(1));
    writer->end_record();
    out.commit();
  }
  return test::slurp(path);
}

// The views of `row` split at `delimiter`, as an unquoted CSV row leaves them.
std::vector<std::string_view> split_row(std::string_view row, char delimiter) {
  std::vector<std::string_view> values;
  for (std::size_t start = 0;;) {
    const auto cut = row.find(delimiter, start);
    values.push_back(row.substr(start, cut == std::string_view::npos ? std::string_view::npos : cut - start));
    if (cut == std::string_view::npos) return values;
    start = cut + 1;
  }
}

TEST_CASE("CSV writer: cells lying as they would be written are written as they are", "[writer][csv]") {
  const std::string row = "L1,Zoë,,84.2,x," + std::string(40, 'y');
  CHECK(csv_cells(split_row(row, ',')) == row + "\n");
}

TEST_CASE("CSV writer: cells side by side in memory are still guarded and quoted for the writer's delimiter", "[writer][csv][formula]") {
  // A formula, a quote or a line break anywhere in the run, short or past sixteen bytes.
  const std::string long_value(40, 'y');
  CHECK(csv_cells(split_row("L1,=HYPERLINK(1),-3,x", ',')) == "L1,'=HYPERLINK(1),-3,x\n");
  CHECK(csv_cells(split_row("L1,say \"hi\",x", ',')) == "L1,\"say \"\"hi\"\"\",x\n");
  CHECK(csv_cells(split_row("L1," + long_value + ",a\rb", ',')) == "L1," + long_value + ",\"a\rb\"\n");
  // A ';' row written with ',': the ',' inside a value is quoted, and the ';' between become ','.
  CHECK(csv_cells(split_row("L1;a,b;c", ';')) == "L1,\"a,b\",c\n");
  CHECK(csv_cells(split_row("L1;a;" + long_value, ';')) == "L1,a," + long_value + "\n");
  // Values that are not neighbours in memory are written one by one.
  const std::string first = "a", second = "b";
  CHECK(csv_cells({"L1", first, second}) == "L1,a,b\n");
}

TEST_CASE("CSV writer: text cells are written as they are unless they need a guard or quotes", "[writer][csv][formula]") {
  CHECK(csv_cells({"L1", "Zoë", "", "84.2", "x"}) == "L1,Zoë,,84.2,x\n");
  CHECK(csv_cells({"L1", "=HYPERLINK(1)", "-3", "x"}) == "L1,'=HYPERLINK(1),-3,x\n");
  CHECK(csv_cells({"L1", "say \"hi\"", "x"}) == "L1,\"say \"\"hi\"\"\",x\n");
  // The writer quotes for its own delimiter, whatever the input used.
  CHECK(csv_cells({"L1", "a,b", "c"}) == "L1,\"a,b\",c\n");
  CHECK(csv_cells({"L1", "a,b", "c;d"}, ';') == "L1;a,b;\"c;d\"\n");
}

TEST_CASE("CSV writer: header, then cells with lists ';'-joined, unknown empty, structures as JSON text", "[writer][csv]") {
  CHECK(write_sample(RecordFormat::csv) ==
        "name,tags,count,detail\n"
        "Ada,x;y,3,\"{\"\"level\"\":\"\"high\"\",\"\"score\"\":2}\"\n"
        ",,-7,\"[1,\"\"b\"\"]\"\n");
}

TEST_CASE("CSV writer with ';' as delimiter quotes the joined lists", "[writer][csv]") {
  CHECK(write_sample(RecordFormat::csv, ';') ==
        "name;tags;count;detail\n"
        "Ada;\"x;y\";3;\"{\"\"level\"\":\"\"high\"\",\"\"score\"\":2}\"\n"
        ";;-7;\"[1,\"\"b\"\"]\"\n");
}

TEST_CASE("JSON writer: an array of objects, lists as arrays, unknown as null", "[writer][json]") {
  CHECK(write_sample(RecordFormat::json) ==
        "[\n"
        "{\"name\":\"Ada\",\"tags\":[\"x\",\"y\"],\"count\":3,\"detail\":{\"level\":\"high\",\"score\":2}},\n"
        "{\"name\":null,\"tags\":[],\"count\":-7,\"detail\":[1,\"b\"]}\n"
        "]\n");
  CHECK_NOTHROW(nlohmann::json::parse(write_sample(RecordFormat::json)));
}

TEST_CASE("NDJSON writer: one object a line", "[writer][json]") {
  CHECK(write_sample(RecordFormat::ndjson) ==
        "{\"name\":\"Ada\",\"tags\":[\"x\",\"y\"],\"count\":3,\"detail\":{\"level\":\"high\",\"score\":2}}\n"
        "{\"name\":null,\"tags\":[],\"count\":-7,\"detail\":[1,\"b\"]}\n");
}

// Writes `rows` of text cells under `columns` and returns the file's bytes.
std::string write_texts(RecordFormat format, const std::vector<std::string>& columns, const std::vector<test::Row>& rows) {
  test::TempDir dir;
  const auto path = dir / "out";
  {
    waymark::Output out(path.string());
    const auto writer = waymark::RecordWriter::create(format, out);
    writer->begin(columns);
    for (const auto& row : rows) {
      writer->start_record();
      for (const auto& cell : row) writer->text(cell);
      writer->end_record();
    }
    writer->finish();
    out.commit();
  }
  return test::slurp(path);
}

TEST_CASE("Writers with no records", "[writer]") {
  CHECK(write_texts(RecordFormat::csv, {"a", "b"}, {}) == "a,b\n");
  CHECK(write_texts(RecordFormat::json, {"a", "b"}, {}) == "[]\n");
  CHECK(write_texts(RecordFormat::ndjson, {"a", "b"}, {}) == "");
}

TEST_CASE("Writers escape column names as they escape values", "[writer]") {
  const std::vector<std::string> columns{"say \"x\"", "a,b", "=c"};
  CHECK(write_texts(RecordFormat::csv, columns, {{"1", "2", "3"}}) == "\"say \"\"x\"\"\",\"a,b\",'=c\n1,2,3\n");
  CHECK(write_texts(RecordFormat::ndjson, columns, {{"1", "2", "3"}}) == "{\"say \\\"x\\\"\":\"1\",\"a,b\":\"2\",\"=c\":\"3\"}\n");
}

TEST_CASE("What the writers write, the readers read back", "[writer][records]") {
  const std::vector<std::string> columns{"id", "note", "name"};
  const std::vector<test::Row> rows{{"1", "two\nlines, and \"quotes\"", "Zoë"}, {"2", "", "Γιώργος"}, {"3", "a;b", " spaced "}};
  const auto format = GENERATE(RecordFormat::csv, RecordFormat::json, RecordFormat::ndjson);
  INFO(waymark::to_string(format));
  test::TempDir dir;
  const auto table = test::read_text(dir, write_texts(format, columns, rows));
  CHECK(table.format == format);
  CHECK(table.columns == columns);
  CHECK(table.rows == rows);
}

}  // namespace
