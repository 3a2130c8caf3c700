// The workbook reader (open_records on .xlsx and .ods): LibreOffice's .ods read like Excel's
// .xlsx, the shapes both formats write (repeated rows and cells, inline and rich text, prefixes),
// streaming across many rows, and the bounds that make a hostile archive a clear refusal.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "workbook_zip.hpp"

namespace {

using Catch::Matchers::Contains;
using test::Row;
using waymark::ErrorKind;
using waymark::RecordFormat;

const std::string inputs = WAYMARK_TEST_INPUTS_DIR;

std::string cell(const std::string& text) {
  return R"(<table:table-cell office:value-type="string"><text:p>)" + text + "</text:p></table:table-cell>";
}

test::Table read_workbook(const test::TempDir& dir, const std::string& bytes, std::vector<std::string>* warnings = nullptr,
                          const std::string& sheet = {}) {
  auto options = test::input_options(dir.write("book", bytes));
  options.sheet = sheet;
  if (warnings) options.warn = [warnings](const std::string& message) { warnings->push_back(message); };
  return test::read_all(options);
}

std::string error_of(const test::TempDir& dir, const std::string& bytes, const std::string& sheet = {}) {
  const auto error = test::error_from([&] { read_workbook(dir, bytes, nullptr, sheet); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
  return error->what();
}

}  // namespace

TEST_CASE("An .ods saved by LibreOffice is read like the .xlsx it was made from", "[records][ods]") {
  // tests/inputs/mis-export.ods is LibreOffice's conversion of mis-export.xlsx (make_mis_export.py).
  std::vector<std::string> warnings;
  auto options = test::input_options(inputs + "/mis-export.ods");
  options.warn = [&](const std::string& message) { warnings.push_back(message); };
  const auto ods = test::read_all(options);
  CHECK(ods.format == RecordFormat::xlsx);  // a workbook: its records are written back as CSV
  REQUIRE(ods.columns.size() == 14);
  CHECK(ods.columns[0] == "UPN");         // the title row above the table is passed over
  REQUIRE(ods.rows.size() == 8);          // the totals row is not a learner
  CHECK(ods.rows[0][3] == "2011-03-12");  // a date cell
  CHECK(ods.rows[0][7] == "45");          // 0.45 shown as 45.0%
  CHECK(ods.rows[2][7] == "87.5");
  CHECK(ods.rows[1][2] == "Si\xC3\xA2n");
  CHECK(ods.lines[0] == 3);  // rows are numbered as the spreadsheet shows them
  REQUIRE(!warnings.empty());
  CHECK_THAT(warnings.back(), Contains("reading the first of 2 sheets, 'Pupils'"));

  const auto xlsx = test::read_all(test::input_options(inputs + "/mis-export.xlsx"));
  CHECK(ods.columns == xlsx.columns);
  CHECK(ods.rows == xlsx.rows);
  CHECK(ods.lines == xlsx.lines);

  SECTION("--sheet names another") {
    options.sheet = "Notes";
    CHECK(test::read_all(options).columns == Row{"Exported from the school information system"});
  }
  SECTION("a sheet it does not have is named with those it has") {
    options.sheet = "Year11";
    const auto error = test::error_from([&] { test::read_all(options); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("there is no sheet 'Year11' (one of 'Pupils', 'Notes')"));
  }
}

TEST_CASE("An .ods's repeated rows and cells, types and paragraphs", "[records][ods]") {
  test::TempDir dir;
  const std::string empty_to_the_edge = R"(<table:table-cell table:number-columns-repeated="16381"/>)";
  const std::string content = test::ods_content(
      R"(<table:table table:name="Pupils"><table:table-column table:number-columns-repeated="16384"/>)"
      "<table:table-row>" +
      cell("Autumn term") +
      R"(<table:table-cell table:number-columns-repeated="16383"/></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>)"
      "<table:table-row>" +
      cell("id") + cell("FSM") + cell("Note") + empty_to_the_edge +
      "</table:table-row>"
      R"(<table:table-row table:number-rows-repeated="2">)" +
      cell("L1") +
      R"(<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>Y</text:p></table:table-cell>)" +
      empty_to_the_edge +
      "</table:table-row>"
      "<table:table-row>" +
      cell("L2") +
      R"(<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="string"><office:annotation><text:p>a comment</text:p></office:annotation>)"
      R"(<text:p>a<text:s text:c="2"/>b<text:span>c</text:span></text:p><text:p>d</text:p></table:table-cell></table:table-row>)"
      "<table:table-row>" +
      cell("L3") +
      R"(<table:table-cell office:value-type="percentage" office:value="0.964"><text:p>96.40%</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="date" office:date-value="2011-03-12T09:30:00"><text:p>12/03/11</text:p></table:table-cell>)"
      "</table:table-row>"
      R"(<table:table-row table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>)"
      "</table:table>"
      R"(<table:table table:name="Notes"><table:table-row>)" +
      cell("x") + "</table:table-row></table:table>");
  std::vector<std::string> warnings;
  const auto table = read_workbook(dir, test::ods_workbook(content), &warnings);
  CHECK(table.columns == Row{"id", "FSM", "Note"});
  REQUIRE(table.rows.size() == 4);
  CHECK(table.rows[0] == Row{"L1", "Y", "Y"});  // a row written once for two is two records
  CHECK(table.rows[1] == Row{"L1", "Y", "Y"});
  CHECK(table.lines == std::vector<long>{5, 6, 7, 8});
  CHECK(table.rows[2] == Row{"L2", "TRUE", "a  bc\nd"});  // the comment is not the cell's text
  CHECK(table.rows[3] == Row{"L3", "96.4", "2011-03-12"});
  REQUIRE(warnings.size() == 2);
  // The title, named, and the sheet read (the order depends on when the parser meets the second sheet).
  CHECK_THAT(warnings[0] + "\n" + warnings[1],
             Contains(":1: above the header row (line 4)") && Contains("reading the first of 2 sheets, 'Pupils'"));
  CHECK(read_workbook(dir, test::ods_workbook(content), nullptr, "Notes").columns == Row{"x"});
}

TEST_CASE("An .ods beyond a spreadsheet's bounds, damaged, locked or not a spreadsheet is refused", "[records][ods]") {
  test::TempDir dir;
  const std::string header = "<table:table-row>" + cell("id") + cell("name") + "</table:table-row>";
  const auto table = [&](const std::string& rows) {
    return test::ods_workbook(test::ods_content(R"(<table:table table:name="S">)" + header + rows + "</table:table>"));
  };
  CHECK_THAT(
      error_of(dir, table(R"(<table:table-row table:number-rows-repeated="2000000">)" + cell("L1") + cell("x") + "</table:table-row>")),
      Contains("book:2: a row beyond the last row a spreadsheet has"));
  CHECK_THAT(error_of(dir, table(R"(<table:table-row><table:table-cell table:number-columns-repeated="20000" office:value-type="string">)"
                                 "<text:p>x</text:p></table:table-cell></table:table-row>")),
             Contains("a value beyond the last column a spreadsheet has"));
  CHECK_THAT(error_of(dir, table("<table:table-row>" + cell(std::string((1 << 20) + 1, 'x')) + "</table:table-row>")),
             Contains("more than 1 MB of text"));
  CHECK_THAT(error_of(dir, table("<table:table-row>" + cell("L1"))),
             Contains("not a readable .ods spreadsheet (content.xml is missing or damaged)"));
  CHECK_THAT(error_of(dir, test::ods_workbook(test::ods_content(""))), Contains("the workbook has no sheets"));
  CHECK_THAT(error_of(dir, table(""), "Other"), Contains("there is no sheet 'Other' (one of 'S')"));

  const std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>)";
  CHECK_THAT(error_of(dir, test::ods_workbook(laughs + "<d>&b;</d>")), Contains("content.xml is missing or damaged"));

  const std::string encrypted = test::zip_archive(
      {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
       {"META-INF/manifest.xml",
        R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry )"
        R"(manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry></manifest:manifest>)"},
       {"content.xml", "\x01\x02 encrypted bytes"}},
      true);
  CHECK_THAT(error_of(dir, encrypted), Contains("protected by a password"));
  const std::string text_document =
      test::zip_archive({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}}, true);
  CHECK_THAT(error_of(dir, text_document), Contains("an OpenDocument text document, not a spreadsheet"));
  // Cut short, it is still known for an .ods from its first bytes.
  const std::string whole = test::slurp(inputs + "/mis-export.ods");
  CHECK_THAT(error_of(dir, whole.substr(0, 3000)),
             Contains("not a readable .ods spreadsheet (its zip archive is damaged); save it again from LibreOffice"));
}

