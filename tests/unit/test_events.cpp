// --events: the school's dated events read with its own headings, and counted by type in a window
// of days up to --as-of.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.hpp"
#include "waymark/risk/events.hpp"

using namespace waymark;
using namespace waymark::risk;

namespace {

support::Day day(int y, unsigned m, unsigned d) {
  return support::day_of(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}});
}

}  // namespace

TEST_CASE("an events file with a school's headings is read and counted by type and window", "[events]") {
  test::TempDir dir;
  support::LogOptions options;
  options.input = test::input_options(dir.write("log.csv",
                                                "UPN,Incident Date,Incident Type,Sessions Missed\n"
                                                "L3,23/10/2026,Removal,1\n"
                                                "L3,04/11/2026,removal,1\n"
                                                "L3,04/12/2026,Internal Exclusion,2\n"
                                                "L5,15/10/2026,internal_exclusion,\n"));
  auto log = EventLog::read(options);
  CHECK(log.size() == 4);
  CHECK(log.type_count() == 2);  // "Removal" and "removal" are one type, as are the exclusions
  const auto removal = log.type_of("removal");
  const auto internal = log.type_of("internal_exclusion");
  REQUIRE(removal);
  REQUIRE(internal);
  CHECK(log.type_label(*removal) == "Removal");  // as first written
  CHECK_FALSE(log.type_of("managed_move"));
  const auto l3 = log.of("L3");
  CHECK(l3.size() == 3);
  const auto as_of = day(2026, 12, 4);
  // Within 42 days up to 4 December: from 24 October, so 23 October is out and 4 November in.
  CHECK(EventLog::count(l3, *removal, as_of - 42 + 1, as_of) == 1);
  CHECK(EventLog::count(l3, *removal, as_of - 43 + 1, as_of) == 2);
  CHECK(EventLog::count(l3, *internal, as_of, as_of) == 1);
  CHECK(EventLog::count(l3, *internal, as_of - 10, as_of - 1) == 0);
  CHECK(log.of("L4").empty());
  std::vector<std::string> warnings;
  log.warn_unknown_learners([&](const std::string& w) { warnings.push_back(w); }, "spring.csv");
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("1 event names no learner of spring.csv"));
}

TEST_CASE("an events file without an id column, or with a bad date, is refused", "[events]") {
  test::TempDir dir;
  support::LogOptions options;
  options.input = test::input_options(dir.write("no-id.csv", "Incident Date,Incident Type\n04/12/2026,Removal\n"));
  const auto no_id = test::error_from([&] { EventLog::read(options); });
  REQUIRE(no_id);
  CHECK(no_id->kind() == ErrorKind::bad_data);
  CHECK_THAT(no_id->what(), Catch::Contains("columns id, date and type"));

  options.input = test::input_options(dir.write("bad-date.csv", "UPN,Incident Date,Incident Type\nL1,31/02/2026,Removal\n"));
  const auto bad = test::error_from([&] { EventLog::read(options); });
  REQUIRE(bad);
  CHECK(bad->kind() == ErrorKind::bad_data);
  // One bad value is the run's error itself, named by line and the school's heading.
  CHECK_THAT(bad->what(), Catch::Contains("bad-date.csv:2: column 'Incident Date' (date): not a date"));
}

TEST_CASE("an id guarded against formulas in an events file is the learner's own id, either way round", "[events]") {
  // Events and support are matched to learners by one key, so risk-check's own CSV output
  // ('-rf) given back as the learners' file finds the rows the school typed (-rf), and the other way.
  test::TempDir dir;
  support::LogOptions options;
  options.input = test::input_options(dir.write("log.csv", "id,date,type\n'-rf,04/12/2026,removal\n=1+1,04/12/2026,removal\n"));
  auto log = EventLog::read(options);
  CHECK(log.of("-rf").size() == 1);
  CHECK(log.of("'=1+1").size() == 1);
  CHECK(log.of("'abc").empty());
}
