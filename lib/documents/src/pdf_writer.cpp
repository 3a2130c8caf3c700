// The PDF writer of parsed documents: Pango lays out the cmark-gfm tree, Cairo paints it into a PDF
// that streams into the Output. Each document is laid out first into pages of positioned items (so
// the footer can say "page N of M"), then painted. Cairo embeds and subsets the font and writes a
// ToUnicode map, so the text stays selectable and searchable.
#include <cairo-pdf.h>
#include <cairo.h>
#include <cmark-gfm-core-extensions.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bar_chart.hpp"
#include "document_writers.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/messages.hpp"
#include "waymark/today.hpp"

namespace waymark {

namespace {

// Points: 1/72 inch, Cairo's PDF unit; Pango works at 72 dpi below so its sizes are points too.
constexpr double mm = 72.0 / 25.4;

struct PageGeometry {
  double width = 0;
  double height = 0;
  double margin_side = 18 * mm;
  double margin_top = 22 * mm;     // the school's name sits in the upper margin
  double margin_bottom = 20 * mm;  // the footer sits in the lower margin

  static PageGeometry for_paper(const std::string& paper) {
    PageGeometry page;
    if (paper == "letter") {
      page.width = 612;
      page.height = 792;
    } else {
      page.width = 210 * mm;
      page.height = 297 * mm;
    }
    return page;
  }
  double content_left() const { return margin_side; }
  double content_width() const { return width - 2 * margin_side; }
  double content_top() const { return margin_top; }
  double content_bottom() const { return height - margin_bottom; }
};

// Type and spacing, close to the HTML writer's print stylesheet.
constexpr double body_size = 10.5;
constexpr double small_size = 8.5;
constexpr double line_spacing = 1.3;
constexpr double heading_sizes[] = {18, 14, 12, 11, 10.5, 10.5};
constexpr double paragraph_gap = 7;
constexpr double text_gray = 0.07;
constexpr double muted_gray = 0.35;
constexpr double border_gray = 0.55;
constexpr double header_fill_gray = 0.93;
constexpr double cell_padding_x = 4.5;
constexpr double cell_padding_y = 3;
constexpr const char* link_color = "#1f4e8c";

double from_pango(int units) { return static_cast<double>(units) / PANGO_SCALE; }
int to_pango(double points) { return static_cast<int>(points * PANGO_SCALE); }

// One Pango context for the process, at 72 dpi, with unhinted metrics and glyph positions not rounded
// to whole points (at 72 dpi rounding spaces letters unevenly, and every glyph then carries a
// correction in the PDF): what is measured is what the PDF shows, at any zoom.
PangoContext* shared_context() {
  static PangoContext* const context = [] {
    PangoContext* created = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(created, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(created, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(created, FALSE);
    pango_context_set_language(created, pango_language_from_string("en"));
    return created;
  }();
  return context;
}

// DejaVu Sans: free, installed with fonts-dejavu-core, and covers Latin, Greek and Cyrillic.
const PangoFontDescription* font(double size, bool bold = false) {
  // Kept for the process: a handful of sizes, looked up per paragraph by size and weight, without
  // parsing a description each time.
  struct Known {
    double size;
    bool bold;
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description;
  };
  static std::vector<Known> cache;
  for (const auto& known : cache)
    if (known.size == size && known.bold == bold) return known.description.get();
  PangoFontDescription* description = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_size(description, to_pango(size));
  if (bold) pango_font_description_set_weight(description, PANGO_WEIGHT_BOLD);
  cache.push_back({size, bold, {description, &pango_font_description_free}});
  return description;
}

// The top and bottom of each line of a layout, from the layout's top: where a page may break.
struct LineBox {
  double top = 0;
  double bottom = 0;
};

// A shared PangoLayout and what was measured on it. Layouts are cached across documents and a
// table's header row is painted on every page it spans, so each measurement is taken once, when
// first asked for, and kept with the layout (Pango builds an iterator over every line for each).
class Layout {
 public:
  Layout() = default;
  explicit Layout(PangoLayout* adopted) : shared_(std::make_shared<Shared>(adopted)) {}
  PangoLayout* get() const { return shared_ ? shared_->layout.get() : nullptr; }

  const std::vector<LineBox>& lines() const;
  double first_baseline() const;
  double widest_word() const;

 private:
  struct Shared {
    explicit Shared(PangoLayout* adopted) : layout(adopted, &g_object_unref) {}
    std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout;
    std::vector<LineBox> lines;  // empty until measured: a layout has one line at least
    std::optional<double> first_baseline;
    std::optional<double> widest_word;
  };
  std::shared_ptr<Shared> shared_;
};

// How a layout is set: the markup, the font, the width to wrap at (none when <= 0) and more.
struct LayoutStyle {
  const PangoFontDescription* font = nullptr;
  double width = -1;
  PangoAlignment alignment = PANGO_ALIGN_LEFT;
  double spacing = line_spacing;
  bool ellipsize = false;  // one line, cut with "..." (the footer's title)

  bool operator==(const LayoutStyle&) const = default;
};

Layout create_layout(const std::string& markup, const LayoutStyle& style) {
  Layout layout(pango_layout_new(shared_context()));
  pango_layout_set_font_description(layout.get(), style.font);
  pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.spacing));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  if (style.width > 0) pango_layout_set_width(layout.get(), to_pango(style.width));
  if (style.ellipsize) pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment(layout.get(), style.alignment);
  // Parsed here rather than by pango_layout_set_markup, which would print a warning and a blank
  // paragraph: markup that does not parse is a bug in the escaping above, and must not pass quietly.
  PangoAttrList* attributes = nullptr;
  char* text = nullptr;
  GError* error = nullptr;
  if (!pango_parse_markup(markup.data(), static_cast<int>(markup.size()), 0, &attributes, &text, nullptr, &error)) {
    const std::string message = error ? error->message : "unknown error";
    if (error) g_error_free(error);
    throw Error(ErrorKind::internal, fmt::format("PDF: text could not be laid out ({})", message));
  }
  pango_layout_set_text(layout.get(), text, -1);
  pango_layout_set_attributes(layout.get(), attributes);
  pango_attr_list_unref(attributes);
  g_free(text);
  return layout;
}

// Layouts are never changed once made, so the same text in the same style is shaped once per
// process: headings, labels, table headers and the template's own sentences repeat in every
// learner's document. Bounded: cleared when full.
// Looked up by the markup, then among its few styles: no key to build for each lookup.
Layout make_layout(const std::string& markup, const LayoutStyle& style) {
  static std::unordered_map<std::string, std::vector<std::pair<LayoutStyle, Layout>>> cache;
  constexpr std::size_t cache_limit = 4096;
  if (const auto found = cache.find(markup); found != cache.end())
    for (const auto& [known_style, layout] : found->second)
      if (known_style == style) return layout;
  if (cache.size() >= cache_limit) cache.clear();
  Layout layout = create_layout(markup, style);
  cache[markup].emplace_back(style, layout);
  return layout;
}

Layout make_layout(const std::string& markup, const PangoFontDescription* description, double width,
                   PangoAlignment alignment = PANGO_ALIGN_LEFT) {
  return make_layout(markup, LayoutStyle{description, width, alignment});
}

void append_escaped(std::string& markup, std::string_view text) {
  const std::string fit = fit_for_documents(text);
  char* escaped = g_markup_escape_text(fit.data(), static_cast<gssize>(fit.size()));
  markup += escaped;
  g_free(escaped);
}

std::string escaped(std::string_view text) {
  std::string markup;
  append_escaped(markup, text);
  return markup;
}

const std::vector<LineBox>& Layout::lines() const {
  std::vector<LineBox>& lines = shared_->lines;
  if (!lines.empty()) return lines;
  PangoLayoutIter* iter = pango_layout_get_iter(get());
  do {
    int top = 0;
    int bottom = 0;
    pango_layout_iter_get_line_yrange(iter, &top, &bottom);
    lines.push_back({from_pango(top), from_pango(bottom)});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

double Layout::first_baseline() const {
  if (!shared_->first_baseline) shared_->first_baseline = from_pango(pango_layout_get_baseline(get()));
  return *shared_->first_baseline;
}

// The widest run of text between two places a line may break (a long word, a bar of block
// characters): the narrowest a table column can be without breaking words. Measured on the layout
// as it is, between Pango's break opportunities.
double Layout::widest_word() const {
  if (shared_->widest_word) return *shared_->widest_word;
  PangoLayout* text_layout = get();
  const char* text = pango_layout_get_text(text_layout);
  int attribute_count = 0;
  const PangoLogAttr* attributes = pango_layout_get_log_attrs_readonly(text_layout, &attribute_count);
  double widest = 0;
  double word_start = 0;
  const char* position = text;
  for (int index = 1; index < attribute_count; ++index) {
    position = g_utf8_next_char(position);
    if (!attributes[index].is_line_break && index + 1 < attribute_count) continue;
    PangoRectangle place;
    pango_layout_index_to_pos(text_layout, static_cast<int>(position - text), &place);
    const double x = from_pango(place.x);
    widest = std::max(widest, x - word_start);  // negative after a forced line break: ignored
    word_start = x;
  }
  shared_->widest_word = widest;
  return widest;
}

// What a page holds, in painting order (which is also the reading order).
struct Item {
  enum class Kind { text, rule, box, outline };
  Kind kind = Kind::text;
  double x = 0;
  double y = 0;
  // text: lines [first_line, end_line) of the layout, the top of the first line at y; `tag` is the
  // structure element the lines belong to (H1-H6, P, BlockQuote; none for list markers). Lists and
  // tables are tagged by their text only: L/LI and Table/TR need elements open across items and pages.
  Layout layout;
  int first_line = 0;
  int end_line = 0;
  const char* tag = "P";
  double gray = text_gray;
  // rule: a line to (x2, y2); box: a rectangle x2 wide and y2 high, filled if fill >= 0, with
  // vertical lines at `dividers` (a table row and its cells: one path, one stroke).
  double x2 = 0;
  double y2 = 0;
  double line_width = 0.6;
  double fill = -1;
  std::vector<double> dividers;
  // outline: a bookmark for a heading of this level.
  std::string text;
  int level = 0;
};

using Page = std::vector<Item>;

// How blocks inside a container are laid out: their left edge and width, and whether they belong to
// a tight list (no gaps between paragraphs).
struct Frame {
  double x = 0;
  double width = 0;
  bool tight = false;
  const char* tag = "P";
};

// The cells of one table row, laid out at their column widths.
struct Cell {
  Layout layout;
  double natural_width = 0;  // unwrapped
  double x_offset = 0;       // right or centre alignment of text that fits unwrapped
};
struct Row {
  std::vector<Cell> cells;
  bool header = false;
};

bool has_type(cmark_node* node, std::string_view type) { return std::string_view(cmark_node_get_type_string(node)) == type; }

// Inline content as Pango markup: every piece of text escaped, emphasis and code as spans, links
// with their address after them (a printed page cannot be clicked).
std::string inline_markup(cmark_node* parent) {
  std::string markup;
  for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT: append_escaped(markup, cmark_node_get_literal(node)); break;
      case CMARK_NODE_CODE:
        markup += "<span font_family=\"DejaVu Sans Mono\">";
        append_escaped(markup, cmark_node_get_literal(node));
        markup += "</span>";
        break;
      case CMARK_NODE_SOFTBREAK: markup += ' '; break;
      case CMARK_NODE_LINEBREAK: markup += '\n'; break;
      case CMARK_NODE_EMPH: markup += "<i>" + inline_markup(node) + "</i>"; break;
      case CMARK_NODE_STRONG: markup += "<b>" + inline_markup(node) + "</b>"; break;
      case CMARK_NODE_LINK: {
        const std::string label = plain_text(node);
        const std::string url = cmark_node_get_url(node) ? cmark_node_get_url(node) : "";
        markup += fmt::format("<span foreground=\"{}\" underline=\"single\">{}</span>", link_color, inline_markup(node));
        if (!url.empty() && url != label && url != "mailto:" + label) markup += " (" + escaped(url) + ")";
        break;
      }
      case CMARK_NODE_HTML_INLINE: break;  // raw HTML is never printed, as in the HTML writer
      default:
        if (has_type(node, "strikethrough"))
          markup += "<s>" + inline_markup(node) + "</s>";
        else
          markup += inline_markup(node);
    }
  }
  return markup;
}

// Lays out one document into pages. Headings stay with what follows them, table headers repeat on
// every page a table spans, signature blocks are never split, and no paragraph leaves a single line
// at the foot of a page.
class PageLayout {
 public:
  explicit PageLayout(const PageGeometry& geometry) : page_(geometry) {}