TEST_CASE("The .xlsx shapes other writers make: no row numbers, inline and rich text, prefixes", "[records][xlsx]") {
  test::TempDir dir;
  const std::string sheet = R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
                            R"(<x:row><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>)"
                            R"(<x:row><x:c t="inlineStr"><x:is><x:t>L1</x:t></x:is></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>)"
                            R"(<x:row r="7"><x:c r="A7"><x:v>12</x:v></x:c><x:c r="B7" t="b"><x:v>1</x:v></x:c></x:row>)"
                            R"(<x:row><x:c><x:v>13</x:v></x:c></x:row></x:sheetData></x:worksheet>)";
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>name</t></si>)"
      R"(<si><r><t>Zo</t></r><r><rPr><b/></rPr><t xml:space="preserve">ë </t></r><rPh><t>ゾエ</t></rPh></si></sst>)";
  const auto table = read_workbook(dir, test::xlsx_workbook(sheet, strings));
  CHECK(table.columns == Row{"id", "name"});
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[0] == Row{"L1", "Zo\xC3\xAB "});  // runs joined, the phonetic reading left out
  CHECK(table.rows[1] == Row{"12", "TRUE"});
  CHECK(table.lines == std::vector<long>{2, 7, 8});  // a row without its number follows the one before
  CHECK(table.rows[2] == Row{"13", ""});
  CHECK_THAT(error_of(dir, test::xlsx_workbook(sheet, strings).substr(0, 200)), Contains("not a readable .xlsx workbook"));
  // A value right of the headings is an error on its row, as before; so are cells out of order.
  const std::string beyond = R"(<row r="1"><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>n</t></is></c></row>)"
                             R"(<row r="4"><c r="A4"><v>1</v></c><c r="C4"><v>2</v></c></row>)";
  CHECK_THAT(error_of(dir, test::xlsx_workbook(test::xlsx_sheet(beyond))), Contains("book:4: a value in column 3, which has no heading"));
  const std::string backwards = R"(<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>)";
  CHECK_THAT(error_of(dir, test::xlsx_workbook(test::xlsx_sheet(backwards))), Contains("book:1: the cells of this row are out of order"));
}

