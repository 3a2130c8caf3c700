#include "waymark/plan/schedule.hpp"

#include <charconv>

namespace waymark::plan {

std::optional<Interval> parse_interval(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  Interval interval;
  interval.unit = text.back();
  if (interval.unit != 'd' && interval.unit != 'w' && interval.unit != 'm') return std::nullopt;
  const auto digits = text.substr(0, text.size() - 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), interval.count);
  if (error != std::errc{} || end != digits.data() + digits.size() || interval.count <= 0 || interval.count > 520) return std::nullopt;
  return interval;
}

std::chrono::year_month_day advance(std::chrono::year_month_day date, Interval interval, int times) {
  using namespace std::chrono;
  const int steps = interval.count * times;
  if (interval.unit == 'm') {
    const year_month_day moved = date + months(steps);
    return moved.ok() ? moved : year_month_day(moved.year() / moved.month() / last);
  }
  return year_month_day(sys_days(date) + days(interval.unit == 'w' ? 7 * steps : steps));
}

std::vector<std::chrono::year_month_day> review_dates(std::chrono::year_month_day start, Interval every, int reviews,
                                                      const TermDates* terms) {
  std::vector<std::chrono::year_month_day> dates;
  for (int i = 1; i <= reviews; ++i) {
    const auto due = advance(start, every, i);
    if (terms == nullptr) {
      dates.push_back(due);
      continue;
    }
    // The nearest school day, so reviews keep their spacing across a holiday: the last day of
    // term before a summer-holiday date rather than September. A tie goes to the later day; a
    // day before the start is not a candidate, nor is anything past the last term.
    const auto before = terms->on_or_before(due);
    const auto after = terms->on_or_after(due);
    const auto distance = [&](std::chrono::year_month_day day) {
      return std::chrono::abs(std::chrono::sys_days(day) - std::chrono::sys_days(due));
    };
    if (!after) {
      dates.push_back(due);
    } else if (before && *before > start && distance(*before) < distance(*after)) {
      dates.push_back(*before);
    } else {
      dates.push_back(*after);
    }
  }
  return dates;
}

}  // namespace waymark::plan
