// When a plan is reviewed: every N days, weeks or months from the start, on a school day when the
// school's term dates are given.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "waymark/term_dates.hpp"

namespace waymark::plan {

struct Interval {
  int count = 6;
  char unit = 'w';  // 'd' days, 'w' weeks, 'm' months
};

// "6w", "14d", "2m"; nullopt for anything else (or a count of 0).
std::optional<Interval> parse_interval(std::string_view text);

// `date` moved on by `times` intervals; a month step from 31 January lands on the month's last day.
std::chrono::year_month_day advance(std::chrono::year_month_day date, Interval interval, int times);

// The dates of `reviews` reviews, one interval apart, the first one interval after `start`. With
// `terms`, each moves to the nearest school day after `start` (a review cannot be held in a
// holiday); a date past the last term is kept as counted.
std::vector<std::chrono::year_month_day> review_dates(std::chrono::year_month_day start, Interval every, int reviews,
                                                      const TermDates* terms = nullptr);

}  // namespace waymark::plan
