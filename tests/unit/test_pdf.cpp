// The PDF writer (DocumentFormat::pdf): structure checks on the bytes, without external tools. The
// text itself (what pdftotext reads, page N of M) is checked by the tools' golden pdf-* cases.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "helpers.hpp"
#include "waymark/render.hpp"

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using waymark::DocumentFormat;

std::string pdf_of(const std::vector<std::string>& documents, const waymark::PageSettings& page = {}) {
  test::TempDir dir;
  const auto path = dir / "doc.pdf";
  {
    waymark::Output out(path.string());
    auto writer = waymark::DocumentWriter::create(DocumentFormat::pdf, out, page);
    writer->begin("Plans for 7B");
    int number = 0;
    for (const auto& markdown : documents) writer->document(waymark::ParsedDocument(markdown, "Plan " + std::to_string(++number)));
    writer->finish();
    out.commit();
  }
  return test::slurp(path);
}

// Page objects: "/Type /Page" not followed by "s" (the page tree is "/Type /Pages").
std::size_t page_count(std::string_view pdf) {
  std::size_t count = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string_view::npos; at = pdf.find("/Type /Page", at + 1))
    if (at + 11 < pdf.size() && pdf[at + 11] != 's') ++count;
  return count;
}

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

std::string long_table(int rows) {
  std::string markdown = "# Sessions\n\n| # | What | When |\n|--:|---|---|\n";
  for (int i = 1; i <= rows; ++i) markdown += "| " + std::to_string(i) + " | Mentoring session with a longer description | 2026-10-01 |\n";
  return markdown;
}

TEST_CASE("PDF: a complete file with one page for a short document", "[pdf]") {
  const std::string pdf = pdf_of({"# Plan\n\nA paragraph with *emphasis*, **strong** and `code`.\n"});
  CHECK_THAT(pdf, StartsWith("%PDF-1."));
  CHECK_THAT(pdf, EndsWith("%%EOF\n"));
  CHECK(page_count(pdf) == 1);
  CHECK_THAT(pdf, Contains("/MediaBox [ 0 0 595.275591 841.889764 ]"));  // A4 by default
}

TEST_CASE("PDF: letter paper when asked", "[pdf]") {
  waymark::PageSettings page;
  page.paper = "letter";
  const std::string pdf = pdf_of({"# Plan\n"}, page);
  CHECK_THAT(pdf, Contains("/MediaBox [ 0 0 612 792 ]"));
  CHECK_THAT(pdf, !Contains("595.275591"));
}

TEST_CASE("PDF: each document starts on a new page", "[pdf]") { CHECK(page_count(pdf_of({"# One\n", "# Two\n", "# Three\n"})) == 3); }

TEST_CASE("PDF: a long table flows over pages; a longer one over more", "[pdf]") {
  const std::size_t forty = page_count(pdf_of({long_table(40)}));
  const std::size_t two_hundred = page_count(pdf_of({long_table(200)}));
  CHECK(forty >= 2);
  CHECK(two_hundred > forty);
}

TEST_CASE("PDF: a row taller than a page is split, not lost", "[pdf]") {
  std::string cell;
  for (int i = 0; i < 600; ++i) cell += "This cell is very long. ";
  CHECK(page_count(pdf_of({"| A | B |\n|---|---|\n| short | " + cell + "|\n"})) >= 2);
}

TEST_CASE("PDF: title, author and creator metadata", "[pdf]") {
  waymark::PageSettings page;
  page.school = "Hillside Academy";
  page.author = "Ms Reid";
  const std::string pdf = pdf_of({"# Plan\n"}, page);
  CHECK_THAT(pdf, Contains("/Title (Plans for 7B)"));
  CHECK_THAT(pdf, Contains("/Author (Ms Reid)"));
  CHECK_THAT(pdf, Contains("/Creator (waymark)"));
}

TEST_CASE("PDF: the document's language in the catalogue, after Cairo's own file", "[pdf]") {
  waymark::PageSettings page;
  page.lang = "cy";
  const std::string pdf = pdf_of({"# Cynllun\n"}, page);
  // An incremental update: a second catalogue with /Lang, and a trailer pointing back to the first.
  CHECK(occurrences(pdf, "/Type /Catalog") == 2);
  CHECK_THAT(pdf, Contains("/Lang (cy)"));
  CHECK_THAT(pdf, Contains("/Prev "));
  CHECK(occurrences(pdf, "%%EOF") == 2);
  CHECK_THAT(pdf, EndsWith("%%EOF\n"));
}

