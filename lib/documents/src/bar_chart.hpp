// Bar charts in documents. A fenced code block whose info string is `bar-chart` holds one bar a
// line, `label | percentage` (0 to 100); each writer draws it natively: inline SVG in HTML, block
// characters in text, vector bars in PDF; Markdown keeps the block as it is.
#pragma once

#include <cmark-gfm.h>

#include <optional>
#include <string>
#include <vector>

namespace waymark {

struct Bar {
  std::string label;
  double percent = 0;  // clamped to 0..100
};

// The bars of `node` if it is a bar-chart block; lines that are not `label | number` are skipped.
std::optional<std::vector<Bar>> bar_chart_of(cmark_node* node);

// The chart as an inline SVG element (labels escaped).
std::string bar_chart_svg(const std::vector<Bar>& bars);

// The chart as lines of text, bars of block characters `width` long.
std::vector<std::string> bar_chart_text(const std::vector<Bar>& bars, std::size_t width = 30);

}  // namespace waymark
