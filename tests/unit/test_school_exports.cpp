// What schools' systems and Excel hand over, read by open_records (waymark/records.hpp): other
// encodings, other delimiters, Excel's blank and totals rows, and .xlsx workbooks.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "waymark/codes.hpp"

namespace {

using Catch::Matchers::Contains;
using test::Row;
using waymark::ErrorKind;

// The text of `utf8` (ASCII and Latin-1 letters only) as UTF-16 with a byte order mark.
std::string utf16(std::string_view utf8, bool little_endian) {
  std::string out = little_endian ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned code = static_cast<unsigned char>(utf8[i]);
    if (code >= 0xC0) code = ((code & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    const char high = static_cast<char>(code >> 8), low = static_cast<char>(code & 0xFF);
    out += little_endian ? std::string{low, high} : std::string{high, low};
  }
  return out;
}

TEST_CASE("UTF-16 with a byte order mark, as Excel's 'Unicode text' saves, is read as text", "[records][encoding]") {
  test::TempDir dir;
  const std::string text = "UPN\tName\r\nA1\tSi\xC3\xA2n\r\n";
  for (const bool little : {true, false}) {
    const auto table = test::read_all(test::input_options(dir.write("in.txt", utf16(text, little)), std::nullopt, 0));
    CHECK(table.columns == Row{"UPN", "Name"});
    CHECK(table.rows == std::vector<Row>{{"A1", "Si\xC3\xA2n"}});
  }
}

TEST_CASE("--encoding converts Windows-1252 and Latin-1; bad bytes for the encoding are an error", "[records][encoding]") {
  test::TempDir dir;
  auto options = test::input_options(dir.write("in.csv", "id,name\nA1,Zo\xEB \x80\n"));
  options.encoding = "windows-1252";
  CHECK(test::read_all(options).rows == std::vector<Row>{{"A1", "Zo\xC3\xAB \xE2\x82\xAC"}});
  SECTION("a long file converts across the reader's chunks") {
    std::string big = "id,name\n";
    for (int i = 0; i < 200000; ++i) big += "A" + std::to_string(i) + ",Zo\xEB\n";
    options.path = dir.write("big.csv", big).string();
    const auto table = test::read_all(options);
    REQUIRE(table.rows.size() == 200000);
    CHECK(table.rows.back() == Row{"A199999", "Zo\xC3\xAB"});
  }
  SECTION("UTF-16 named, odd byte at the end") {
    options.path = dir.write("odd.txt", std::string("i\0d\0\n", 5)).string();
    options.encoding = "utf-16le";
    CHECK(test::error_from([&] { test::read_all(options); })->kind() == ErrorKind::bad_data);
  }
  SECTION("an encoding iconv does not know is a usage error") {
    options.encoding = "klingon";
    CHECK(test::error_from([&] { test::read_all(options); })->kind() == ErrorKind::usage);
  }
}

TEST_CASE("The delimiter is found from the header row", "[csv][delimiter]") {
  test::TempDir dir;
  const auto read = [&](std::string_view text) { return test::read_all(test::input_options(dir.write("in.csv", text), std::nullopt, 0)); };
  CHECK(read("id;attendance_pct;fsm\nA1;87,5;Y\n").rows == std::vector<Row>{{"A1", "87,5", "Y"}});
  CHECK(read("id\tname\nA1\tAnn\n").rows == std::vector<Row>{{"A1", "Ann"}});
  CHECK(read("id|name\nA1|Ann\n").rows == std::vector<Row>{{"A1", "Ann"}});
  CHECK(read("\"a;b\",c\n1,2\n").columns == Row{"a;b", "c"});  // delimiters in quotes do not count
  CHECK(read("id\nA1\n").columns == Row{"id"});
}

TEST_CASE("Empty headings right of the table are dropped; values under them are an error", "[csv][excel]") {
  test::TempDir dir;
  const auto table = test::read_text(dir, "id,name,,\nA1,Ann,,\n");
  CHECK(table.columns == Row{"id", "name"});
  CHECK(table.rows == std::vector<Row>{{"A1", "Ann"}});
  CHECK_THAT(test::read_error(dir, "id,name,,\nA1,Ann,,x\n").what(), Contains("column 4, which has no heading"));
}

TEST_CASE("A totals row is passed over with a warning naming its line", "[records][excel]") {
  test::TempDir dir;
  std::vector<std::string> warnings;
  auto options = test::input_options(dir.write("in.csv", "UPN,Count\nA1,1\nGrand Total,1\nTOTALS,2\nTotalitarian,3\n"));
  options.warn = [&](const std::string& message) { warnings.push_back(message); };
  CHECK(test::read_all(options).rows == std::vector<Row>{{"A1", "1"}, {"Totalitarian", "3"}});
  REQUIRE(warnings.size() == 2);
  CHECK_THAT(warnings[0], Contains("in.csv:3: a totals row, not a learner: skipped"));
  CHECK_THAT(warnings[1], Contains("in.csv:4: a totals row"));
}

TEST_CASE("An .xlsx workbook is read from its first sheet: dates, percentages, numbers, text", "[records][xlsx]") {
  std::vector<std::string> warnings;
  auto options = test::input_options(std::string(WAYMARK_TEST_INPUTS_DIR) + "/mis-export.xlsx");
  options.warn = [&](const std::string& message) { warnings.push_back(message); };
  const auto table = test::read_all(options);
  CHECK(table.format == waymark::RecordFormat::xlsx);
  REQUIRE(table.columns.size() == 14);
  CHECK(table.columns[0] == "UPN");         // the title row above the table is passed over
  REQUIRE(table.rows.size() == 8);          // the totals row is not a learner
  CHECK(table.rows[0][3] == "2011-03-12");  // a date cell
  CHECK(table.rows[0][7] == "45");          // 0.45 shown as 45.0%
  CHECK(table.rows[2][7] == "87.5");
  CHECK(table.rows[1][2] == "Si\xC3\xA2n");
  CHECK(table.rows[0][4] == "10");
  CHECK(table.lines[0] == 3);  // rows are numbered as the spreadsheet shows them
  CHECK_THAT(warnings.front(), Contains("first of 2 sheets"));
  SECTION("--sheet names another") {
    options.sheet = "Notes";
    CHECK(test::read_all(options).columns == Row{"Exported from the school information system"});
  }
}

TEST_CASE("A workbook that is not whole, or an old or locked one, is a clear data error", "[records][xlsx]") {
  test::TempDir dir;
  CHECK_THAT(test::read_error(dir, std::string("PK\x03\x04 not really a zip", 22)).what(), Contains("not a readable .xlsx"));
  CHECK_THAT(test::read_error(dir, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)).what(), Contains(".xls"));
}

TEST_CASE("SEN provision as schools write it: census codes and words, one vocabulary", "[codes]") {
  using waymark::SenProvision;
  CHECK(waymark::parse_sen_provision("N") == SenProvision::none);
  CHECK(waymark::parse_sen_provision("k") == SenProvision::sen_support);
  CHECK(waymark::parse_sen_provision("SEN Support") == SenProvision::sen_support);
  CHECK(waymark::parse_sen_provision("sen_support") == SenProvision::sen_support);
  CHECK(waymark::parse_sen_provision("E") == SenProvision::ehc_plan);
  CHECK(waymark::parse_sen_provision("S") == SenProvision::ehc_plan);  // a statement, before 2014
  CHECK(waymark::parse_sen_provision("EHC Plan") == SenProvision::ehc_plan);
  CHECK(waymark::parse_sen_provision(" ehcp ") == SenProvision::ehc_plan);
  CHECK_FALSE(waymark::parse_sen_provision("Y"));
  CHECK_FALSE(waymark::parse_sen_provision(""));
  CHECK(waymark::to_string(SenProvision::ehc_plan) == "ehcp");
}

}  // namespace
