// Where the table starts, the same in every format a spreadsheet saves (CSV in any encoding,
// .xlsx): reports from school systems put a title, a print date or blank rows above the header
// row, and a school's staff add their own. Implemented in records.cpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "waymark/records.hpp"

namespace waymark {

// A reader offers the first rows of the file, each with how many of its cells hold something,
// until `offer` says the header row is known; `header` then says which one it is. The header row
// is the first whose filled cells are at least half of the widest row's (and two or more, unless
// the table has one column): a title or a date above it fills one or two cells, the header one
// per column.
class HeaderSearch {
 public:
  // How many rows are looked at; the header row is among them.
  static constexpr std::size_t window = 10;

  // The next row: its line (or row number), how many cells hold something other than spaces,
  // and how many cells it has. True once the header row is known: the reader stops offering.
  // A first row that fills every one of two or more cells is the header at once (no title
  // fills a whole row), so a file that starts with its headings is read as it comes, a pipe
  // included; otherwise up to `window` rows are looked at.
  bool offer(long line, std::size_t filled, std::size_t width) {
    const bool first = std::all_of(rows_.begin(), rows_.end(), [](const auto& row) { return row.second == 0; });
    rows_.emplace_back(line, filled);
    if (first && filled >= 2 && filled == width) {
      found_ = rows_.size() - 1;
      return true;
    }
    return rows_.size() >= window;
  }
  // The index among the offered rows of the header row; nullopt if no row holds anything.
  std::optional<std::size_t> header() const;
  // Names in a warning each row above the header row that held something (a title, a date),
  // passed over; blank rows are passed over silently.
  void note_passed_over(const std::string& source, const MessageSink& warn) const;

 private:
  std::vector<std::pair<long, std::size_t>> rows_;
  std::optional<std::size_t> found_;  // decided by the first row
};

// How many of `values` hold something other than spaces and tabs.
template <class Values>
std::size_t filled_cells(const Values& values) {
  std::size_t filled = 0;
  for (const auto& value : values) {
    for (const char c : value) {
      if (c != ' ' && c != '\t') {
        ++filled;
        break;
      }
    }
  }
  return filled;
}

}  // namespace waymark