  std::vector<Page> lay_out(cmark_node* root) {
    new_page();
    blocks(root, Frame{page_.content_left(), page_.content_width(), false, "P"});
    return std::move(pages_);
  }

 private:
  // --- pages and vertical position ---

  void new_page() {
    pages_.emplace_back();
    y_ = page_.content_top();
    pending_gap_ = 0;
    page_has_content_ = false;
  }

  Page& page() { return pages_.back(); }

  // Starts a new page. A heading (or a table header) waiting for what follows it moves along.
  void break_page() {
    if (keep_ && keep_->first_item > 0) {
      Page& old_page = page();
      std::vector<Item> moved(std::make_move_iterator(old_page.begin() + static_cast<std::ptrdiff_t>(keep_->first_item)),
                              std::make_move_iterator(old_page.end()));
      old_page.resize(keep_->first_item);
      const double shift = page_.content_top() - keep_->top;
      const double moved_bottom = y_;
      const double gap_after_moved = pending_gap_;
      new_page();
      for (auto& item : moved) {
        item.y += shift;
        page().push_back(std::move(item));
      }
      y_ = moved_bottom + shift;
      pending_gap_ = gap_after_moved;
      page_has_content_ = true;
      keep_ = Keep{0, page_.content_top()};
      return;
    }
    keep_.reset();
    new_page();
  }

