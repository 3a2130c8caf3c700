#include "bar_chart.hpp"

#include "document_writers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "waymark/fields.hpp"
#include "waymark/numbers.hpp"

namespace waymark {

namespace {

std::string escape_xml(std::string_view text) {
  std::string out;
  append_html_escaped(out, text);
  return out;
}

std::optional<double> number_of(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [rest, error] = parse_double(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || rest != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// The axis of a points chart: the largest value or interval end, rounded up to a round number so
// that its ends read plainly (5, 10, 15, 20, 30...).
double round_scale(double largest) {
  if (!(largest > 0)) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(largest)));
  for (const double step : {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
    if (largest <= step * power * (1 + 1e-9)) return step * power;
  return 10 * power;
}

// One line of the block, or nullopt if it is not a bar.
std::optional<Bar> bar_of(std::string_view line, bool points) {
  const auto first = line.find('|');
  if (first == std::string_view::npos) return std::nullopt;
  Bar bar;
  bar.label = std::string(trim(line.substr(0, first)));
  std::vector<double> numbers;
  bool text_seen = false;
  std::size_t start = first + 1;
  while (start <= line.size()) {
    const std::size_t end = std::min(line.find('|', start), line.size());
    const auto field = trim(line.substr(start, end - start));
    start = end + 1;
    if (text_seen) continue;
    if (const auto number = number_of(field); number && numbers.size() < 3) {
      numbers.push_back(*number);
    } else if (!field.empty()) {
      bar.figure = std::string(field);
      text_seen = true;
    }
  }
  if (numbers.empty() && bar.figure.empty()) return std::nullopt;
  bar.has_value = !numbers.empty();
  const auto fit = [&](double value) { return points ? value : std::clamp(value, 0.0, 100.0); };
  if (bar.has_value) bar.percent = fit(numbers[0]);
  if (numbers.size() == 3) {
    bar.low = fit(std::min(numbers[1], numbers[2]));
    bar.high = fit(std::max(numbers[1], numbers[2]));
  }
  return bar;
}

}  // namespace

std::string signed_points(double value) {
  const std::string text = format_number(value);
  return text == "0" || text == "-0" || text.front() == '-' ? (text == "-0" ? "0" : text) : "+" + text;
}

double BarChart::position(double value) const {
  if (!points) return std::clamp(value, 0.0, 100.0) / 100.0;
  return std::clamp((value + scale) / (2 * scale), 0.0, 1.0);
}

std::string BarChart::figure(const Bar& bar, const std::string& percent_text) const {
  if (!bar.figure.empty() || !bar.has_value) return bar.figure;
  if (!points) return percent_text;
  std::string text = signed_points(bar.percent);
  if (bar.low) text += fmt::format(" [{}, {}]", format_number(*bar.low), format_number(*bar.high));
  return text;
}

bool BarChart::plain() const {
  if (points) return false;
  return std::all_of(bars.begin(), bars.end(), [](const Bar& bar) { return bar.has_value && bar.figure.empty() && !bar.low; });
}

std::optional<BarChart> bar_chart_of(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) return std::nullopt;
  const char* info = cmark_node_get_fence_info(node);
  if (!info) return std::nullopt;
  const auto kind = trim(info);
  BarChart chart;
  if (kind == "bar-chart points")
    chart.points = true;
  else if (kind != "bar-chart")
    return std::nullopt;
  const std::string_view text = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (auto bar = bar_of(line, chart.points)) chart.bars.push_back(std::move(*bar));
  }
  if (chart.points) {
    double largest = 0;
    for (const auto& bar : chart.bars) {
      if (!bar.has_value) continue;
      largest = std::max(largest, std::abs(bar.percent));
      if (bar.low) largest = std::max({largest, std::abs(*bar.low), std::abs(*bar.high)});
    }
    chart.scale = round_scale(largest);
  }
  return chart;
}

std::string bar_chart_svg(const BarChart& chart) {
  const auto& bars = chart.bars;
  constexpr int label_width = 250, bar_width = 300, row = 24, bar_height = 16;
  // A points chart's figures carry an interval: more room beside the bars.
  const int figure_width = chart.plain() ? 60 : 170;
  const int height = static_cast<int>(bars.size()) * row + 24;
  std::string svg = fmt::format(
      "<svg class=\"bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {0} {1}\" width=\"100%\" "
      "style=\"max-width:{0}px\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n",
      label_width + bar_width + figure_width, height);
  const auto x_of = [&](double value) { return label_width + bar_width * chart.position(value); };
  std::string description;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row;
    const Bar& bar = bars[i];
    const std::string label = escape_xml(bar.label);
    const std::string figure = escape_xml(chart.figure(bar, format_number(bar.percent) + "%"));
    description += fmt::format("{}{}: {}", i ? "; " : "", label, figure);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", label_width - 8, y + 13, label);
    svg +=
        fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e6e6e6\"/>\n", label_width, y + 1, bar_width, bar_height);
    if (!bar.has_value) {
      svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#333\" font-style=\"italic\">{}</text>\n", label_width + 6, y + 13, figure);
      continue;
    }
    // A percentage runs from the left end; a signed value from 0, either way.
    const double from = chart.points ? std::min(x_of(0), x_of(bar.percent)) : label_width;
    const double length = chart.points ? std::abs(x_of(bar.percent) - x_of(0)) : bar_width * bar.percent / 100.0;
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#2f6f9f\"/>\n", format_number(from, 1), y + 1,
                       format_number(length, 1), bar_height);
    if (bar.low) {
      const std::string low = format_number(x_of(*bar.low), 1), high = format_number(x_of(*bar.high), 1);
      svg += fmt::format("<path d=\"M{0} {3}H{1}M{0} {2}V{4}M{1} {2}V{4}\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>\n", low,
                         high, y + 4, y + 9, y + 14);
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", label_width + bar_width + 6, y + 13, figure);
  }
  // The axis under the bars: 0, 50 and 100%, or -scale, 0 and +scale with a line at 0.
  const int axis = static_cast<int>(bars.size()) * row + 14;
  if (chart.points) {
    svg += fmt::format("<line x1=\"{0}\" y1=\"0\" x2=\"{0}\" y2=\"{1}\" stroke=\"#555\"/>\n", format_number(x_of(0), 1),
                       static_cast<int>(bars.size()) * row);
    for (const double value : {-chart.scale, 0.0, chart.scale})
      svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"10\">{}</text>\n",
                         format_number(x_of(value), 1), axis, signed_points(value));
  } else {
    for (const int percent : {0, 50, 100})
      svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"10\">{}%</text>\n",
                         label_width + bar_width * percent / 100, axis, percent);
  }
  svg += fmt::format("<title>{}</title>\n</svg>\n", description);
  return svg;
}

