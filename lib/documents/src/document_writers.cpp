// The Markdown, HTML and plain-text writers of parsed documents.
#include "document_writers.hpp"

#include "bar_chart.hpp"

#include <cmark-gfm-extension_api.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "waymark/errors.hpp"
#include "waymark/record_writer.hpp"

namespace waymark {

namespace {

// Takes ownership of a string cmark allocated.
std::string take(char* text) {
  std::string copy(text ? text : "");
  free(text);  // NOLINT: cmark allocates with the default allocator (malloc)
  return copy;
}

class MarkdownWriter final : public DocumentWriter {
 public:
  explicit MarkdownWriter(Output& out) : out_(out) {}
  void begin(const std::string&) override {}
  void document(const ParsedDocument& doc) override {
    if (documents_++ > 0) out_.write("\n---\n\n");
    out_.write(take(cmark_render_commonmark(doc.root(), CMARK_OPT_DEFAULT, 0)));
  }
  void finish() override { out_.flush(); }

 private:
  Output& out_;
  int documents_ = 0;
};

// Print stylesheet: A4 (or letter) pages, readable type, one document per page run, signature lines.
constexpr std::string_view html_style = R"(
@page { size: %PAPER%; margin: 18mm 16mm 20mm; }
html { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; }
body { max-width: 46em; margin: 2em auto; padding: 0 1em; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
article + article { break-before: page; page-break-before: always; }
.school { font-size: 9pt; color: #444; border-bottom: 1px solid #999; padding-bottom: 2pt; margin: 0 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .4em; } h2 { font-size: 13.5pt; margin: 1.3em 0 .4em; } h3 { font-size: 11.5pt; margin: 1em 0 .3em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #888; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; }
table.signatures { break-inside: avoid; page-break-inside: avoid; margin-top: 1.5em; }
table.signatures th { background: none; border: none; font-weight: normal; font-size: 9pt; color: #444; }
table.signatures td { border: none; border-bottom: 1px solid #000; height: 3em; vertical-align: bottom; }
table.signatures td:first-child { width: 40%; }
table.signatures td + td { border-left: 1.2em solid transparent; background-clip: padding-box; }
hr { border: none; border-top: 1px solid #999; margin: 1.2em 0; }
li { margin: .15em 0; }
)";

class HtmlWriter final : public DocumentWriter {
 public:
  HtmlWriter(Output& out, PageSettings page) : out_(out), page_(std::move(page)) {}

  void begin(const std::string& title) override {
    std::string head = "<!DOCTYPE html>\n<html lang=\"";
    append_html_escaped(head, page_.lang);
    head += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    append_html_escaped(head, title);
    head += "</title>\n";
    if (!page_.author.empty()) {
      head += "<meta name=\"author\" content=\"";
      append_html_escaped(head, page_.author);
      head += "\">\n";
    }
    std::string style(html_style);
    style.replace(style.find("%PAPER%"), 7, page_.paper == "letter" ? "letter" : "A4");
    head += "<style>" + style + "</style>\n</head>\n<body>\n";
    out_.write(head);
  }

  void document(const ParsedDocument& doc) override {
    std::string html = "<article>\n";
    if (!page_.school.empty()) {
      html += "<p class=\"school\">";
      append_html_escaped(html, page_.school);
      html += "</p>\n";
    }
    // Block by block, so signature tables can be marked for the stylesheet. Raw HTML in the
    // Markdown is left out by cmark's safe default.
    for (cmark_node* block = cmark_node_first_child(doc.root()); block; block = cmark_node_next(block)) {
      if (const auto bars = bar_chart_of(block)) {
        html += bar_chart_svg(*bars);
        continue;
      }
      std::string part = take(cmark_render_html(block, CMARK_OPT_DEFAULT, gfm_extensions()));
      if (is_signature_table(block) && part.starts_with("<table>")) part.replace(0, 7, "<table class=\"signatures\">");
      html += part;
    }
    html += "</article>\n";
    out_.write(html);
  }

  void finish() override {
    out_.write("</body>\n</html>\n");
    out_.flush();
  }

 private:
  Output& out_;
  PageSettings page_;
};

std::string pad(std::string text, std::size_t width) {
  const std::size_t current = display_width(text);
  if (current < width) text.append(width - current, ' ');
  return text;
}

// Plain text for reading on screen or pasting into an email: underlined headings, wrapped
// paragraphs, aligned tables, and signature lines.
class TextWriter final : public DocumentWriter {
 public:
  TextWriter(Output& out, PageSettings page) : out_(out), page_(std::move(page)) {}
  void begin(const std::string&) override {}

  void document(const ParsedDocument& doc) override {
    if (documents_++ > 0) out_.write("\n\f\n");  // a form feed: a new page when printed
    lines_.clear();
    if (!page_.school.empty()) {
      lines_.push_back(fit_for_documents(page_.school));
      lines_.emplace_back();
    }
    blocks(doc.root(), "", "");
    while (!lines_.empty() && lines_.back().empty()) lines_.pop_back();
    std::string text;
    for (const auto& line : lines_) text += line + '\n';
    out_.write(text);
  }

  void finish() override { out_.flush(); }

 private:
  static constexpr std::size_t width = 78;

  void blank() {
    if (!lines_.empty() && !lines_.back().empty()) lines_.emplace_back();
  }

  // Wraps `text` to the width, the first line after `first`, the others after `rest`; a '\n' in
  // `text` (a hard line break) starts a new line.
  void wrap(const std::string& text, const std::string& first, const std::string& rest) {
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
      wrap_line(text.substr(start, end - start), start == 0 ? first : rest, rest);
      start = end + 1;
    }
    wrap_line(text.substr(start), start == 0 ? first : rest, rest);
  }

  void wrap_line(const std::string& text, const std::string& first, const std::string& rest) {
    const std::size_t indent = display_width(rest);  // `first` is as wide: a list marker or quote sign
    const auto lines = wrap_words(text, width > indent ? width - indent : 1);
    for (std::size_t i = 0; i < lines.size(); ++i) lines_.push_back((i == 0 ? first : rest) + lines[i]);
  }

  void blocks(cmark_node* parent, const std::string& first, const std::string& rest) {
    bool first_block = true;
    for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
      block(node, first_block ? first : rest, rest);
      first_block = false;
    }
  }

  void block(cmark_node* node, const std::string& first, const std::string& rest) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING: {
        blank();
        const std::string text = plain_text(node);
        lines_.push_back(first + text);
        const int level = cmark_node_get_heading_level(node);
        if (level <= 2) lines_.push_back(rest + std::string(display_width(text), level == 1 ? '=' : '-'));
        lines_.emplace_back();
        return;
      }
      case CMARK_NODE_PARAGRAPH:
        wrap(inline_text(node), first, rest);
        if (cmark_node_get_type(cmark_node_parent(node)) != CMARK_NODE_ITEM) lines_.emplace_back();
        return;
      case CMARK_NODE_LIST: {
        const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        int number = cmark_node_get_list_start(node);
        bool first_item = true;
        for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
          const std::string marker = ordered ? fmt::format("{}. ", number++) : "- ";
          blocks(item, (first_item ? first : rest) + marker, rest + std::string(marker.size(), ' '));
          first_item = false;
        }
        if (cmark_node_get_type(cmark_node_parent(node)) != CMARK_NODE_ITEM) lines_.emplace_back();
        return;
      }
      case CMARK_NODE_BLOCK_QUOTE: blocks(node, first + "> ", rest + "> "); return;
      case CMARK_NODE_CODE_BLOCK: {
        if (const auto bars = bar_chart_of(node)) {
          for (const auto& line : bar_chart_text(*bars)) lines_.push_back(rest + line);
          lines_.emplace_back();
          return;
        }
        std::string code = cmark_node_get_literal(node);
        std::size_t start = 0;
        while (start < code.size()) {
          const std::size_t end = std::min(code.find('\n', start), code.size());
          lines_.push_back(rest + "    " + code.substr(start, end - start));
          start = end + 1;
        }
        lines_.emplace_back();
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK:
        lines_.push_back(rest + std::string(40, '-'));
        lines_.emplace_back();
        return;
      default:
        if (is_signature_table(node))
          signatures(node, rest);
        else if (is_table(node))
          table(node, rest);
        return;  // raw HTML blocks are never printed
    }
  }

  // Inline content as text: emphasis dropped, links followed by their address, breaks as spaces.
  std::string inline_text(cmark_node* parent) {
    std::string text;
    for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: text += cmark_node_get_literal(node); break;
        case CMARK_NODE_SOFTBREAK: text += ' '; break;
        case CMARK_NODE_LINEBREAK: text += '\n'; break;  // a hard break stays a new line
        case CMARK_NODE_LINK: {
          const std::string label = inline_text(node);
          const std::string url = cmark_node_get_url(node);
          const bool says_where = label == url || "mailto:" + label == url;  // autolinks show their address already
          text += says_where ? label : fmt::format("{} ({})", label, url);
          break;
        }
        case CMARK_NODE_HTML_INLINE: break;
        default: text += inline_text(node);
      }
    }
    return text;
  }

