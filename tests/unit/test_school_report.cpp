// What a school's file holds that parses but would be read wrong (waymark issue 25): rows above
// the header row, a fraction among percentages, headings that may be a field, month-first dates,
// year groups as school systems write them, and one encoding per file.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "waymark/cli.hpp"
#include "waymark/codes.hpp"
#include "waymark/fields.hpp"
#include "waymark/headings.hpp"
#include "waymark/plausibility.hpp"

namespace {

using Catch::Matchers::Contains;
using test::Row;
using waymark::ErrorKind;

// Reads `content` as a tool would, the delimiter found from the file; the warnings go to `warnings`.
test::Table read_finding_delimiter(const test::TempDir& dir, std::string_view content, std::vector<std::string>& warnings) {
  auto options = test::input_options(dir.write("report.csv", content), std::nullopt, 0);
  options.warn = [&](const std::string& message) { warnings.push_back(message); };
  return test::read_all(options);
}

TEST_CASE("Rows above the header row (a title, a print date, blanks) are passed over and named", "[records][header]") {
  test::TempDir dir;
  std::vector<std::string> warnings;
  SECTION("a title as Calc saves it, with the delimiters of the empty cells") {
    const auto table = read_finding_delimiter(
        dir, "Attendance report,,\r\nPrinted 07/12/2026,,\r\n,,\r\nUPN,Name,Attendance %\r\nA1,Siân,97.4%\r\n", warnings);
    CHECK(table.columns == Row{"UPN", "Name", "Attendance %"});
    CHECK(table.rows == std::vector<Row>{{"A1", "Si\xC3\xA2n", "97.4%"}});
    CHECK(table.lines == std::vector<long>{5});
    REQUIRE(warnings.size() == 2);
    CHECK_THAT(warnings[0], Contains("report.csv:1: above the header row (line 4): passed over"));
    CHECK_THAT(warnings[1], Contains("report.csv:2:"));
  }
  SECTION("a title without delimiters does not decide the delimiter") {
    const auto table = read_finding_delimiter(dir, "Attendance report\nUPN;Name;Attendance %\nA1;Zo\xC3\xAB;87,5\n", warnings);
    CHECK(table.columns == Row{"UPN", "Name", "Attendance %"});
    CHECK(table.rows == std::vector<Row>{{"A1", "Zo\xC3\xAB", "87,5"}});
  }
  SECTION("a header on the first line is read as before, without a word") {
    const auto table = read_finding_delimiter(dir, "id,attendance_pct\nA1,90\nA2,\n", warnings);
    CHECK(table.columns == Row{"id", "attendance_pct"});
    CHECK(table.rows.size() == 2);
    CHECK(warnings.empty());
  }
  SECTION("rows held while the header row was looked for come back in order, then the rest") {
    std::string text = "Report\nid,n\n";
    for (int i = 0; i < 30; ++i) text += "L" + std::to_string(i) + "," + std::to_string(i) + "\n";
    const auto table = read_finding_delimiter(dir, text, warnings);
    REQUIRE(table.rows.size() == 30);
    for (int i = 0; i < 30; ++i) CHECK(table.rows[static_cast<std::size_t>(i)] == Row{"L" + std::to_string(i), std::to_string(i)});
    CHECK(table.lines.front() == 3);
  }
  SECTION("a table of one column keeps its first row as the header") {
    const auto table = read_finding_delimiter(dir, "id\nA1\nA2\n", warnings);
    CHECK(table.columns == Row{"id"});
    CHECK(table.rows == std::vector<Row>{{"A1"}, {"A2"}});
  }
  SECTION("a row too wide for the header below a title is still an error") {
    const auto error = test::error_from([&] { read_finding_delimiter(dir, "Title,,\nid,a,b\nA1,1,2,3\n", warnings); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("report.csv:3:"));
  }
  SECTION("a heading missing below a title names the header row's line") {
    auto options = test::input_options(dir.write("report.csv", "Title,\nName,Class\nA,B\n"), std::nullopt, 0);
    const auto reader = waymark::open_records(options);
    const auto error = test::error_from([&] { reader->require_column("id", "an id"); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("report.csv:2:"));
  }
}

TEST_CASE("A fraction among percentages is an error naming every line; '%' and 0 are taken as written", "[records][plausibility]") {
  test::TempDir dir;
  const auto reader = waymark::open_records(test::input_options(dir.write("a.csv", "id,attendance_pct\nA,1\n"), std::nullopt, 0));
  SECTION("one fraction") {
    waymark::PercentScale scale;
    scale.add("97.4%", 97.4, 2);
    scale.add("0.974", 0.974, 3);
    scale.add("95", 95, 4);
    const auto error = test::error_from([&] { scale.check(*reader, "attendance_pct"); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::bad_data);
    CHECK_THAT(error->what(), Contains("column 'attendance_pct'") && Contains("line 3 holds a value of 1 or less"));
  }
  SECTION("several") {
    waymark::PercentScale scale;
    scale.add("0.9", 0.9, 5);
    scale.add("1", 1, 7);
    scale.add("88", 88, 8);
    const auto error = test::error_from([&] { scale.check(*reader, "attendance_pct"); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("lines 5 and 7 hold"));
  }
  SECTION("written with '%', or 0, it is what it says") {
    waymark::PercentScale scale;
    scale.add("0.5%", 0.5, 2);
    scale.add("0", 0, 3);
    scale.add("92", 92, 4);
    CHECK_FALSE(test::error_from([&] { scale.check(*reader, "attendance_pct"); }));
  }
  SECTION("a whole column of fractions") {
    waymark::PercentScale scale;
    for (long line = 2; line < 7; ++line) scale.add("0.95", 0.95, line);
    const auto error = test::error_from([&] { scale.check(*reader, "attendance_pct"); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("every value is 1 or less"));
  }
}

TEST_CASE("Headings that may be a field are known, never read as it", "[headings]") {
  const auto& vocabulary = waymark::HeadingVocabulary::builtin();
  const auto fields_of = [&](std::string_view heading) {
    std::vector<std::string> fields;
    for (const auto& possible : vocabulary.may_be(heading)) fields.push_back(possible.field);
    return fields;
  };
  CHECK_FALSE(vocabulary.meaning("Exclusions"));
  CHECK_FALSE(vocabulary.meaning("Number of Exclusions"));
  CHECK(fields_of("Exclusions") == std::vector<std::string>{"suspensions", "permanent_exclusions"});
  CHECK(fields_of("Number of Exclusions") == std::vector<std::string>{"suspensions", "permanent_exclusions"});
  CHECK(fields_of("FSM Ever 6") == std::vector<std::string>{"fsm"});
  CHECK(fields_of("Class").empty());             // not 'CLA'
  CHECK(fields_of("Photo Permission").empty());  // not 'perm'
  CHECK(fields_of("Parent/Carer Email").empty());
  CHECK(vocabulary.meaning("No. of Suspensions")->field == "suspensions");
  CHECK(vocabulary.meaning("Perm Excluded")->field == "permanent_exclusions");
  CHECK(vocabulary.meaning("Looked After (CLA)")->field == "looked_after");
}

TEST_CASE("Known causes of a bad value are named", "[fields]") {
  const auto expected_of = [](auto&& parse) -> std::string {
    try {
      parse();
    } catch (const waymark::FieldError& e) {
      return std::string(e.what()) + " | " + e.expected();
    }
    return "no error";
  };
  CHECK_THAT(expected_of([] { waymark::parse_date("05/23/2011", waymark::DateOrder::dmy); }), Contains("--date-format mdy"));
  CHECK_THAT(expected_of([] { waymark::parse_date("23/05/2011", waymark::DateOrder::mdy); }), Contains("--date-format dmy"));
  CHECK_THAT(expected_of([] { waymark::parse_date("32/13/2011", waymark::DateOrder::dmy); }), !Contains("--date-format mdy"));
  CHECK_THAT(expected_of([] { waymark::parse_date("40686", waymark::DateOrder::dmy); }), Contains("format the column as a date"));
  CHECK_THAT(expected_of([] { waymark::parse_date("23/05/11", waymark::DateOrder::dmy); }), Contains("two-digit year"));
  CHECK(waymark::parse_date("23/5/2011", waymark::DateOrder::dmy).has_value());
  CHECK_THAT(expected_of([] { waymark::parse_count("Y"); }), Contains("a yes/no value"));
  CHECK_THAT(expected_of([] { waymark::parse_count("3.0"); }), Contains("no decimal places"));
  CHECK_THAT(expected_of([] { waymark::parse_count("3.5"); }), Contains("not a count: unexpected text"));
}

TEST_CASE("Year groups as school systems write them", "[codes]") {
  for (const auto* text : {"7", "07", "Year 7", "YEAR 7", "Yr 7", "Yr7", "Y7", "y07", "NC Year 7", "Year-7"})
    CHECK(waymark::parse_year_group(text) == 7);
  CHECK(waymark::parse_year_group("Y13") == 13);
  CHECK(waymark::parse_year_group("R") == 0);
  CHECK(waymark::parse_year_group("Reception") == 0);
  CHECK(waymark::parse_year_group("N1") == -2);
  CHECK_FALSE(waymark::parse_year_group(" "));
  for (const auto* text : {"X", "Year", "15", "0", "Year 7B", "7B", "Year 123"})
    CHECK_THROWS_AS(waymark::parse_year_group(text), waymark::FieldError);
}

TEST_CASE("--encoding names one encoding for every text file, or one file's own", "[cli][encoding]") {
  waymark::CommonOptions options;
  options.input = "spring.xlsx";
  CHECK(options.encoding_of("autumn.csv").empty());
  options.encodings = {"windows-1252"};
  CHECK(options.encoding_of("autumn.csv") == "windows-1252");
  options.encodings = {"windows-1252", "autumn.csv=utf-8", "a=b.csv=latin1"};
  CHECK(options.encoding_of("autumn.csv") == "utf-8");
  CHECK(options.encoding_of("a=b.csv") == "latin1");
  CHECK(options.encoding_of("moves.csv") == "windows-1252");
  options.encodings = {"-=utf-16le"};
  CHECK(options.encoding_of("-") == "utf-16le");
  CHECK(options.input_options("moves.csv").encoding.empty());
}

TEST_CASE("An encoding is never applied to a workbook", "[records][encoding]") {
  test::TempDir dir;
  // The start of a zip archive: read as bytes, it is refused as a damaged workbook, not as bad windows-1252 text.
  auto options =
      test::input_options(dir.write("book.xlsx", std::string("PK\x03\x04\x14\x00\x00\x00\x08\x00\x9d\x81", 12)), std::nullopt, 0);
  options.encoding = "utf-16le";
  const auto error = test::error_from([&] { test::read_all(options); });
  REQUIRE(error);
  CHECK_THAT(error->what(), Contains("not a readable .xlsx workbook"));
}

}  // namespace
