// When a plan's reviews fall (waymark/plan/schedule.hpp).
#include <catch2/catch.hpp>
#include <chrono>

#include "waymark/plan/schedule.hpp"

using namespace std::chrono;
using waymark::plan::Interval;

TEST_CASE("Review intervals are read as days, weeks or months", "[plan]") {
  const auto six_weeks = waymark::plan::parse_interval("6w");
  REQUIRE(six_weeks);
  CHECK(six_weeks->count == 6);
  CHECK(six_weeks->unit == 'w');
  CHECK(waymark::plan::parse_interval("14d")->unit == 'd');
  CHECK(waymark::plan::parse_interval("2m")->count == 2);
  CHECK_FALSE(waymark::plan::parse_interval("0w"));
  CHECK_FALSE(waymark::plan::parse_interval("six weeks"));
  CHECK_FALSE(waymark::plan::parse_interval("6y"));
  CHECK_FALSE(waymark::plan::parse_interval(""));
}

TEST_CASE("Reviews are one interval apart, the first one interval after the start", "[plan]") {
  const year_month_day start{year{2026}, September, day{7}};
  const auto dates = waymark::plan::review_dates(start, Interval{6, 'w'}, 3);
  REQUIRE(dates.size() == 3);
  CHECK(dates[0] == year_month_day{year{2026}, October, day{19}});
  CHECK(dates[1] == year_month_day{year{2026}, November, day{30}});
  CHECK(dates[2] == year_month_day{year{2027}, January, day{11}});
}

TEST_CASE("A month from 31 January is the last day of February", "[plan]") {
  const year_month_day end_of_january{year{2027}, January, day{31}};
  CHECK(waymark::plan::advance(end_of_january, Interval{1, 'm'}, 1) == year_month_day{year{2027}, February, day{28}});
  CHECK(waymark::plan::advance(end_of_january, Interval{1, 'm'}, 2) == year_month_day{year{2027}, March, day{31}});
}