  std::vector<std::vector<std::string>> rows_of(cmark_node* table_node) {
    std::vector<std::vector<std::string>> rows;
    for (cmark_node* row = cmark_node_first_child(table_node); row; row = cmark_node_next(row)) {
      auto& cells = rows.emplace_back();
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) cells.push_back(inline_text(cell));
    }
    return rows;
  }

  void table(cmark_node* node, const std::string& indent) {
    const auto rows = rows_of(node);
    std::vector<std::size_t> widths;
    for (const auto& row : rows)
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (widths.size() <= i) widths.push_back(0);
        widths[i] = std::max(widths[i], display_width(row[i]));
      }
    std::vector<std::size_t> longest_words(widths.size(), 0);
    for (const auto& row : rows)
      for (std::size_t i = 0; i < row.size(); ++i)
        for (const auto& word : wrap_words(row[i], 0)) longest_words[i] = std::max(longest_words[i], display_width(word));
    const bool narrowed = fit_to_page(widths, longest_words, display_width(indent));
    std::string rule = indent;
    for (std::size_t i = 0; i < widths.size(); ++i) rule += (i ? "-+-" : "") + std::string(widths[i], '-');
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r > 1 && narrowed) lines_.push_back(rule);  // wrapped rows need a line between them
      // A row is as many lines as its longest wrapped cell.
      std::vector<std::vector<std::string>> cells;
      std::size_t height = 1;
      for (std::size_t i = 0; i < rows[r].size(); ++i) {
        cells.push_back(wrap_words(rows[r][i], widths[i]));
        height = std::max(height, cells.back().size());
      }
      for (std::size_t l = 0; l < height; ++l) {
        std::string line = indent;
        for (std::size_t i = 0; i < cells.size(); ++i) {
          const std::string part = l < cells[i].size() ? cells[i][l] : std::string{};
          line += (i ? " | " : "") + pad(part, i + 1 < cells.size() ? widths[i] : 0);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines_.push_back(line);
      }
      if (r == 0) lines_.push_back(rule);
    }
    lines_.emplace_back();
  }

  // Narrows columns so the table fits the page width: each keeps at least its longest word, and
  // what is left is shared in proportion to how much more each would need. Returns whether it
  // narrowed any.
  static bool fit_to_page(std::vector<std::size_t>& widths, const std::vector<std::size_t>& longest_words, std::size_t indent) {
    const std::size_t separators = widths.empty() ? 0 : 3 * (widths.size() - 1);
    std::size_t natural = 0, minimum = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      natural += widths[i];
      minimum += std::min(widths[i], longest_words[i]);
    }
    if (indent + separators + natural <= width) return false;
    const std::size_t available = indent + separators + minimum < width ? width - indent - separators - minimum : 0;
    const std::size_t wanted = natural - minimum;
    if (wanted == 0) return false;  // single words only: nothing to wrap
    for (auto i = std::size_t{0}; i < widths.size(); ++i) {
      const std::size_t least = std::min(widths[i], longest_words[i]);
      widths[i] = least + (widths[i] - least) * available / wanted;
    }
    return true;
  }

  // `text` in lines of at most `limit` columns, broken between words (a longer word stands alone).
  static std::vector<std::string> wrap_words(const std::string& text, std::size_t limit) {
    std::vector<std::string> lines(1);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view word(text.data() + start, end - start);
      start = end + 1;
      if (word.empty()) continue;
      if (!lines.back().empty() && display_width(lines.back()) + 1 + display_width(word) > limit) lines.emplace_back();
      if (!lines.back().empty()) lines.back() += ' ';
      lines.back() += word;
    }
    return lines;
  }

  // Each signer's name, then lines labelled with the header's own words ("Signature", "Llofnod").
  void signatures(cmark_node* node, const std::string& indent) {
    const auto rows = rows_of(node);
    const std::string lines = fmt::format("{}: ______________________________   {}: ______________", rows[0].at(1), rows[0].at(2));
    for (std::size_t r = 1; r < rows.size(); ++r) {
      lines_.emplace_back();
      lines_.push_back(indent + rows[r].at(0));
      lines_.emplace_back();
      lines_.push_back(indent + lines);
    }
    lines_.emplace_back();
  }

  Output& out_;
  PageSettings page_;
  std::vector<std::string> lines_;
  int documents_ = 0;
};

}  // namespace

// Columns of UTF-8 text, counting code points (good enough for the Latin, Greek and Cyrillic names
// schools hold; wide East Asian characters would count as one).
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void append_html_escaped(std::string& out, std::string_view text) {
  for (const char c : fit_for_documents(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

std::unique_ptr<DocumentWriter> make_markdown_writer(Output& out) { return std::make_unique<MarkdownWriter>(out); }
std::unique_ptr<DocumentWriter> make_html_writer(Output& out, const PageSettings& page) { return std::make_unique<HtmlWriter>(out, page); }
std::unique_ptr<DocumentWriter> make_text_writer(Output& out, const PageSettings& page) { return std::make_unique<TextWriter>(out, page); }

std::unique_ptr<DocumentWriter> DocumentWriter::create(DocumentFormat format, Output& out, const PageSettings& page) {
  switch (format) {
    case DocumentFormat::md: return make_markdown_writer(out);
    case DocumentFormat::html: return make_html_writer(out, page);
    case DocumentFormat::txt: return make_text_writer(out, page);
    case DocumentFormat::pdf: return make_pdf_writer(out, page);
    case DocumentFormat::docx: return make_docx_writer(out, page);
  }
  throw Error(ErrorKind::usage, "unknown document format");
}

}  // namespace waymark
