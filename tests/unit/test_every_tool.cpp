// What every tool does the same way, written once: --id (lib/cli), a date given as an option's
// value, and small counts shown as official statistics show them (lib/records).
#include <cstdlib>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "waymark/learners_chosen.hpp"
#include "waymark/small_counts.hpp"

using waymark::ErrorKind;

TEST_CASE("--id keeps the learners asked for and refuses one the input does not have", "[cli]") {
  waymark::Tool tool("demo-tool", "A tool for the test");
  waymark::LearnersChosen chosen;
  chosen.add_option(tool, "plans", "an id the learner records do not have");
  CHECK(tool.app().get_option("--id")->get_description() ==
        "Only these learners' plans, e.g. --id T001,T007, without warnings about the others\n"
        "(an id the learner records do not have is an error)");
  tool.app().parse("--id T9,T2,T7", false);
  CHECK_FALSE(chosen.everyone());
  CHECK(chosen.wanted("T2"));
  CHECK_FALSE(chosen.wanted("T3"));
  CHECK(chosen.take("T7"));
  CHECK_FALSE(chosen.take("T3"));
  // The first id not met, in sorted order, whatever order they were given in.
  const auto missing =
      test::error_from([&] { chosen.check_found("learners.csv", "no learner with this id", "expected an id in the learner records"); });
  REQUIRE(missing);
  CHECK(missing->kind() == ErrorKind::bad_data);
  CHECK(std::string(missing->what()) == "learners.csv: --id T2: no learner with this id (expected an id in the learner records)");
  CHECK(chosen.take("T2"));
  CHECK(chosen.take("T9"));
  CHECK_NOTHROW(chosen.check_found("learners.csv", "no learner with this id", "expected an id"));
}

TEST_CASE("without --id every learner is wanted and none is missing", "[cli]") {
  waymark::Tool tool("demo-tool", "A tool for the test");
  waymark::LearnersChosen chosen;
  chosen.add_option(tool, "packs", "an id with no move");
  tool.app().parse("", false);
  CHECK(chosen.everyone());
  CHECK(chosen.wanted("anyone"));
  CHECK(chosen.take("anyone"));
  CHECK_NOTHROW(chosen.check_found("moves.csv", "no move for this learner", "expected the id of a learner who moves"));
}

TEST_CASE("a date option is read in the date format, refused naming the option, and today when not given", "[cli]") {
  using namespace std::chrono;
  CHECK(waymark::option_date("--as-of", "15/07/2026", waymark::DateOrder::dmy) == year_month_day{year{2026}, July, day{15}});
  const auto bad = test::error_from([] { waymark::option_date("--start", "2026-13-01", waymark::DateOrder::dmy); });
  REQUIRE(bad);
  CHECK(bad->kind() == ErrorKind::usage);
  CHECK(std::string(bad->what()).starts_with("--start: "));
  // A blank value (an unset variable in quotes) is refused, never read as some day.
  const auto blank = test::error_from([] { waymark::option_date("--move-date", "  ", waymark::DateOrder::dmy); });
  REQUIRE(blank);
  CHECK(blank->kind() == ErrorKind::usage);
  CHECK(std::string(blank->what()) == "--move-date: the date is empty (an ISO 8601 date such as 2026-07-15)");
  ::setenv("SOURCE_DATE_EPOCH", "1784073600", 1);  // 2026-07-15T00:00:00Z
  CHECK(waymark::option_date_or_today("--as-of", "", waymark::DateOrder::dmy) == year_month_day{year{2026}, July, day{15}});
  CHECK(waymark::option_date_or_today("--as-of", "2027-01-31", waymark::DateOrder::dmy) == year_month_day{year{2027}, January, day{31}});
  ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("counts of 1 to 4 are hidden, and the next smallest when one alone would give it away", "[privacy]") {
  CHECK(waymark::shown_count(0) == "0");
  CHECK(waymark::shown_count(1) == "<5");
  CHECK(waymark::shown_count(4) == "<5");
  CHECK(waymark::shown_count(5) == "5");
  CHECK_FALSE(waymark::hidden_count(0));
  CHECK(waymark::hidden_count(waymark::smallest_shown_count - 1));
  CHECK_FALSE(waymark::hidden_count(waymark::smallest_shown_count));

  const std::vector<long> one_small{3, 20, 10};
  const auto shown = waymark::shown_counts(one_small);
  CHECK(shown.cells == std::vector<std::string>{"<5", "20", "c"});
  CHECK(shown.any);
  const std::vector<long> two_small{3, 4, 10};
  CHECK(waymark::shown_counts(two_small).cells == std::vector<std::string>{"<5", "<5", "10"});
  const std::vector<long> none_small{0, 5, 10};
  const auto all_shown = waymark::shown_counts(none_small);
  CHECK(all_shown.cells == std::vector<std::string>{"0", "5", "10"});
  CHECK_FALSE(all_shown.any);
  CHECK(waymark::shown_count_json("<5") == "<5");
  CHECK(waymark::shown_count_json("12") == 12);
}
