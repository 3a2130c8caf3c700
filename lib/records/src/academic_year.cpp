#include "waymark/academic_year.hpp"

#include <fmt/format.h>

namespace waymark {

using namespace std::chrono;

int academic_year_of(year_month_day date) {
  const int calendar_year = static_cast<int>(date.year());
  return date.month() >= September ? calendar_year : calendar_year - 1;
}

year_month_day academic_year_start(int year) { return {std::chrono::year{year}, September, day{1}}; }

year_month_day academic_year_end(int year) { return {std::chrono::year{year + 1}, August, day{31}}; }

std::string academic_year_name(int year) { return fmt::format("{}/{:02}", year, (year + 1) % 100); }

int academic_year_in_group(int year, int year_group, int other_group) { return year + (other_group - year_group); }

year_month_day add_years(year_month_day date, int years) {
  const year_month_day moved{date.year() + std::chrono::years{years}, date.month(), date.day()};
  if (moved.ok()) return moved;
  return year_month_day{year_month_day_last{moved.year(), month_day_last{moved.month()}}};
}

}  // namespace waymark