  void gap(double points) { pending_gap_ = std::max(pending_gap_, points); }

  // The gap to leave before the next thing placed: none at the top of a page.
  double gap_here() const { return page_has_content_ ? pending_gap_ : 0; }

  double room() const { return page_.content_bottom() - y_ - gap_here(); }

  // Makes room for `height` (breaking the page if it is not there and the page is not empty) and
  // returns the top of that room.
  double reserve(double height) {
    if (height > room() && page_has_content_) break_page();
    y_ += gap_here();
    pending_gap_ = 0;
    return y_;
  }

  // What was just placed occupies the page down to `bottom`. `keep_with_next` holds it together
  // with what comes next (headings, table headers); anything else ends that hold.
  void placed(double bottom, std::size_t first_item, double top, bool keep_with_next) {
    y_ = bottom;
    page_has_content_ = true;
    if (!keep_with_next)
      keep_.reset();
    else if (!keep_)
      keep_ = Keep{first_item, top};
  }

  Item& add_text(const Layout& layout, double x, double top, int first_line, int end_line, const char* tag, double gray = text_gray) {
    Item item;
    item.kind = Item::Kind::text;
    item.layout = layout;
    item.x = x;
    item.y = top;
    item.first_line = first_line;
    item.end_line = end_line;
    item.tag = tag;
    item.gray = gray;
    page().push_back(std::move(item));
    return page().back();
  }

  void add_rule(double x1, double y1, double x2, double y2, double width, double gray) {
    Item item;
    item.kind = Item::Kind::rule;
    item.x = x1;
    item.y = y1;
    item.x2 = x2;
    item.y2 = y2;
    item.line_width = width;
    item.gray = gray;
    page().push_back(std::move(item));
  }

  void add_box(double x, double y, double width, double height, double fill, std::vector<double> dividers) {
    Item item;
    item.kind = Item::Kind::box;
    item.x = x;
    item.y = y;
    item.x2 = width;
    item.y2 = height;
    item.gray = border_gray;
    item.fill = fill;
    item.dividers = std::move(dividers);
    page().push_back(std::move(item));
  }

  // --- text that flows across pages ---

  // Places a layout line by line, breaking pages between lines. A list item's marker, if one is
  // waiting, goes beside the first line; so does a heading's bookmark, which then points at it.
  void flow(const Layout& layout, double x, const char* tag, bool keep_with_next = false, std::optional<Item> bookmark = {}) {
    const auto& lines = layout.lines();
    const std::size_t count = lines.size();
    std::size_t start = 0;
    while (start < count) {
      const double available = room();
      std::size_t end = start;
      while (end < count && lines[end].bottom - lines[start].top <= available) ++end;
      // Two lines at least at the foot of a page, and never one alone at the head of the next.
      const std::size_t least = std::min<std::size_t>(count - start, 2);
      if (end - start < least && page_has_content_) {
        break_page();
        continue;
      }
      if (end == start) end = start + 1;  // a line taller than a page: printed, cut at the margin
      if (end < count && count - end == 1 && end - start > 2) --end;
      const double top = reserve(lines[end - 1].bottom - lines[start].top);
      const std::size_t first_item = page().size();
      if (bookmark) {
        bookmark->y = top;
        page().push_back(*std::exchange(bookmark, std::nullopt));
      }
      if (marker_) place_marker(layout, top);
      add_text(layout, x, top, static_cast<int>(start), static_cast<int>(end), tag);
      placed(top + lines[end - 1].bottom - lines[start].top, first_item, top, keep_with_next);
      start = end;
      if (start < count) break_page();
    }
  }

  // A list marker, baseline to baseline with the first line of its item.
  void place_marker(const Layout& layout, double top) {
    add_text(marker_->layout, marker_->x, top + layout.first_baseline() - marker_->layout.first_baseline(), 0, 1, nullptr);
    marker_.reset();
  }

  // --- blocks ---

  void blocks(cmark_node* parent, const Frame& frame) {
    for (cmark_node* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) block(node, frame);
  }

