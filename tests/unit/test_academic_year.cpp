// Academic years (waymark/academic_year.hpp): 1 September to 31 August, year groups move up together.
#include "waymark/academic_year.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace std::chrono;

TEST_CASE("an academic year runs from 1 September to 31 August", "[academic_year]") {
  CHECK(waymark::academic_year_of(2026y / August / 31d) == 2025);
  CHECK(waymark::academic_year_of(2026y / September / 1d) == 2026);
  CHECK(waymark::academic_year_of(2027y / January / 1d) == 2026);
  CHECK(waymark::academic_year_start(2025) == 2025y / September / 1d);
  CHECK(waymark::academic_year_end(2025) == 2026y / August / 31d);
}

TEST_CASE("academic years are named as schools write them", "[academic_year]") {
  CHECK(waymark::academic_year_name(2025) == "2025/26");
  CHECK(waymark::academic_year_name(1999) == "1999/00");
}

TEST_CASE("a pupil's year group moves up one a year", "[academic_year]") {
  CHECK(waymark::academic_year_in_group(2025, 9, 11) == 2027);
  CHECK(waymark::academic_year_in_group(2025, 13, 7) == 2019);
  CHECK(waymark::academic_year_in_group(2025, 11, 11) == 2025);
  // "By 16" for a Year 10 pupil in 2025/26 is the end of 2026/27.
  CHECK(waymark::academic_year_end(waymark::academic_year_in_group(2025, 10, 11)) == 2027y / August / 31d);
}

TEST_CASE("adding years keeps the day, and 29 February falls back to the 28th", "[academic_year]") {
  CHECK(waymark::add_years(2025y / July / 18d, 3) == 2028y / July / 18d);
  CHECK(waymark::add_years(2024y / February / 29d, 1) == 2025y / February / 28d);
  CHECK(waymark::add_years(2024y / February / 29d, 4) == 2028y / February / 29d);
}

}  // namespace