std::vector<std::string> bar_chart_text(const BarChart& chart, std::size_t width) {
  const auto& bars = chart.bars;
  std::size_t label_width = 0;
  for (const auto& bar : bars) label_width = std::max(label_width, display_width(bar.label));
  const auto column = [&](double value) {
    return static_cast<std::size_t>(std::lround(static_cast<double>(width) * chart.position(value)));
  };
  std::vector<std::string> lines;
  for (const auto& bar : bars) {
    std::string line = bar.label + std::string(label_width - display_width(bar.label) + 2, ' ');
    if (!bar.has_value) {
      lines.push_back(line + bar.figure);
      continue;
    }
    if (chart.plain()) {
      const auto filled = static_cast<std::size_t>(std::lround(static_cast<double>(width) * bar.percent / 100.0));
      for (std::size_t i = 0; i < width; ++i) line += i < filled ? "█" : "░";
      lines.push_back(fmt::format("{} {:>3}%", line, format_number(bar.percent, 0)));
      continue;
    }
    // The bar from 0 to the value; the interval, where it passes beyond the bar, as a thin line.
    const std::size_t zero = column(0), end = column(bar.percent);
    const std::size_t from = std::min(zero, end), to = std::max(zero, end);
    const std::size_t low = bar.low ? column(*bar.low) : to, high = bar.high ? column(*bar.high) : from;
    for (std::size_t i = 0; i < width; ++i) {
      if (i >= from && i < to)
        line += "█";
      else if (chart.points && i == zero)
        line += "│";
      else if (bar.low && i >= low && i < high)
        line += "─";
      else
        line += "░";
    }
    lines.push_back(line + " " + chart.figure(bar, format_number(bar.percent, 0) + "%"));
  }
  return lines;
}

}  // namespace waymark
