// School calendars (waymark/term_dates.hpp): school days are weekdays inside a term; dates move
// to the nearest one before or after; the file is checked row by row.
#include "waymark/term_dates.hpp"

#include "helpers.hpp"

namespace {

using namespace std::chrono;
using waymark::TermDates;

// Autumn 2027 in two half-terms with half-term week (25 to 29 October) between them.
TermDates autumn() { return TermDates({{2027y / September / 2d, 2027y / October / 22d}, {2027y / November / 1d, 2027y / December / 17d}}); }

TEST_CASE("school days are the weekdays inside a term", "[term_dates]") {
  const auto terms = autumn();
  CHECK(terms.is_school_day(2027y / September / 2d));        // a Thursday, the first day
  CHECK_FALSE(terms.is_school_day(2027y / September / 4d));  // a Saturday
  CHECK_FALSE(terms.is_school_day(2027y / October / 27d));   // half-term
  CHECK_FALSE(terms.is_school_day(2027y / August / 31d));    // summer holiday
  CHECK(terms.is_school_day(2027y / December / 17d));
}

TEST_CASE("a date in a holiday moves to the last school day before it or the first after it", "[term_dates]") {
  const auto terms = autumn();
  CHECK(terms.on_or_before(2027y / October / 27d) == 2027y / October / 22d);
  CHECK(terms.on_or_after(2027y / October / 27d) == 2027y / November / 1d);
  // A weekend inside a term moves to the Friday before or the Monday after.
  CHECK(terms.on_or_before(2027y / September / 12d) == 2027y / September / 10d);
  CHECK(terms.on_or_after(2027y / September / 11d) == 2027y / September / 13d);
  // A school day stays where it is.
  CHECK(terms.on_or_before(2027y / November / 3d) == 2027y / November / 3d);
  CHECK(terms.on_or_after(2027y / November / 3d) == 2027y / November / 3d);
}

TEST_CASE("dates beyond the calendar have no school day", "[term_dates]") {
  const auto terms = autumn();
  CHECK_FALSE(terms.on_or_before(2027y / September / 1d).has_value());
  CHECK_FALSE(terms.on_or_after(2027y / December / 18d).has_value());
  CHECK(terms.on_or_before(2028y / January / 5d) == 2027y / December / 17d);
  CHECK(terms.on_or_after(2027y / July / 20d) == 2027y / September / 2d);
}

TEST_CASE("a term file is read with its start and end columns, other columns ignored", "[term_dates]") {
  test::TempDir dir;
  const auto file = dir.write("terms.csv", "name,start,end\nSpring 2,2028-02-21,2028-03-31\nAutumn 1,2027-09-02,2027-10-22\n");
  const auto terms = TermDates::load(file.string());
  REQUIRE(terms.terms().size() == 2);
  CHECK(terms.terms().front().start == 2027y / September / 2d);  // sorted by start
  CHECK(terms.on_or_after(2027y / October / 23d) == 2028y / February / 21d);
}

TEST_CASE("a bad term file is refused with the line and column at fault", "[term_dates]") {
  test::TempDir dir;
  const auto message = [&](const std::string& content) {
    try {
      TermDates::load(dir.write("terms.csv", content).string());
    } catch (const waymark::Error& e) {
      CHECK(e.kind() == waymark::ErrorKind::bad_data);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("start,end\n2027-09-02,2027-10-32\n"), Catch::Contains("terms.csv:2: column 'end'"));
  CHECK_THAT(message("start,end\n2027-09-02,\n"), Catch::Contains("the date is empty"));
  CHECK_THAT(message("start,end\n2027-10-22,2027-09-02\n"), Catch::Contains("the term ends before it starts"));
  CHECK_THAT(message("start,end\n2027-09-02,2027-10-22\n2027-10-20,2027-12-17\n"),
             Catch::Contains("terms.csv:3: column 'start': this term overlaps the one on line 2"));
  CHECK_THAT(message("start,end\n"), Catch::Contains("there are no terms"));
  CHECK_THAT(message("begin,finish\n2027-09-02,2027-10-22\n"), Catch::Contains("column 'start'"));
}

}  // namespace