  void block(cmark_node* node, const Frame& frame) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING: heading(node, frame); return;
      case CMARK_NODE_PARAGRAPH:
        if (!frame.tight) gap(paragraph_gap);
        flow(make_layout(inline_markup(node), font(body_size), frame.width), frame.x, frame.tag, leads_in(node));
        if (!frame.tight) gap(paragraph_gap);
        return;
      case CMARK_NODE_LIST: list(node, frame); return;
      case CMARK_NODE_ITEM: blocks(node, frame); return;
      case CMARK_NODE_BLOCK_QUOTE: {
        Frame quote = frame;
        quote.x += 14;
        quote.width -= 14;
        quote.tag = "BlockQuote";
        gap(paragraph_gap);
        blocks(node, quote);
        gap(paragraph_gap);
        return;
      }
      case CMARK_NODE_CODE_BLOCK: {
        if (const auto bars = bar_chart_of(node)) {
          bar_chart(*bars, frame);
          return;
        }
        std::string code = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
        while (!code.empty() && code.back() == '\n') code.pop_back();
        gap(paragraph_gap);
        flow(make_layout("<span font_family=\"DejaVu Sans Mono\">" + escaped(code) + "</span>", font(body_size - 1), frame.width - 10),
             frame.x + 10, "P");
        gap(paragraph_gap);
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK: {
        gap(10);
        const double top = reserve(1);
        add_rule(frame.x, top + 0.5, frame.x + frame.width, top + 0.5, 0.8, border_gray);
        placed(top + 1, 0, top, false);
        gap(10);
        return;
      }
      default:
        if (is_signature_table(node))
          signatures(node, frame);
        else if (is_table(node))
          table(node, frame);
        return;  // raw HTML blocks are never printed
    }
  }

  // A paragraph that introduces what follows stays on its page: a label in bold alone ("**Support
  // I need**"), or a sentence ending in ':' before a list or table ("Activities to choose from:").
  static bool leads_in(cmark_node* paragraph) {
    cmark_node* only = cmark_node_first_child(paragraph);
    if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_STRONG) return true;
    cmark_node* next = cmark_node_next(paragraph);
    if (!next || (cmark_node_get_type(next) != CMARK_NODE_LIST && !is_table(next))) return false;
    const std::string text = plain_text(paragraph);
    const auto end = text.find_last_not_of(' ');
    return end != std::string::npos && text[end] == ':';
  }

