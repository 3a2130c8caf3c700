#include "waymark/small_counts.hpp"

namespace waymark {

std::string shown_count(long count) { return hidden_count(count) ? "<5" : std::to_string(count); }

ShownCounts shown_counts(std::span<const long> counts) {
  ShownCounts shown;
  std::vector<bool> hidden(counts.size());
  int small = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) small += (hidden[i] = hidden_count(counts[i]));
  if (small == 1) {
    std::size_t next = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (!hidden[i] && counts[i] > 0 && (next == counts.size() || counts[i] < counts[next])) next = i;
    if (next < counts.size()) hidden[next] = true;
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    shown.cells.push_back(!hidden[i] ? std::to_string(counts[i]) : counts[i] < smallest_shown_count ? "<5" : "c");
    shown.any = shown.any || hidden[i];
  }
  return shown;
}

nlohmann::ordered_json shown_count_json(const std::string& shown) {
  return shown == "<5" || shown == "c" ? nlohmann::ordered_json(shown) : nlohmann::ordered_json(std::stol(shown));
}

}  // namespace waymark