TEST_CASE("PDF: bookmarks for each document and each heading", "[pdf]") {
  const std::string pdf = pdf_of({"# Plan 1\n\n## Starting point\n\n### Strengths\n\n## Targets\n", "# Plan 2\n\n## Review\n"});
  CHECK_THAT(pdf, Contains("/Type /Outlines"));
  // The documents' own bookmarks, by their titles; a top heading equal to the title is not repeated.
  CHECK(occurrences(pdf, "/Title (Plan 1)") == 1);
  CHECK(occurrences(pdf, "/Title (Plan 2)") == 1);
  for (const char* heading : {"/Title (Starting point)", "/Title (Strengths)", "/Title (Targets)", "/Title (Review)"})
    CHECK(occurrences(pdf, heading) == 1);
}

TEST_CASE("PDF: headings and paragraphs are structure elements (a tagged PDF)", "[pdf]") {
  const std::string pdf = pdf_of({"# Plan\n\n## Targets\n\nText.\n\n- a list item\n"});
  CHECK_THAT(pdf, Contains("/Type /StructTreeRoot"));
  CHECK(occurrences(pdf, "/S /H1") == 1);
  CHECK(occurrences(pdf, "/S /H2") == 1);
  CHECK(occurrences(pdf, "/S /P") == 2);  // the paragraph and the list item's text; not its bullet
}

TEST_CASE("PDF: the font is embedded as a subset, with a map back to Unicode for search", "[pdf]") {
  const std::string pdf = pdf_of({"# Zoë Ó Ceallaigh\n\nŁukasz, Γιώργος, Ионела\n"});
  CHECK_THAT(pdf, Contains("+DejaVuSans"));  // a subset tag before the name
  CHECK_THAT(pdf, Contains("/FontFile2"));   // the TrueType font program is in the file
  CHECK_THAT(pdf, Contains("/ToUnicode"));   // so the text can be selected and searched
}

TEST_CASE("PDF: text that looks like markup prints and breaks nothing", "[pdf]") {
  // Unbalanced angle brackets and ampersands would make Pango's markup parser fail if a value
  // reached it unescaped; the writer treats that as an error rather than print a blank paragraph.
  const std::string markdown = waymark::render_markdown(
      waymark::Template{"t", "t", "# {{name}}\n\n{{name}} said: {{quote}}\n\n| Who | Note |\n|---|---|\n| {{name}} | {{quote}} |\n"},
      {{"name", "<b>Zoë *O'Neil*</b> [x](javascript:1)"}, {"quote", "Tom & Jerry <3 </i> &amp;"}});
  std::string pdf;
  REQUIRE_NOTHROW(pdf = pdf_of({markdown}));
  CHECK(page_count(pdf) == 1);
  CHECK_THAT(pdf, !Contains("javascript"));  // no link annotation is made from a value
}

TEST_CASE("PDF: signature blocks, lists, rules and quotes lay out", "[pdf]") {
  const std::string pdf =
      pdf_of({"# Contract\n\n1. one\n2. two\n   - nested\n\n> quoted\n\n---\n\n"
              "| Who | Signature | Date |\n|---|---|---|\n| Young person: Amara Okoye | | |\n| Tutor: Ms Reid | | 2026-09-14 |\n"});
  CHECK(page_count(pdf) == 1);
}

TEST_CASE("PDF: a bar-chart block is drawn as bars, not printed as code", "[pdf]") {
  const std::string pdf = pdf_of({"# Report\n\n```bar-chart\n1. A stable careers programme | 100\n2. Personal guidance | 33.3\n```\n"});
  CHECK(page_count(pdf) == 1);
  CHECK_THAT(pdf, !Contains("DejaVuSansMono"));  // a code block would be set in the monospace font
  CHECK_THAT(pdf_of({"```\ncode | 1\n```\n"}), Contains("DejaVuSansMono"));
}

TEST_CASE("PDF: one file per document in a directory", "[pdf]") {
  test::TempDir dir;
  const auto out_dir = (dir / "out/").string();
  waymark::DocumentOutput output(out_dir, DocumentFormat::pdf, {}, "Plans");
  output.add("L1", "# One\n", "One");
  output.add("L2", "# Two\n", "Two");
  output.finish();
  const std::string first = test::slurp(dir / "out/L1.pdf");
  CHECK_THAT(first, StartsWith("%PDF-"));
  CHECK_THAT(first, Contains("/Title (One)"));
  CHECK(page_count(test::slurp(dir / "out/L2.pdf")) == 1);
}

}  // namespace
