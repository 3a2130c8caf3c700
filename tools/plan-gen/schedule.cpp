#include "schedule.hpp"

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

std::vector<std::chrono::year_month_day> review_dates(std::chrono::year_month_day start, Interval every, int reviews) {
  std::vector<std::chrono::year_month_day> dates;
  for (int i = 1; i <= reviews; ++i) dates.push_back(advance(start, every, i));
  return dates;
}

}  // namespace waymark::plan
