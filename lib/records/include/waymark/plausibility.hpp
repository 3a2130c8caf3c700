// Values that parse but cannot be what the school meant, found by looking at a whole column: a
// spreadsheet keeps a percentage as a fraction (0.974 shows as 97.4%), and a row pasted without
// its format, or a column saved as numbers, reads as 0.974%.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "waymark/records.hpp"

namespace waymark {

// The values of one percentage column (attendance_pct), as each record is read; `check` at the
// end of the input. A value written with '%' is taken as written, and 0 means the same either
// way; any other value from 0 to 1 is a fraction when the column's other values are above 1.
class PercentScale {
 public:
  // `text`: the value as written (trimmed, not empty); `value`: the percentage read from it.
  void add(std::string_view text, double value, long line) {
    if (value > 1) {
      ++above_one_;
      return;
    }
    if (value > 0 && text.back() != '%') {
      if (lines_.size() < max_named) lines_.push_back(line);
      ++fractions_;
    }
  }
  // Throws Error(data) naming the column of `reader` and every line holding a fraction where
  // other values are above 1, or saying that every value is a fraction (five or more, none above 1).
  void check(const RecordReader& reader, std::string_view field) const;

 private:
  static constexpr std::size_t max_named = 1000;  // lines named in one message; the rest counted
  long above_one_ = 0;
  long fractions_ = 0;
  std::vector<long> lines_;
};

}  // namespace waymark