TEST_CASE("A sheet of many rows streams through, in order, with its row numbers", "[records][xlsx][ods]") {
  test::TempDir dir;
  constexpr int count = 30000;
  std::string xlsx_rows = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c></row>)";
  std::string ods_rows = "<table:table-row>" + cell("id") + cell("n") + "</table:table-row>";
  for (int i = 2; i <= count + 1; ++i) {
    const auto n = std::to_string(i);
    xlsx_rows += R"(<row r=")" + n + R"("><c r="A)" + n + R"(" t="inlineStr"><is><t>L)" + n + R"(</t></is></c><c r="B)" + n + R"("><v>)" +
                 n + "</v></c></row>";
    ods_rows += "<table:table-row>" + cell("L" + n) + R"(<table:table-cell office:value-type="float" office:value=")" + n +
                R"("/></table:table-row>)";
  }
  for (const auto& bytes : {test::xlsx_workbook(test::xlsx_sheet(xlsx_rows)),
                            test::ods_workbook(test::ods_content(R"(<table:table table:name="S">)" + ods_rows + "</table:table>"))}) {
    const auto table = read_workbook(dir, bytes);
    REQUIRE(table.rows.size() == count);
    bool in_order = true;
    for (int i = 0; i < count; ++i) {
      const auto n = std::to_string(i + 2);
      in_order = in_order && table.rows[i] == Row{"L" + n, n} && table.lines[i] == i + 2;
    }
    CHECK(in_order);
  }
}