  void heading(cmark_node* node, const Frame& frame) {
    const int level = std::clamp(cmark_node_get_heading_level(node), 1, 6);
    const double size = heading_sizes[level - 1];
    gap(level == 1 ? 4 : size * 1.1);
    const Layout layout = make_layout(inline_markup(node), LayoutStyle{font(size, true), frame.width, PANGO_ALIGN_LEFT, 1.1});
    Item bookmark;
    bookmark.kind = Item::Kind::outline;
    bookmark.text = plain_text(node);
    bookmark.level = level;
    bookmark.x = frame.x;
    static constexpr const char* tags[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    flow(layout, frame.x, tags[level - 1], true, std::move(bookmark));
    gap(level == 1 ? 8 : 4);
  }

  void list(cmark_node* node, const Frame& frame) {
    const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    const bool tight = cmark_node_get_list_tight(node) != 0;
    const bool nested = cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_ITEM;
    int number = cmark_node_get_list_start(node);
    const double marker_width = ordered ? 20 : 13;
    if (!nested || !frame.tight) gap(paragraph_gap);
    Frame inside{frame.x + marker_width, frame.width - marker_width, tight, "P"};
    for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
      const std::string marker = ordered ? fmt::format("{}.", number++) : (nested ? "\u2013" : "\u2022");
      Layout layout = make_layout(escaped(marker), font(body_size), marker_width - 4, ordered ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      marker_ = Marker{std::move(layout), frame.x};
      if (tight) gap(2.5);
      blocks(item, inside);
      if (marker_) {  // an empty item: the marker alone
        const double height = marker_->layout.lines().back().bottom;
        const double top = reserve(height);
        add_text(marker_->layout, marker_->x, top, 0, 1, nullptr);
        placed(top + height, 0, top, false);
        marker_.reset();
      }
    }
    if (!nested || !frame.tight) gap(paragraph_gap);
  }

  // --- tables ---

  // Column widths, as browsers lay out tables: each column's natural width (its longest cell
  // unwrapped) if they all fit, stretched to the frame; otherwise each column gets its narrowest
  // (its longest word) and the rest of the frame is shared in proportion to how much more each
  // would like. Words break only when even the narrowest widths do not fit.
  static std::vector<double> column_widths(const std::vector<double>& narrowest, const std::vector<double>& natural, double available) {
    const std::size_t columns = natural.size();
    double natural_total = 0;
    double narrowest_total = 0;
    for (std::size_t i = 0; i < columns; ++i) {
      natural_total += natural[i];
      narrowest_total += narrowest[i];
    }
    std::vector<double> widths(columns, 0);
    for (std::size_t i = 0; i < columns; ++i) {
      if (natural_total <= available)
        widths[i] = natural[i] * available / natural_total;
      else if (narrowest_total >= available)
        widths[i] = narrowest[i] * available / narrowest_total;
      else
        widths[i] = narrowest[i] + (available - narrowest_total) * (natural[i] - narrowest[i]) / (natural_total - narrowest_total);
    }
    return widths;
  }

  static PangoAlignment alignment_of(uint8_t align) {
    if (align == 'r') return PANGO_ALIGN_RIGHT;
    if (align == 'c') return PANGO_ALIGN_CENTER;
    return PANGO_ALIGN_LEFT;
  }

  void table(cmark_node* node, const Frame& frame) {
    const std::size_t columns = std::max<std::size_t>(cmark_gfm_extensions_get_table_columns(node), 1);
    const uint8_t* alignments = cmark_gfm_extensions_get_table_alignments(node);
    // Cell text and natural widths: one unwrapped layout per cell, wrapped once the widths are known.
    // Each cell laid out unwrapped for its natural width; wrapped again only if its column is narrower.
    std::vector<Row> rows;
    std::vector<std::string> markup;
    std::vector<double> natural(columns, 24);
    std::vector<double> narrowest(columns, 24);
    for (cmark_node* row_node = cmark_node_first_child(node); row_node; row_node = cmark_node_next(row_node)) {
      Row& row = rows.emplace_back();
      row.header = cmark_gfm_extensions_get_table_row_is_header(row_node) != 0;
      cmark_node* cell = cmark_node_first_child(row_node);
      for (std::size_t column = 0; column < columns; ++column) {
        markup.push_back(cell ? inline_markup(cell) : std::string());
        Layout layout = make_layout(markup.back(), font(body_size - 0.5, row.header), -1);
        int width = 0;
        pango_layout_get_size(layout.get(), &width, nullptr);
        natural[column] = std::max(natural[column], from_pango(width) + 2 * cell_padding_x + 1);
        narrowest[column] = std::max(narrowest[column], layout.widest_word() + 2 * cell_padding_x + 1);
        row.cells.push_back({std::move(layout), from_pango(width), 0});
        if (cell) cell = cmark_node_next(cell);
      }
    }
    const std::vector<double> widths = column_widths(narrowest, natural, frame.width);
    std::size_t index = 0;
    for (auto& row : rows)
      for (std::size_t column = 0; column < columns; ++column, ++index) {
        Cell& cell = row.cells[column];
        const double inner = widths[column] - 2 * cell_padding_x;
        const PangoAlignment alignment = alignments ? alignment_of(alignments[column]) : PANGO_ALIGN_LEFT;
        if (cell.natural_width <= inner) {
          if (alignment == PANGO_ALIGN_RIGHT) cell.x_offset = inner - cell.natural_width;
          if (alignment == PANGO_ALIGN_CENTER) cell.x_offset = (inner - cell.natural_width) / 2;
        } else {
          cell.layout = make_layout(markup[index], font(body_size - 0.5, row.header), inner, alignment);
        }
      }

    gap(paragraph_gap + 2);
    const Row* header = !rows.empty() && rows.front().header ? &rows.front() : nullptr;
    for (const auto& row : rows) place_row(row, widths, frame.x, row.header ? nullptr : header);
    gap(paragraph_gap + 2);
  }

  static double lines_height(const std::vector<LineBox>& lines, std::size_t start, std::size_t end) {
    return start < end ? lines[end - 1].bottom - lines[start].top : 0;
  }

  // Places a row; a row that does not fit goes to the next page, after the header row again. A row
  // taller than a page is split between lines.
  void place_row(const Row& row, const std::vector<double>& widths, double x, const Row* header) {
    const double height = row_height(row);
    const double page_room = page_.content_bottom() - page_.content_top() - (header ? row_height(*header) : 0);
    if (height > room() && page_has_content_ && (height <= page_room || room() < 3 * body_size)) new_table_page(header, widths, x);
    std::vector<std::size_t> next(row.cells.size(), 0);
    while (!place_row_part(row, widths, x, next)) new_table_page(header, widths, x);
  }

  // Places the lines of each cell from `next` on that fit on this page (one at least) and moves
  // `next` past them. Returns whether the row is complete.
  bool place_row_part(const Row& row, const std::vector<double>& widths, double x, std::vector<std::size_t>& next) {
    const std::size_t columns = row.cells.size();
    const double available = room() - 2 * cell_padding_y;
    std::vector<std::size_t> end(columns, 0);
    bool progress = false;
    for (std::size_t c = 0; c < columns; ++c) {
      const auto& lines = row.cells[c].layout.lines();
      end[c] = next[c];
      while (end[c] < lines.size() && lines_height(lines, next[c], end[c] + 1) <= available) ++end[c];
      progress = progress || end[c] > next[c];
    }
    // Not one line fits even here: one line of each cell anyway, cut at the margin.
    if (!progress)
      for (std::size_t c = 0; c < columns; ++c) end[c] = std::min(next[c] + 1, row.cells[c].layout.lines().size());
    double height = 0;
    bool complete = true;
    for (std::size_t c = 0; c < columns; ++c) {
      height = std::max(height, lines_height(row.cells[c].layout.lines(), next[c], end[c]));
      complete = complete && end[c] == row.cells[c].layout.lines().size();
    }
    height += 2 * cell_padding_y;
    const std::size_t first_item = page().size();
    const double top = reserve(height);
    std::vector<double> dividers;
    double row_width = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      row_width += widths[c];
      if (c + 1 < columns) dividers.push_back(x + row_width);
    }
    add_box(x, top, row_width, height, row.header ? header_fill_gray : -1, std::move(dividers));
    double cell_x = x;
    for (std::size_t c = 0; c < columns; ++c) {
      if (end[c] > next[c])
        add_text(row.cells[c].layout, cell_x + cell_padding_x + row.cells[c].x_offset, top + cell_padding_y, static_cast<int>(next[c]),
                 static_cast<int>(end[c]), "P");
      cell_x += widths[c];
      next[c] = end[c];
    }
    placed(top + height, first_item, top, row.header);
    return complete;
  }

  double row_height(const Row& row) const {
    double height = 0;
    for (const auto& cell : row.cells) height = std::max(height, lines_height(cell.layout.lines(), 0, cell.layout.lines().size()));
    return height + 2 * cell_padding_y;
  }

  // A new page inside a table, the header row at its top (unless the header is what moved over).
  void new_table_page(const Row* header, const std::vector<double>& widths, double x) {
    const bool header_moves_along = keep_.has_value();
    break_page();
    if (header && !header_moves_along) place_row(*header, widths, x, nullptr);
  }

  // --- bar charts ---

