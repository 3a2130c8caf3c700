// The Word (Office Open XML, .docx) writer of parsed documents, for tutors who edit in Word or
// LibreOffice. Written from the same cmark-gfm tree as the other formats: headings, paragraphs,
// emphasis, lists, tables with a repeated header row, the signature block as a table of lines to sign
// on, the school's name in the page header and "page N of M" in the footer. Each document is a
// section of its own, so its pages are numbered from 1 and it starts on a new page.
//
// The package is built in memory with libzip and written to the Output at the end, which commits
// it atomically (a temporary name renamed into place, mode 0600) like every other format.
#include <cmark-gfm-extension_api.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "bar_chart.hpp"
#include "document_writers.hpp"
#include "waymark/errors.hpp"

namespace waymark {

namespace {

// Appends text escaped for XML 1.0, as HTML's: the markup characters as entities, and what XML
// cannot hold at all (a stray control character in a school's export would make Word refuse the
// file) left out. Tabs and line breaks are kept.
void append_xml(std::string& out, std::string_view text) { append_html_escaped(out, text); }

std::string xml(std::string_view text) {
  std::string out;
  append_xml(out, text);
  return out;
}

// Page size and margins in twentieths of a point (twips).
struct DocxPage {
  int width, height;
  static DocxPage for_paper(const std::string& paper) { return paper == "letter" ? DocxPage{12240, 15840} : DocxPage{11906, 16838}; }
};
constexpr int margin_top = 1134, margin_sides = 907, margin_bottom = 1134, header_footer_distance = 454;
constexpr int list_indent = 360;  // per nesting level

constexpr std::string_view w_namespaces = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
                                          R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

// Character formatting in force while walking inline nodes.
struct RunStyle {
  bool bold = false, italic = false, strike = false, code = false, link = false;
  std::string properties() const {
    std::string p;
    if (code) p += R"(<w:rFonts w:ascii="DejaVu Sans Mono" w:hAnsi="DejaVu Sans Mono" w:cs="DejaVu Sans Mono"/>)";
    if (bold) p += "<w:b/>";
    if (italic) p += "<w:i/>";
    if (strike) p += "<w:strike/>";
    if (link) p += R"(<w:rStyle w:val="Hyperlink"/>)";
    return p.empty() ? p : "<w:rPr>" + p + "</w:rPr>";
  }
};

class DocxWriter final : public DocumentWriter {
 public:
  DocxWriter(Output& out, PageSettings page) : out_(out), page_(std::move(page)) {}

  void begin(const std::string& title) override { title_ = title; }

  void document(const ParsedDocument& doc) override {
    // The previous document's section ends here: its properties ride on its last paragraph.
    if (documents_++ > 0)
      body_ += "<w:p><w:pPr>" + section_properties(documents_ - 1) + "</w:pPr>" + end_bookmark(documents_ - 1) + "</w:p>";
    if (title_.empty()) title_ = doc.title();
    blocks(doc.root(), 0);
  }

  void finish() override {
    if (documents_ == 0)
      body_ += "<w:p/>";  // a document must hold a paragraph
    else
      body_ += "<w:p>" + end_bookmark(documents_) + "</w:p>";
    std::string document = fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                       "\n<w:document {}><w:body>",
                                       w_namespaces);
    document += body_;
    document += section_properties(sections());
    document += "</w:body></w:document>";
    write_package(document);
    out_.flush();
  }

 private:
  // --- blocks ---

  void blocks(cmark_node* parent, int list_depth) {
    for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) block(node, list_depth);
  }

