// Bar charts in documents. A fenced code block whose info string is `bar-chart` holds one bar a
// line, `label | percentage` (0 to 100); `bar-chart points` holds signed values (percentage
// points, say) on an axis either side of 0, scaled to the largest. After the value a line may give
// an interval, `| low | high`, drawn as a line across the bar, and last a text to print beside the
// bar instead of the number (`| +4.1 (2.0 to 6.2)`, in the document's language). A line whose value
// is text (`label | suppressed`) has no bar: the text is printed where the bar would be, so that a
// figure withheld never reads as 0. Each writer draws it natively: inline SVG in HTML, block
// characters in text, vector bars in PDF, a table of shaded cells in Word; Markdown keeps the block
// as it is.
#pragma once

#include <cmark-gfm.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

struct Bar {
  std::string label;
  double percent = 0;               // the value: 0 to 100 (clamped) on a percentage chart, signed on a points chart
  std::optional<double> low, high;  // an interval around the value, both or neither
  std::string figure;               // the text beside the bar, where the line gives one
  bool has_value = true;            // false: the line's value was text, printed (figure) in place of a bar
};

struct BarChart {
  bool points = false;  // `bar-chart points`: the axis runs from -scale to +scale
  double scale = 100;   // percentage charts: 0 to 100
  std::vector<Bar> bars;

  // Where `value` lies along the bar's track, from 0 (left) to 1 (right).
  double position(double value) const;
  // The text beside `bar`: its own figure, else on a points chart the signed value and interval
  // ("+4.1 [2, 6.2]"), else `percent_text` (each writer's own way of printing a percentage).
  std::string figure(const Bar& bar, const std::string& percent_text) const;
  // Whether every bar is a plain percentage, with nothing but its value: the chart as first drawn.
  bool plain() const;
};

// The chart of `node` if it is a bar-chart block; lines without a '|', or with neither a number
// nor a text after it, are skipped.
std::optional<BarChart> bar_chart_of(cmark_node* node);

// The chart as an inline SVG element (labels escaped).
std::string bar_chart_svg(const BarChart& chart);

// The chart as lines of text, bars of block characters `width` long.
std::vector<std::string> bar_chart_text(const BarChart& chart, std::size_t width = 30);

// A signed number of points as a chart prints it: "+4.1", "-0.5", "0".
std::string signed_points(double value);

}  // namespace waymark
