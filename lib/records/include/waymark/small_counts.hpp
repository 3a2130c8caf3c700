// Small counts as official statistics show them (docs/conventions.md, Privacy): a group of 1 to 4
// learners is shown as "<5", and what else could give it away as "c", so that nothing about those
// learners can be worked out from a table shared with governors or an authority. The one place
// the threshold is kept.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

namespace waymark {

// The smallest group whose count is shown as it is.
inline constexpr long smallest_shown_count = 5;

// True for 1 to 4: a count that is not shown. Zero is shown (nobody is nothing to protect).
constexpr bool hidden_count(long count) { return count > 0 && count < smallest_shown_count; }

// The count as it may be shown: "<5" for 1 to 4, else the number.
std::string shown_count(long count);

// The cells of one row of a table as they may be shown: counts from 1 to 4 become "<5"; if that
// hides just one cell, the next smallest becomes "c" (it could be worked out from the row's total).
// Rates derived from a row with a hidden cell must be hidden too (`any`).
struct ShownCounts {
  std::vector<std::string> cells;
  bool any = false;
};
ShownCounts shown_counts(std::span<const long> counts);

// A shown count as JSON: a number, or the text that hides it ("<5", "c").
nlohmann::ordered_json shown_count_json(const std::string& shown);

}  // namespace waymark