  // One row per bar: its label, a track with the share filled (or, on a points chart, the bar from
  // the line at 0 and the interval across it), and the figure; a withheld figure in place of its
  // bar. Kept on one page.
  void bar_chart(const BarChart& chart, const Frame& frame) {
    const auto& bars = chart.bars;
    constexpr double bar_height = 8;
    constexpr double row_gap = 4;
    const double percent_width = chart.plain() ? 42 : frame.width * 0.26;
    const double label_width = frame.width * (chart.plain() ? 0.4 : 0.34);
    const double track_x = frame.x + label_width + 8;
    const double track_width = frame.width - label_width - percent_width - 16;
    struct ChartRow {
      Layout label;
      Layout percent;
      double height = 0;
    };
    std::vector<ChartRow> rows;
    double total = 0;
    for (const auto& bar : bars) {
      Layout label = make_layout(escaped(bar.label), font(body_size - 0.5), label_width);
      const std::string figure = chart.figure(bar, fmt::format("{:.1f}%", bar.percent));
      Layout percent =
          bar.has_value
              ? make_layout(escaped(figure), font(body_size - 0.5), percent_width, chart.plain() ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
              : make_layout("<i>" + escaped(figure) + "</i>", font(body_size - 0.5), track_width + percent_width + 8);
      const double figure_bottom = chart.plain() ? 0 : percent.lines().back().bottom;
      const double height = std::max({label.lines().back().bottom, figure_bottom, bar_height}) + row_gap;
      total += height;
      rows.push_back({std::move(label), std::move(percent), height});
    }
    gap(paragraph_gap);
    const std::size_t first_item = page().size();
    const double top = reserve(total);
    double y = top;
    const auto x_of = [&](double value) { return track_x + track_width * chart.position(value); };
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Bar& bar = bars[i];
      add_text(rows[i].label, frame.x, y, 0, pango_layout_get_line_count(rows[i].label.get()), "P");
      const double bar_top = y + rows[i].label.first_baseline() - bar_height + 1;
      if (!bar.has_value) {
        add_text(rows[i].percent, track_x, y, 0, pango_layout_get_line_count(rows[i].percent.get()), "P");
        y += rows[i].height;
        continue;
      }
      add_box(track_x, bar_top, track_width, bar_height, header_fill_gray, {});
      if (!chart.points) {
        if (bar.percent > 0) add_box(track_x, bar_top, track_width * bar.percent / 100, bar_height, muted_gray, {});
      } else if (bar.percent != 0) {
        const double from = std::min(x_of(0), x_of(bar.percent));
        add_box(from, bar_top, std::abs(x_of(bar.percent) - x_of(0)), bar_height, muted_gray, {});
      }
      if (chart.points) add_rule(x_of(0), bar_top - 2, x_of(0), bar_top + bar_height + 2, 0.6, 0);
      if (bar.low) {
        const double middle = bar_top + bar_height / 2;
        add_rule(x_of(*bar.low), middle, x_of(*bar.high), middle, 1.2, 0);
        add_rule(x_of(*bar.low), bar_top + 1.5, x_of(*bar.low), bar_top + bar_height - 1.5, 1.2, 0);
        add_rule(x_of(*bar.high), bar_top + 1.5, x_of(*bar.high), bar_top + bar_height - 1.5, 1.2, 0);
      }
      add_text(rows[i].percent, track_x + track_width + 8, y, 0, chart.plain() ? 1 : pango_layout_get_line_count(rows[i].percent.get()),
               "P");
      y += rows[i].height;
    }
    placed(y, first_item, top, false);
    gap(paragraph_gap);
  }

  // --- signature blocks ---

  // One signer after another: their name, room to sign, a line for the signature and one for the
  // date, each labelled. The whole block stays on one page.
  void signatures(cmark_node* node, const Frame& frame) {
    struct Signer {
      Layout name;
      Layout signature_text;
      Layout date_text;
    };
    std::vector<Signer> signers;
    for (cmark_node* row = cmark_node_next(cmark_node_first_child(node)); row; row = cmark_node_next(row)) {
      cmark_node* who = cmark_node_first_child(row);
      cmark_node* signature = who ? cmark_node_next(who) : nullptr;
      cmark_node* date = signature ? cmark_node_next(signature) : nullptr;
      const auto cell_layout = [&](cmark_node* cell, double width) {
        return cell ? make_layout(inline_markup(cell), font(body_size), width) : Layout{};
      };
      signers.push_back({cell_layout(who, frame.width), cell_layout(signature, signature_width(frame)),
                         cell_layout(date, frame.width - signature_width(frame) - date_offset)});
    }
    // The lines are labelled with the header's own words, in the document's language.
    cmark_node* signature_heading = cmark_node_next(cmark_node_first_child(cmark_node_first_child(node)));
    const Layout signature_label = make_layout(inline_markup(signature_heading), font(small_size), -1);
    const Layout date_label = make_layout(inline_markup(cmark_node_next(signature_heading)), font(small_size), -1);
    const double label_height = signature_label.lines().back().bottom;
    double total = 0;
    std::vector<double> heights;
    for (const auto& signer : signers) {
      const double name_height = signer.name.lines().back().bottom;
      heights.push_back(name_height + signing_room + label_height + 2 + signer_gap);
      total += heights.back();
    }
    gap(paragraph_gap * 2);
    const std::size_t first_item = page().size();
    // Together on one page; only more signers than a page holds are spread over pages.
    const bool together = total <= page_.content_bottom() - page_.content_top();
    const double top = reserve(together ? total : 0);
    double y = top;
    for (std::size_t i = 0; i < signers.size(); ++i) {
      if (!together) {
        y_ = y;
        page_has_content_ = true;
        y = reserve(heights[i]);
      }
      const auto& signer = signers[i];
      add_text(signer.name, frame.x, y, 0, pango_layout_get_line_count(signer.name.get()), "P");
      const double line_y = y + signer.name.lines().back().bottom + signing_room;
      const double signature_right = frame.x + signature_width(frame);
      const double date_left = signature_right + date_offset;
      // Text already in the signature or date cell (a date filled in) sits on its line.
      const auto on_line = [&](const Layout& text, double x) {
        if (!text.get() || pango_layout_get_character_count(text.get()) == 0) return;
        add_text(text, x + 2, line_y - 2 - text.lines().back().bottom, 0, pango_layout_get_line_count(text.get()), "P");
      };
      on_line(signer.signature_text, frame.x);
      on_line(signer.date_text, date_left);
      add_rule(frame.x, line_y, signature_right, line_y, 0.8, 0);
      add_rule(date_left, line_y, frame.x + frame.width, line_y, 0.8, 0);
      add_text(signature_label, frame.x, line_y + 2, 0, 1, "P", muted_gray);
      add_text(date_label, date_left, line_y + 2, 0, 1, "P", muted_gray);
      y += heights[i];
    }
    placed(y, first_item, top, false);
    gap(paragraph_gap);
  }

  static constexpr double signing_room = 30;
  static constexpr double signer_gap = 14;
  static constexpr double date_offset = 24;
  static double signature_width(const Frame& frame) { return frame.width * 0.6; }

  struct Keep {
    std::size_t first_item = 0;
    double top = 0;
  };
  struct Marker {
    Layout layout;
    double x = 0;
  };