  void block(cmark_node* node, int list_depth) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING: {
        const int level = std::min(cmark_node_get_heading_level(node), 3);
        paragraph(fmt::format(R"(<w:pStyle w:val="Heading{}"/>)", level), inlines(node));
        return;
      }
      case CMARK_NODE_PARAGRAPH: paragraph(paragraph_properties(list_depth), inlines(node)); return;
      case CMARK_NODE_LIST: list(node, list_depth); return;
      case CMARK_NODE_BLOCK_QUOTE:
        ++quote_depth_;
        blocks(node, list_depth);
        --quote_depth_;
        return;
      case CMARK_NODE_CODE_BLOCK: {
        if (const auto bars = bar_chart_of(node)) {
          bar_chart(*bars);
          return;
        }
        std::string code = cmark_node_get_literal(node);
        if (!code.empty() && code.back() == '\n') code.pop_back();
        RunStyle style;
        style.code = true;
        std::string runs;
        std::size_t start = 0;
        while (true) {
          const std::size_t end = code.find('\n', start);
          runs += run(code.substr(start, end == std::string::npos ? std::string::npos : end - start), style);
          if (end == std::string::npos) break;
          runs += "<w:r><w:br/></w:r>";
          start = end + 1;
        }
        paragraph(paragraph_properties(list_depth), runs);
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK:
        paragraph(R"(<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="999999"/></w:pBdr>)", "");
        return;
      default:
        if (is_signature_table(node))
          signatures(node);
        else if (is_table(node))
          table(node);
        return;  // raw HTML is never passed through
    }
  }

  std::string paragraph_properties(int list_depth) const {
    if (quote_depth_ > 0) return R"(<w:pStyle w:val="Quote"/>)";
    return list_depth > 0 ? fmt::format(R"(<w:ind w:left="{}"/>)", list_indent * list_depth) : std::string{};
  }

  void paragraph(const std::string& properties, const std::string& runs) {
    body_ += "<w:p><w:pPr>" + properties + "</w:pPr>" + runs + "</w:p>";
  }

  // A list item's first paragraph carries the number or bullet; later blocks in the item are
  // indented under it.
  void list(cmark_node* node, int list_depth) {
    const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    // Each ordered list restarts its numbering: a numbering instance of its own.
    const int num_id = ordered ? new_ordered_numbering(cmark_node_get_list_start(node)) : bullet_num_id;
    const int level = std::min(list_depth, 8);
    for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
      bool first = true;
      for (cmark_node* child = cmark_node_first_child(item); child; child = cmark_node_next(child)) {
        if (first && cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
          paragraph(fmt::format(R"(<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>)", level,
                                num_id),
                    inlines(child));
        } else {
          block(child, list_depth + 1);
        }
        first = false;
      }
    }
  }

  int new_ordered_numbering(int start) {
    ordered_starts_.push_back(start);
    return first_ordered_num_id + static_cast<int>(ordered_starts_.size()) - 1;
  }

  // --- tables ---

  static std::vector<cmark_node*> children(cmark_node* node) {
    std::vector<cmark_node*> nodes;
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) nodes.push_back(child);
    return nodes;
  }

  // A grid with a header row that repeats on every page and rows that do not split across pages.
  void table(cmark_node* node) {
    const auto rows = children(node);
    const std::size_t columns = rows.empty() ? 0 : children(rows.front()).size();
    if (columns == 0) return;
    const int width = content_width() / static_cast<int>(columns);
    std::string xml_table =
        R"(<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>)"
        R"(<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>)";
    for (std::size_t i = 0; i < columns; ++i) xml_table += fmt::format(R"(<w:gridCol w:w="{}"/>)", width);
    xml_table += "</w:tblGrid>";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const bool header = r == 0;
      xml_table += header ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
      const auto cells = children(rows[r]);
      for (std::size_t c = 0; c < columns; ++c) {
        xml_table += fmt::format(R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{}</w:tcPr>)", width,
                                 header ? R"(<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>)" : "");
        RunStyle style;
        style.bold = header;
        xml_table += "<w:p>" + (c < cells.size() ? inlines(cells[c], style) : std::string{}) + "</w:p></w:tc>";
      }
      xml_table += "</w:tr>";
    }
    body_ += xml_table + "</w:tbl>";
    body_ += "<w:p/>";  // Word needs a paragraph between consecutive tables
  }

  // The signature block: for each signer, their name, then a line to sign on and a line for the
  // date, labelled underneath with the table's own column headings (so the labels are in the
  // document's language). One table, its rows kept together on one page.
  void signatures(cmark_node* node) {
    const auto rows = children(node);
    const auto header = children(rows.front());
    RunStyle label_style;
    const std::string signature_label = header.size() > 1 ? inlines(header[1], label_style) : std::string{};
    const std::string date_label = header.size() > 2 ? inlines(header[2], label_style) : std::string{};
    const int signature_width = content_width() * 6 / 10;
    const int gap_width = content_width() / 20;
    const int date_width = content_width() - signature_width - gap_width;
    std::string t = R"(<w:tbl><w:tblPr><w:tblStyle w:val="Signatures"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>)"
                    R"(<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>)";
    t += fmt::format(R"(<w:gridCol w:w="{}"/><w:gridCol w:w="{}"/><w:gridCol w:w="{}"/></w:tblGrid>)", signature_width, gap_width,
                     date_width);
    const auto cell = [](int width, const std::string& borders, const std::string& paragraph_properties, const std::string& runs,
                         int span = 1) {
      return fmt::format(R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{}<w:tcBorders>{}</w:tcBorders><w:vAlign w:val="bottom"/></w:tcPr>)"
                         "<w:p><w:pPr><w:keepNext/>{}</w:pPr>{}</w:p></w:tc>",
                         width, span > 1 ? fmt::format(R"(<w:gridSpan w:val="{}"/>)", span) : "", borders, paragraph_properties, runs);
    };
    const std::string line = R"(<w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/>)";
    const std::string label_properties = R"(<w:pStyle w:val="SignatureLabel"/>)";
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto cells = children(rows[r]);
      const auto cell_text = [&](std::size_t i) { return i < cells.size() ? inlines(cells[i]) : std::string{}; };
      // The signer's name across the whole width, with room above the line to sign.
      t += R"(<w:tr><w:trPr><w:cantSplit/></w:trPr>)" + cell(content_width(), "", R"(<w:spacing w:before="240"/>)", cell_text(0), 3) +
           "</w:tr>";
      t += R"(<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="680" w:hRule="atLeast"/></w:trPr>)" +
           cell(signature_width, line, "", cell_text(1)) + cell(gap_width, "", "", "") + cell(date_width, line, "", cell_text(2)) +
           "</w:tr>";
      // The labels row ends the signer; the last signer's labels end the block (no keepNext).
      const bool last = r + 1 == rows.size();
      std::string labels = "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell(signature_width, "", label_properties, signature_label) +
                           cell(gap_width, "", "", "") + cell(date_width, "", label_properties, date_label) + "</w:tr>";
      if (last) {
        for (std::size_t at = labels.find("<w:keepNext/>"); at != std::string::npos; at = labels.find("<w:keepNext/>"))
          labels.erase(at, 13);
      }
      t += labels;
    }
    body_ += "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" + t + "</w:tbl><w:p/>";
  }

  // A bar chart as a table of label, bar (a shaded cell as wide as the percentage; on a points
  // chart, set off from the left to start or end at 0) and figure, which carries the interval; a
  // withheld figure is written in place of its bar.
  void bar_chart(const BarChart& chart) {
    const bool plain = chart.plain();
    const int label_width = content_width() * (plain ? 35 : 30) / 100, figure_width = content_width() * (plain ? 10 : 25) / 100;
    const int bar_space = content_width() - label_width - figure_width;
    std::string t = R"(<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>)";
    t +=
        fmt::format(R"(<w:gridCol w:w="{}"/><w:gridCol w:w="{}"/><w:gridCol w:w="{}"/></w:tblGrid>)", label_width, bar_space, figure_width);
    for (const auto& bar : chart.bars) {
      const int offset = chart.points ? static_cast<int>(bar_space * std::min(chart.position(0), chart.position(bar.percent))) : 0;
      const int filled = chart.points ? static_cast<int>(bar_space * std::max(chart.position(0), chart.position(bar.percent))) - offset
                                      : static_cast<int>(bar_space * bar.percent / 100);
      std::string bar_cell = "<w:p/>";
      if (!bar.has_value) {
        RunStyle style;
        style.italic = true;
        bar_cell = "<w:p>" + run(bar.figure, style) + "</w:p>";
      } else if (filled > 0 && offset == 0) {
        bar_cell = fmt::format(R"(<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>)"
                               R"(<w:tblGrid><w:gridCol w:w="{}"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>)"
                               R"(<w:shd w:val="clear" w:color="auto" w:fill="4A6FA5"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl><w:p/>)",
                               filled, filled, filled);
      } else if (filled > 0) {
        bar_cell = fmt::format(
            R"(<w:tbl><w:tblPr><w:tblW w:w="{0}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>)"
            R"(<w:tblGrid><w:gridCol w:w="{1}"/><w:gridCol w:w="{2}"/></w:tblGrid><w:tr>)"
            R"(<w:tc><w:tcPr><w:tcW w:w="{1}" w:type="dxa"/></w:tcPr><w:p/></w:tc>)"
            R"(<w:tc><w:tcPr><w:tcW w:w="{2}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="4A6FA5"/></w:tcPr><w:p/></w:tc>)"
            R"(</w:tr></w:tbl><w:p/>)",
            offset + filled, offset, filled);
      }
      const std::string figure = bar.has_value ? chart.figure(bar, fmt::format("{:.0f}%", bar.percent)) : std::string();
      t += fmt::format(
          R"(<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p>{}</w:p></w:tc>)"
          R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>{}</w:tc>)"
          R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="{}"/></w:pPr>{}</w:p></w:tc></w:tr>)",
          label_width, run(bar.label, {}), bar_space, bar_cell, figure_width, plain ? "right" : "left", run(figure, {}));
    }
    body_ += t + "</w:tbl><w:p/>";
  }

  // --- inline content ---

  static std::string run(std::string_view text, const RunStyle& style) {
    if (text.empty()) return {};
    std::string r = "<w:r>" + style.properties() + R"(<w:t xml:space="preserve">)";
    append_xml(r, text);
    return r + "</w:t></w:r>";
  }

  std::string inlines(cmark_node* parent, RunStyle style = {}) {
    std::string runs;
    for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
      RunStyle inner = style;
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT: runs += run(cmark_node_get_literal(node), style); break;
        case CMARK_NODE_CODE:
          inner.code = true;
          runs += run(cmark_node_get_literal(node), inner);
          break;
        case CMARK_NODE_SOFTBREAK: runs += run(" ", style); break;
        case CMARK_NODE_LINEBREAK: runs += "<w:r><w:br/></w:r>"; break;
        case CMARK_NODE_EMPH:
          inner.italic = true;
          runs += inlines(node, inner);
          break;
        case CMARK_NODE_STRONG:
          inner.bold = true;
          runs += inlines(node, inner);
          break;
        case CMARK_NODE_LINK: {
          inner.link = true;
          const std::string url = cmark_node_get_url(node);
          hyperlinks_.push_back(url);
          runs += fmt::format(R"(<w:hyperlink r:id="rIdLink{}">)", hyperlinks_.size()) + inlines(node, inner) + "</w:hyperlink>";
          break;
        }
        case CMARK_NODE_HTML_INLINE: break;
        default:
          if (std::string_view(cmark_node_get_type_string(node)) == "strikethrough") inner.strike = true;
          runs += inlines(node, inner);
      }
    }
    return runs;
  }

  // --- the package ---

  int content_width() const { return DocxPage::for_paper(page_.paper).width - 2 * margin_sides; }

  // The sections, one per document (at least one): each has a footer of its own.
  int sections() const { return std::max(documents_, 1); }

  // A hidden bookmark at the end of document `n`, whose page number is the section's last page
  // ("of M" in its footer: see footer_xml).
  static std::string end_bookmark(int n) {
    return fmt::format(R"(<w:bookmarkStart w:id="{}" w:name="_WaymarkEnd{}"/><w:bookmarkEnd w:id="{}"/>)", n, n, n);
  }

  // One section per document: its own page numbers from 1, header and footer, page size.
  std::string section_properties(int n) const {
    const DocxPage size = DocxPage::for_paper(page_.paper);
    return fmt::format(R"(<w:sectPr>{}<w:footerReference w:type="default" r:id="rIdFooter{}"/>)"
                       R"(<w:type w:val="nextPage"/><w:pgSz w:w="{}" w:h="{}"/>)"
                       R"(<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/>)"
                       R"(<w:pgNumType w:start="1"/></w:sectPr>)",
                       page_.school.empty() ? "" : R"(<w:headerReference w:type="default" r:id="rIdHeader"/>)", n, size.width, size.height,
                       margin_top, margin_sides, margin_bottom, margin_sides, header_footer_distance, header_footer_distance);
  }

  std::string header_xml() const {
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                       "\n<w:hdr {}><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{}</w:p></w:hdr>",
                       w_namespaces, run(page_.school, {}));
  }

  // "page {page} of {pages}" in the document's language, the numbers as Word fields: the page
  // within this document's section and the page count.
  std::string footer_xml(int n) const {
    // One document: the file's page count (NUMPAGES). Several: the page number of the bookmark at
    // the end of document n (PAGEREF), numbered within its section as PAGE is. Both Word and
    // LibreOffice update these; LibreOffice 7 keeps SECTIONPAGES's stored value ("page 2 of 1").
    const std::string pages_field = documents_ > 1 ? fmt::format("PAGEREF _WaymarkEnd{}", n) : std::string("NUMPAGES");
    std::string runs;
    const std::string& pattern = page_.page_of;
    std::size_t start = 0;
    while (start < pattern.size()) {
      const std::size_t open = pattern.find('{', start);
      if (open == std::string::npos) {
        runs += run(pattern.substr(start), {});
        break;
      }
      runs += run(pattern.substr(start, open - start), {});
      const std::size_t close = pattern.find('}', open);
      const std::string name = pattern.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
      if (name == "page" || name == "pages") {
        runs += fmt::format(
            R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r>)"
            R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>)",
            name == "page" ? "PAGE" : pages_field);
      }
      if (close == std::string::npos) break;
      start = close + 1;
    }
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                       "\n<w:ftr {}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"right\"/></w:pPr>{}</w:p></w:ftr>",
                       w_namespaces, runs);
  }

  std::string styles_xml() const {
    // Defaults in the document's language (Word's spelling and hyphenation follow w:lang).
    return fmt::format(
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        "\n<w:styles {}>"
        R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:eastAsia="DejaVu Sans" w:cs="DejaVu Sans"/>)"
        R"(<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="{}"/></w:rPr></w:rPrDefault>)"
        R"(<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
        R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>)"
        R"(<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>)"
        R"(<w:pPr><w:keepNext/><w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="27"/></w:rPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>)"
        R"(<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/></w:rPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/>)"
        R"(<w:pPr><w:spacing w:after="40"/><w:contextualSpacing/></w:pPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/>)"
        R"(<w:pPr><w:ind w:left="567"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>)"
        R"(<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="999999"/></w:pBdr></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="18"/></w:rPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="444444"/><w:sz w:val="18"/></w:rPr></w:style>)"
        R"(<w:style w:type="paragraph" w:styleId="SignatureLabel"><w:name w:val="Signature Label"/><w:basedOn w:val="Normal"/>)"
        R"(<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="18"/></w:rPr></w:style>)"
        R"(<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>)"
        R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
        R"(<w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>)"
        R"(<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="40"/></w:pPr>)"
        R"(<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="888888"/><w:left w:val="single" w:sz="4" w:space="0" w:color="888888"/>)"
        R"(<w:bottom w:val="single" w:sz="4" w:space="0" w:color="888888"/><w:right w:val="single" w:sz="4" w:space="0" w:color="888888"/>)"
        R"(<w:insideH w:val="single" w:sz="4" w:space="0" w:color="888888"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="888888"/></w:tblBorders></w:tblPr></w:style>)"
        R"(<w:style w:type="table" w:styleId="Signatures"><w:name w:val="Signatures"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr></w:style>)"
        "</w:styles>",
        w_namespaces, xml(page_.lang));
  }

  std::string numbering_xml() const {
    std::string levels_bullet, levels_decimal;
    for (int level = 0; level < 9; ++level) {
      const int indent = list_indent * (level + 1);
      levels_bullet +=
          fmt::format(R"(<w:lvl w:ilvl="{}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/>)"
                      R"(<w:pPr><w:ind w:left="{}" w:hanging="{}"/></w:pPr></w:lvl>)",
                      level, level % 2 == 0 ? "\u2022" : "\u25e6", indent, list_indent);
      levels_decimal += fmt::format(
          R"(<w:lvl w:ilvl="{}"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%{}."/><w:lvlJc w:val="left"/>)"
          R"(<w:pPr><w:ind w:left="{}" w:hanging="{}"/></w:pPr></w:lvl>)",
          level, level + 1, indent, list_indent);
    }
    std::string numbering =
        fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                    "\n<w:numbering {}>"
                    R"(<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>{}</w:abstractNum>)"
                    R"(<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{}</w:abstractNum>)"
                    R"(<w:num w:numId="{}"><w:abstractNumId w:val="0"/></w:num>)",
                    w_namespaces, levels_bullet, levels_decimal, bullet_num_id);
    for (std::size_t i = 0; i < ordered_starts_.size(); ++i)
      numbering += fmt::format(
          R"(<w:num w:numId="{}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{}"/></w:lvlOverride></w:num>)",
          first_ordered_num_id + static_cast<int>(i), ordered_starts_[i]);
    return numbering + "</w:numbering>";
  }

  std::string document_relationships() const {
    std::string rels =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        "\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        R"(<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
        R"(<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>)"
        "";
    for (int n = 1; n <= sections(); ++n)
      rels += fmt::format(
          R"(<Relationship Id="rIdFooter{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer{}.xml"/>)",
          n, n);
    if (!page_.school.empty())
      rels +=
          R"(<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>)";
    for (std::size_t i = 0; i < hyperlinks_.size(); ++i)
      rels += fmt::format(
          R"(<Relationship Id="rIdLink{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>)",
          i + 1, xml(hyperlinks_[i]));
    return rels + "</Relationships>";
  }

  std::string content_types() const {
    const std::string main = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    std::string types = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                        "\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
                        R"(<Default Extension="xml" ContentType="application/xml"/>)";
    types += R"(<Override PartName="/word/document.xml" ContentType=")" + main + R"(document.main+xml"/>)";
    types += R"(<Override PartName="/word/styles.xml" ContentType=")" + main + R"(styles+xml"/>)";
    types += R"(<Override PartName="/word/numbering.xml" ContentType=")" + main + R"(numbering+xml"/>)";
    for (int n = 1; n <= sections(); ++n)
      types += fmt::format(R"(<Override PartName="/word/footer{}.xml" ContentType="{}footer+xml"/>)", n, main);
    if (!page_.school.empty()) types += R"(<Override PartName="/word/header1.xml" ContentType=")" + main + R"(header+xml"/>)";
    types += R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)";
    return types + "</Types>";
  }

  // Title, author and language, as Word shows them under File > Properties. No dates: the same
  // input makes the same file.
  std::string core_properties() const {
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                       "\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                       "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator>"
                       "<dc:language>{}</dc:language></cp:coreProperties>",
                       xml(title_), xml(page_.author), xml(page_.lang));
  }

  static constexpr std::string_view package_relationships =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
      "</Relationships>";

  [[noreturn]] void zip_failed(zip_error_t* error) const {
    const std::string message = zip_error_strerror(error);
    throw Error(ErrorKind::io, fmt::format("{}: cannot write the Word document: {}", out_.name(), message));
  }

  // Zips the parts in memory (libzip over a growing buffer) and hands the bytes to the Output.
  void write_package(const std::string& document) {
    const std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml", content_types()},
        {"_rels/.rels", std::string(package_relationships)},
        {"docProps/core.xml", core_properties()},
        {"word/document.xml", document},
        {"word/_rels/document.xml.rels", document_relationships()},
        {"word/styles.xml", styles_xml()},
        {"word/numbering.xml", numbering_xml()},
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) zip_failed(&error);
    zip_source_keep(buffer);  // still ours after zip_close, to read the archive back
    const auto free_buffer = std::unique_ptr<zip_source_t, decltype(&zip_source_free)>(buffer, &zip_source_free);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) zip_failed(&error);
    const auto add = [&](const std::string& name, const std::string& content) {
      zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
      zip_int64_t index = -1;
      if (!part || (index = zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8)) < 0 ||
          zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), fixed_mtime, 0) < 0) {
        if (part && index < 0) zip_source_free(part);
        const std::string message = zip_strerror(archive);
        zip_discard(archive);
        throw Error(ErrorKind::io, fmt::format("{}: cannot write the Word document: {}", out_.name(), message));
      }
    };
    for (const auto& [name, content] : parts) add(name, content);
    std::vector<std::string> footers;  // alive until zip_close, which reads them
    for (int n = 1; n <= sections(); ++n) footers.push_back(footer_xml(n));
    for (int n = 1; n <= sections(); ++n) add(fmt::format("word/footer{}.xml", n), footers[static_cast<std::size_t>(n - 1)]);
    std::string header;
    if (!page_.school.empty()) {
      header = header_xml();
      add("word/header1.xml", header);
    }
    if (zip_close(archive) < 0) {
      const std::string message = zip_strerror(archive);
      zip_discard(archive);
      throw Error(ErrorKind::io, fmt::format("{}: cannot write the Word document: {}", out_.name(), message));
    }
    if (zip_source_open(buffer) < 0) zip_failed(zip_source_error(buffer));
    char chunk[1 << 15];
    for (zip_int64_t got; (got = zip_source_read(buffer, chunk, sizeof chunk)) > 0;)
      out_.write(std::string_view(chunk, static_cast<std::size_t>(got)));
    zip_source_close(buffer);
  }

  // Every part is dated 1 January 2000 (UTC), so the same input makes the same bytes.
  static constexpr time_t fixed_mtime = 946684800;
  static constexpr int bullet_num_id = 1;
  static constexpr int first_ordered_num_id = 2;

  Output& out_;
  PageSettings page_;
  std::string title_;
  std::string body_;
  std::vector<int> ordered_starts_;
  std::vector<std::string> hyperlinks_;
  int documents_ = 0;
  int quote_depth_ = 0;
};

}  // namespace

std::unique_ptr<DocumentWriter> make_docx_writer(Output& out, const PageSettings& page) { return std::make_unique<DocxWriter>(out, page); }

}  // namespace waymark
