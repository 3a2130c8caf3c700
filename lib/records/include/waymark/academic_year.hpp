// School years in England: an academic year runs from 1 September to 31 August and is named by the
// calendar year it starts in (2025 is 2025/26). Year groups move up one each September.
#pragma once

#include <chrono>
#include <string>

namespace waymark {

// The academic year a date falls in: 2026-08-31 is in 2025, 2026-09-01 in 2026.
int academic_year_of(std::chrono::year_month_day date);

// 1 September of `year`, and 31 August of `year + 1`.
std::chrono::year_month_day academic_year_start(int year);
std::chrono::year_month_day academic_year_end(int year);

// "2025/26".
std::string academic_year_name(int year);

// The academic year in which a pupil who is in `year_group` during academic year `year` is (or was,
// or will be) in `other_group`: a Year 9 pupil in 2025 is in Year 11 in 2027.
int academic_year_in_group(int year, int year_group, int other_group);

// `years` calendar years after `date`; 29 February becomes 28 February in a year that has none.
std::chrono::year_month_day add_years(std::chrono::year_month_day date, int years);

}  // namespace waymark