  PageGeometry page_;
  std::vector<Page> pages_;
  double y_ = 0;
  double pending_gap_ = 0;
  bool page_has_content_ = false;
  std::optional<Keep> keep_;
  std::optional<Marker> marker_;
};

// Paints laid-out pages into a Cairo PDF surface that streams into the Output.
class PdfWriter final : public DocumentWriter {
 public:
  PdfWriter(Output& out, PageSettings settings)
      : out_(out), settings_(std::move(settings)), geometry_(PageGeometry::for_paper(settings_.paper)) {}

  ~PdfWriter() override {
    // Without finish (an error elsewhere), nothing more is written: the Output is discarded anyway.
    abandoned_ = true;
    close();
  }

  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void begin(const std::string& title) override {
    surface_ = cairo_pdf_surface_create_for_stream(&PdfWriter::write_to_output, this, geometry_.width, geometry_.height);
    check(cairo_surface_status(surface_));
    // Cairo refuses metadata holding U+FFFE or U+FFFF ("input string not valid UTF-8").
    if (!title.empty()) cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, fit_for_documents(title).c_str());
    if (!settings_.author.empty())
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_AUTHOR, fit_for_documents(settings_.author).c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "waymark");
    // Cairo dates the file now unless told otherwise: SOURCE_DATE_EPOCH makes two runs identical.
    if (const auto epoch = source_date_epoch()) {
      const std::string date = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", *epoch);
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    }
    // Line breaking and shaping follow the language (one language a run).
    pango_context_set_language(shared_context(), pango_language_from_string(settings_.lang.c_str()));
    cr_ = cairo_create(surface_);
    check(cairo_status(cr_));
    // One Document element holds every block's element: with a grouping element first, Cairo marks
    // the PDF as tagged (/MarkInfo << /Marked true >>), which screen readers look for.
    cairo_tag_begin(cr_, document_tag, "");
    if (!settings_.school.empty()) school_ = make_layout(escaped(settings_.school), font(small_size), geometry_.content_width());
  }

  void document(const ParsedDocument& doc) override {
    if (!surface_) begin(doc.title());
    const std::vector<Page> pages = PageLayout(geometry_).lay_out(doc.root());
    const std::string title = doc.title().empty() ? fmt::format("Document {}", documents_ + 1) : doc.title();
    const Layout footer_title =
        make_layout(escaped(title), LayoutStyle{font(small_size), geometry_.content_width() * 0.7, PANGO_ALIGN_LEFT, line_spacing, true});
    // The document's bookmark, with its headings beneath it by level.
    const int document_outline =
        cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, title.c_str(),
                                      destination(pages_painted_ + 1, geometry_.content_top()).c_str(), CAIRO_PDF_OUTLINE_FLAG_OPEN);
    std::vector<std::pair<int, int>> open_headings;  // (level, outline id)
    bool first_heading = true;
    for (std::size_t index = 0; index < pages.size(); ++index) {
      const int page_number = pages_painted_ + 1;
      paint_header();
      for (const auto& item : pages[index]) {
        if (item.kind == Item::Kind::outline) {
          // The document's own bookmark stands for its title heading: the first heading, at level 1.
          if (item.text == title || (item.level == 1 && first_heading)) {
            first_heading = false;
            open_headings.emplace_back(item.level, document_outline);
            continue;
          }
          first_heading = false;
          while (!open_headings.empty() && open_headings.back().first >= item.level) open_headings.pop_back();
          const int parent = open_headings.empty() ? document_outline : open_headings.back().second;
          open_headings.emplace_back(
              item.level, cairo_pdf_surface_add_outline(surface_, parent, item.text.c_str(), destination(page_number, item.y).c_str(),
                                                        static_cast<cairo_pdf_outline_flags_t>(0)));
        } else {
          paint(item);
        }
      }
      paint_footer(footer_title, index + 1, pages.size());
      cairo_show_page(cr_);
      ++pages_painted_;
      check(cairo_status(cr_));
    }
    ++documents_;
  }

  void finish() override {
    if (!surface_) begin("");
    close();
    out_.flush();
  }

 private:
  static cairo_status_t write_to_output(void* closure, const unsigned char* data, unsigned int length) {
    auto* self = static_cast<PdfWriter*>(closure);
    if (self->abandoned_ || self->failure_) return CAIRO_STATUS_WRITE_ERROR;
    try {
      const std::string_view bytes(reinterpret_cast<const char*>(data), length);
      self->out_.write(bytes);
      self->written_ += length;
      // The file's end (catalogue, trailer) for add_language; 64 KiB holds them many times over.
      self->tail_.append(bytes);
      if (self->tail_.size() > 2 * tail_kept) self->tail_.erase(0, self->tail_.size() - tail_kept);
    } catch (...) {
      // Exceptions must not cross Cairo's C frames: kept here, rethrown after Cairo returns.
      self->failure_ = std::current_exception();
      return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
  }

  void check(cairo_status_t status) {
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    if (status != CAIRO_STATUS_SUCCESS)
      throw Error(ErrorKind::io, fmt::format("{}: cannot write the PDF: {}", out_.name(), cairo_status_to_string(status)));
  }

  void close() {
    if (cr_) {
      cairo_tag_end(cr_, document_tag);
      cairo_destroy(std::exchange(cr_, nullptr));
    }
    if (!surface_) return;
    cairo_surface_finish(surface_);
    const cairo_status_t status = cairo_surface_status(surface_);
    cairo_surface_destroy(std::exchange(surface_, nullptr));
    if (abandoned_) return;
    check(status);
    add_language();
  }

  // The document's language (/Lang in the catalogue, which screen readers use to pick a voice and
  // which Cairo 1.16 cannot set), appended as an incremental update (PDF 1.7, 7.5.6): the
  // catalogue again with /Lang, a cross-reference section for it, and a trailer pointing back to
  // Cairo's. Readers take the newest catalogue; the bytes before stay as Cairo wrote them.
  void add_language() {
    const std::string_view tail = tail_;
    const auto startxref = tail.rfind("startxref");
    const auto catalog = tail.rfind("/Type /Catalog");
    const auto trailer = tail.rfind("trailer");
    if (startxref == std::string_view::npos || catalog == std::string_view::npos || trailer == std::string_view::npos) return;
    const auto header = tail.rfind(" 0 obj", catalog);
    const auto line = header == std::string_view::npos ? header : tail.rfind('\n', header);
    const auto dict_end = tail.find(">>\nendobj", catalog);
    const auto trailer_open = tail.find("<<", trailer);
    const auto trailer_close = tail.find(">>", trailer);
    if (line == std::string_view::npos || dict_end == std::string_view::npos || trailer_open == std::string_view::npos ||
        trailer_close == std::string_view::npos ||
        tail.substr(trailer_open, trailer_close - trailer_open).find("/Prev") != std::string_view::npos)
      return;
    const std::string_view number = tail.substr(line + 1, header - line - 1);
    const std::string_view dictionary = tail.substr(tail.find("<<", header), dict_end - tail.find("<<", header));
    const std::string_view previous = trim(tail.substr(startxref + 9, tail.find("%%EOF", startxref) - startxref - 9));
    const std::size_t object_at = written_;
    std::string update = fmt::format("{} 0 obj\n{}   /Lang ({})\n>>\nendobj\n", number, dictionary, settings_.lang);
    const std::size_t xref_at = object_at + update.size();
    update += fmt::format("xref\n0 1\n0000000000 65535 f \n{} 1\n{:010} 00000 n \ntrailer\n{}   /Prev {}\n>>\nstartxref\n{}\n%%EOF\n",
                          number, object_at, tail.substr(trailer_open, trailer_close - trailer_open), previous, xref_at);
    out_.write(update);
  }

  static constexpr const char* document_tag = "Document";

  static std::string destination(int page, double y) { return fmt::format("page={} pos=[0 {:.1f}]", page, std::max(0.0, y - 6)); }

  void paint_header() {
    if (!school_.get()) return;
    const double baseline = geometry_.content_top() - 9 * mm;
    cairo_set_source_rgb(cr_, muted_gray, muted_gray, muted_gray);
    cairo_move_to(cr_, geometry_.content_left(), baseline - school_.first_baseline());
    pango_cairo_show_layout(cr_, school_.get());
    const double rule_y = baseline + 3.5;
    cairo_set_line_width(cr_, 0.5);
    cairo_set_source_rgb(cr_, border_gray, border_gray, border_gray);
    cairo_move_to(cr_, geometry_.content_left(), rule_y);
    cairo_line_to(cr_, geometry_.content_left() + geometry_.content_width(), rule_y);
    cairo_stroke(cr_);
  }

  void paint_footer(const Layout& title, std::size_t page, std::size_t pages) {
    const double baseline = geometry_.height - geometry_.margin_bottom + 11 * mm;
    cairo_set_source_rgb(cr_, muted_gray, muted_gray, muted_gray);
    cairo_move_to(cr_, geometry_.content_left(), baseline - title.first_baseline());
    pango_cairo_show_layout(cr_, title.get());
    const Layout number =
        make_layout(escaped(fill_placeholders(settings_.page_of, {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}})),
                    font(small_size), geometry_.content_width() * 0.3, PANGO_ALIGN_RIGHT);
    cairo_move_to(cr_, geometry_.content_left() + geometry_.content_width() * 0.7, baseline - number.first_baseline());
    pango_cairo_show_layout(cr_, number.get());
  }

  void paint(const Item& item) {
    switch (item.kind) {
      case Item::Kind::text:
        // A structure element per block: screen readers find the headings and read in document order.
        if (item.tag) cairo_tag_begin(cr_, item.tag, "");
        paint_text(item);
        if (item.tag) cairo_tag_end(cr_, item.tag);
        return;
      case Item::Kind::rule:
        cairo_set_source_rgb(cr_, item.gray, item.gray, item.gray);
        cairo_set_line_width(cr_, item.line_width);
        cairo_move_to(cr_, item.x, item.y);
        cairo_line_to(cr_, item.x2, item.y2);
        cairo_stroke(cr_);
        return;
      case Item::Kind::box:
        cairo_rectangle(cr_, item.x, item.y, item.x2, item.y2);
        if (item.fill >= 0) {
          cairo_set_source_rgb(cr_, item.fill, item.fill, item.fill);
          cairo_fill_preserve(cr_);
        }
        for (const double divider : item.dividers) {
          cairo_move_to(cr_, divider, item.y);
          cairo_line_to(cr_, divider, item.y + item.y2);
        }
        cairo_set_source_rgb(cr_, item.gray, item.gray, item.gray);
        cairo_set_line_width(cr_, item.line_width);
        cairo_stroke(cr_);
        return;
      case Item::Kind::outline: return;
    }
  }

  // Lines [first_line, end_line) of a layout, the first line's top at the item's y.
  void paint_text(const Item& item) {
    cairo_set_source_rgb(cr_, item.gray, item.gray, item.gray);
    PangoLayout* layout = item.layout.get();
    if (item.first_line == 0 && item.end_line >= pango_layout_get_line_count(layout)) {
      cairo_move_to(cr_, item.x, item.y);
      pango_cairo_show_layout(cr_, layout);
      return;
    }
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double first_top = 0;
    for (int line = 0; line < item.end_line; ++line) {
      if (line >= item.first_line) {
        int top = 0;
        int bottom = 0;
        pango_layout_iter_get_line_yrange(iter, &top, &bottom);
        if (line == item.first_line) first_top = from_pango(top);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        cairo_move_to(cr_, item.x + from_pango(logical.x), item.y + from_pango(pango_layout_iter_get_baseline(iter)) - first_top);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      }
      if (!pango_layout_iter_next_line(iter)) break;
    }
    pango_layout_iter_free(iter);
  }

  static constexpr std::size_t tail_kept = 64 * 1024;

  Output& out_;
  PageSettings settings_;
  PageGeometry geometry_;
  std::size_t written_ = 0;
  std::string tail_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  Layout school_;
  int pages_painted_ = 0;
  int documents_ = 0;
  bool abandoned_ = false;
  std::exception_ptr failure_;
};

}  // namespace

std::unique_ptr<DocumentWriter> make_pdf_writer(Output& out, const PageSettings& page) { return std::make_unique<PdfWriter>(out, page); }

}  // namespace waymark
