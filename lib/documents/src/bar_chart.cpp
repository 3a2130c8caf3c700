#include "bar_chart.hpp"

#include "document_writers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "waymark/fields.hpp"

namespace waymark {

namespace {

std::string escape_xml(std::string_view text) {
  std::string out;
  append_html_escaped(out, text);
  return out;
}

}  // namespace

std::optional<std::vector<Bar>> bar_chart_of(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) return std::nullopt;
  const char* info = cmark_node_get_fence_info(node);
  if (!info || trim(info) != "bar-chart") return std::nullopt;
  std::vector<Bar> bars;
  const std::string_view text = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const auto bar = line.rfind('|');
    if (bar == std::string_view::npos) continue;
    const auto number = trim(line.substr(bar + 1));
    double percent = 0;
    const auto [rest, error] = std::from_chars(number.data(), number.data() + number.size(), percent);
    if (error != std::errc{} || rest != number.data() + number.size() || !std::isfinite(percent)) continue;
    bars.push_back({std::string(trim(line.substr(0, bar))), std::clamp(percent, 0.0, 100.0)});
  }
  return bars;
}

std::string bar_chart_svg(const std::vector<Bar>& bars) {
  constexpr int label_width = 250, bar_width = 300, row = 24, bar_height = 16;
  const int height = static_cast<int>(bars.size()) * row + 24;
  std::string svg = fmt::format(
      "<svg class=\"bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {0} {1}\" width=\"100%\" "
      "style=\"max-width:{0}px\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n",
      label_width + bar_width + 60, height);
  std::string description;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row;
    const double length = bar_width * bars[i].percent / 100.0;
    const std::string label = escape_xml(bars[i].label);
    description += fmt::format("{}{}: {}%", i ? "; " : "", label, format_number(bars[i].percent));
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", label_width - 8, y + 13, label);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e6e6e6\"/>\n", label_width, y + 1, bar_width, bar_height);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#2f6f9f\"/>\n", label_width, y + 1, format_number(length, 1),
                       bar_height);
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}%</text>\n", label_width + bar_width + 6, y + 13, format_number(bars[i].percent));
  }
  // The axis: 0, 50 and 100% under the bars.
  const int axis = static_cast<int>(bars.size()) * row + 14;
  for (const int percent : {0, 50, 100})
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"10\">{}%</text>\n",
                       label_width + bar_width * percent / 100, axis, percent);
  svg += fmt::format("<title>{}</title>\n</svg>\n", description);
  return svg;
}

std::vector<std::string> bar_chart_text(const std::vector<Bar>& bars, std::size_t width) {
  std::size_t label_width = 0;
  for (const auto& bar : bars) label_width = std::max(label_width, display_width(bar.label));
  std::vector<std::string> lines;
  for (const auto& bar : bars) {
    const auto filled = static_cast<std::size_t>(std::lround(static_cast<double>(width) * bar.percent / 100.0));
    std::string line = bar.label + std::string(label_width - display_width(bar.label) + 2, ' ');
    for (std::size_t i = 0; i < width; ++i) line += i < filled ? "█" : "░";
    lines.push_back(fmt::format("{} {:>3}%", line, format_number(bar.percent, 0)));
  }
  return lines;
}

}  // namespace waymark
