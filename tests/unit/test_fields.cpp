// Typed values from record text (waymark/fields.hpp): empty is unknown, anything else must parse.
#include "waymark/fields.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <random>

#include "helpers.hpp"

namespace {

using Catch::Matchers::Contains;
using namespace std::chrono;
using waymark::DateOrder;

// The message of the FieldError that parsing `text` throws ("" if it throws none).
template <typename Parse>
std::string field_error_message(Parse parse, std::string_view text) {
  const auto error = test::field_error_from([&] { parse(text); });
  return error ? error->what() : "";
}

std::string date_error(std::string_view text, DateOrder order = DateOrder::iso) {
  return field_error_message([order](std::string_view t) { waymark::parse_date(t, order); }, text);
}

// ---------------------------------------------------------------------------------------------

TEST_CASE("trim removes spaces and tabs at both ends only", "[fields]") {
  CHECK(waymark::trim("  a b\t") == "a b");
  CHECK(waymark::trim("\t\t") == "");
  CHECK(waymark::trim("") == "");
  CHECK(waymark::trim("x") == "x");
  CHECK(waymark::trim("\nx\n") == "\nx\n");
}

TEST_CASE("parse_bool accepts true/false, yes/no, y/n and 1/0 in any case", "[fields][bool]") {
  for (const char* text : {"true", "TRUE", "True", "tRuE", "yes", "YES", "Yes", "y", "Y", "1", " yes ", "\ttrue"}) {
    INFO(text);
    CHECK(waymark::parse_bool(text) == true);
  }
  for (const char* text : {"false", "FALSE", "False", "no", "NO", "No", "n", "N", "0", " no\t"}) {
    INFO(text);
    CHECK(waymark::parse_bool(text) == false);
  }
}

TEST_CASE("parse_bool: empty is unknown, anything else is an error", "[fields][bool]") {
  CHECK_FALSE(waymark::parse_bool(""));
  CHECK_FALSE(waymark::parse_bool("   "));
  for (const char* text : {"maybe", "2", "9", "yess", "on", "off", "-1", "ye s", "tru", "N0", "nox", "fals3"}) {
    INFO(text);
    CHECK_THROWS_AS(waymark::parse_bool(text), waymark::FieldError);
  }
  const auto error = test::field_error_from([] { waymark::parse_bool("maybe"); });
  REQUIRE(error);
  CHECK_THAT(error->what(), Contains("yes/no"));
  CHECK_THAT(error->expected(), Contains("true/false") && Contains("empty if unknown"));
}

TEST_CASE("parse_count reads whole numbers of 0 or more", "[fields][count]") {
  CHECK(waymark::parse_count("0") == 0L);
  CHECK(waymark::parse_count("12") == 12L);
  CHECK(waymark::parse_count(" 007 ") == 7L);
  CHECK(waymark::parse_count("9223372036854775807") == 9223372036854775807L);
  CHECK_FALSE(waymark::parse_count(""));
  CHECK_FALSE(waymark::parse_count(" \t"));
}

TEST_CASE("parse_count rejects what is not a count, naming the character", "[fields][count]") {
  const auto count_error = [](std::string_view text) { return field_error_message(waymark::parse_count, text); };
  CHECK_THAT(count_error("12a"), Contains("at character 3"));
  CHECK_THAT(count_error("3.5"), Contains("at character 2"));
  CHECK_THAT(count_error("-3"), Contains("at character 1"));
  CHECK_THAT(count_error("+3"), Contains("at character 1"));
  CHECK_THAT(count_error("abc"), Contains("at character 1"));
  CHECK_THAT(count_error("1 2"), Contains("at character 2"));
  CHECK_THAT(count_error("99999999999999999999"), Contains("too large"));
  const auto error = test::field_error_from([] { waymark::parse_count("x"); });
  REQUIRE(error);
  CHECK(error->expected() == "a whole number of 0 or more");
}

TEST_CASE("parse_number reads decimal numbers, a decimal comma included", "[fields][number]") {
  CHECK(waymark::parse_number("12").value() == Approx(12));
  CHECK(waymark::parse_number("84.5").value() == Approx(84.5));
  CHECK(waymark::parse_number("-3.25").value() == Approx(-3.25));
  CHECK(waymark::parse_number(" 0.5 ").value() == Approx(0.5));
  CHECK(waymark::parse_number("1e3").value() == Approx(1000));
  CHECK(waymark::parse_number("88,5").value() == Approx(88.5));  // from a European spreadsheet
  CHECK_FALSE(waymark::parse_number(""));
  CHECK_FALSE(waymark::parse_number("  "));
}

TEST_CASE("parse_number rejects what is not a number, naming the character", "[fields][number]") {
  const auto number_error = [](std::string_view text) { return field_error_message(waymark::parse_number, text); };
  CHECK_THAT(number_error("12x"), Contains("at character 3"));
  CHECK_THAT(number_error("abc"), Contains("at character 1"));
  CHECK_THAT(number_error("1.2.3"), Contains("at character 4"));
  CHECK_THAT(number_error("1,234.5"), Contains("at character 2"));  // thousands separators are not read
  CHECK_THAT(number_error("1,2,3"), Contains("at character 2"));
  CHECK_THAT(number_error("84.5%"), Contains("at character 5"));
  CHECK_FALSE(number_error("inf").empty());
  CHECK_FALSE(number_error("nan").empty());
  const auto error = test::field_error_from([] { waymark::parse_number("x"); });
  REQUIRE(error);
  CHECK_THAT(error->expected(), Contains("a number"));
}

// Regression test for a fixed bug. "nan" is rejected (good) but the message
// points one past the end of the value ("at character 4" of a 3-character value) because the
// position is taken from where std::from_chars stopped, which is the end for "nan" and "inf".
TEST_CASE("parse_number names a character inside the value for nan and inf", "[fields][number]") {
  const auto number_error = [](std::string_view text) { return field_error_message(waymark::parse_number, text); };
  CHECK_THAT(number_error("nan"), Contains("at character 1"));
  CHECK_THAT(number_error("inf"), Contains("at character 1"));
}

TEST_CASE("parse_percent reads 0 to 100 with or without '%'", "[fields][percent]") {
  CHECK(waymark::parse_percent("84.2%").value() == Approx(84.2));
  CHECK(waymark::parse_percent("84.2 %").value() == Approx(84.2));
  CHECK(waymark::parse_percent("90").value() == Approx(90));
  CHECK(waymark::parse_percent("0").value() == Approx(0));
  CHECK(waymark::parse_percent("100%").value() == Approx(100));
  CHECK(waymark::parse_percent("88,5%").value() == Approx(88.5));
  CHECK_FALSE(waymark::parse_percent(""));
}

TEST_CASE("parse_percent rejects values out of range and what is not a number", "[fields][percent]") {
  for (const char* text : {"140", "-3", "100.1", "-0.5%", "140%"}) {
    INFO(text);
    CHECK_THROWS_AS(waymark::parse_percent(text), waymark::FieldError);
    CHECK_THAT(field_error_message(waymark::parse_percent, text), Contains("out of range"));
  }
  CHECK_THROWS_AS(waymark::parse_percent("%"), waymark::FieldError);
  CHECK_THROWS_AS(waymark::parse_percent("high"), waymark::FieldError);
  CHECK_THROWS_AS(waymark::parse_percent("50%%"), waymark::FieldError);
  const auto error = test::field_error_from([] { waymark::parse_percent("140"); });
  REQUIRE(error);
  CHECK(error->expected() == "a percentage from 0 to 100");
}

TEST_CASE("parse_date reads ISO 8601 dates", "[fields][date]") {
  CHECK(waymark::parse_date("2026-09-07") == year_month_day{year{2026}, month{9}, day{7}});
  CHECK(waymark::parse_date(" 2024-02-29 ") == year_month_day{year{2024}, month{2}, day{29}});
  CHECK(waymark::parse_date("2026-12-31", DateOrder::iso) == year_month_day{year{2026}, month{12}, day{31}});
  CHECK_FALSE(waymark::parse_date(""));
  CHECK_FALSE(waymark::parse_date("  ", DateOrder::dmy));
}

TEST_CASE("parse_date rejects dates that are not real or not ISO, naming the character", "[fields][date]") {
  CHECK_THAT(date_error("2026-02-30"), Contains("day out of range") && Contains("at character 9"));
  CHECK_THAT(date_error("2025-02-29"), Contains("day out of range") && Contains("at character 9"));
  CHECK_THAT(date_error("2026-04-31"), Contains("at character 9"));
  CHECK_THAT(date_error("2026-13-01"), Contains("month out of range") && Contains("at character 6"));
  CHECK_THAT(date_error("2026-00-10"), Contains("month out of range") && Contains("at character 6"));
  CHECK_THAT(date_error("2026-01-00"), Contains("at character 9"));
  CHECK_THAT(date_error("26-09-07"), Contains("at character 3"));
  CHECK_THAT(date_error("2026-9-7"), Contains("at character 7"));
  CHECK_THAT(date_error("2026-09-7"), Contains("at character 10"));
  CHECK_THAT(date_error("2026/09/07"), Contains("separator") && Contains("at character 5"));
  CHECK_THAT(date_error("2026-09-07T10"), Contains("at character 11"));  // a time needs its minutes
  CHECK_THAT(date_error("2026-09-07 lunch"), Contains("at character 11"));
  CHECK_THAT(date_error("07/09/2026"), Contains("at character 3"));  // not ISO, and dmy was not asked for
  CHECK_THAT(date_error("next week"), Contains("at character 1"));
  const auto error = test::field_error_from([] { waymark::parse_date("07/09/2026"); });
  REQUIRE(error);
  CHECK_THAT(error->expected(), Contains("2026-09-07") && Contains("dmy"));
}

TEST_CASE("parse_date with DateOrder::dmy reads UK spreadsheet dates and ISO", "[fields][date]") {
  const year_month_day september_7{year{2026}, month{9}, day{7}};
  for (const char* text : {"07/09/2026", "7/9/2026", "07.09.2026", "7.9.2026", "07-09-2026", "2026-09-07", " 7/09/2026 "}) {
    INFO(text);
    CHECK(waymark::parse_date(text, DateOrder::dmy) == september_7);
  }
  CHECK(waymark::parse_date("31/12/2026", DateOrder::dmy) == year_month_day{year{2026}, month{12}, day{31}});
  CHECK(waymark::parse_date("1/10/2026", DateOrder::dmy) == year_month_day{year{2026}, month{10}, day{1}});
  CHECK(waymark::parse_date("10/1/2026", DateOrder::dmy) == year_month_day{year{2026}, month{1}, day{10}});
}

TEST_CASE("parse_date with DateOrder::dmy rejects impossible and partial dates", "[fields][date]") {
  CHECK_THAT(date_error("31/02/2026", DateOrder::dmy), Contains("day out of range") && Contains("at character 1"));
  CHECK_THAT(date_error("07/13/2026", DateOrder::dmy), Contains("month out of range") && Contains("at character 4"));
  CHECK_THAT(date_error("07/09/26", DateOrder::dmy), Contains("a two-digit year") && Contains("at character 7"));
  CHECK_THAT(date_error("07092026", DateOrder::dmy), Contains("separator") && Contains("at character 3"));
  CHECK_THAT(date_error("2026-9-7", DateOrder::dmy), Contains("at character 7"));
  CHECK(date_error(" 07/09/2026\t", DateOrder::dmy).empty());  // spaces around are trimmed
}

// Regression test for a fixed bug. parse_date takes any value whose fifth
// character is '-' to be ISO, so a dmy date with '-' separators and a one-digit day or month in
// the right place ("1-10-2026", "10-1-2026") is read as ISO and rejected, though "1/10/2026",
// "1.10.2026" and "07-09-2026" are accepted.
TEST_CASE("parse_date with DateOrder::dmy reads '-'-separated dates with one-digit parts", "[fields][date]") {
  CHECK(waymark::parse_date("1-10-2026", DateOrder::dmy) == year_month_day{year{2026}, month{10}, day{1}});
  CHECK(waymark::parse_date("10-1-2026", DateOrder::dmy) == year_month_day{year{2026}, month{1}, day{10}});
}

TEST_CASE("parse_date with a time of day after the date, as spreadsheets write it, leaves the time out", "[fields][date]") {
  const year_month_day march_12{year{2011}, month{3}, day{12}};
  for (const char* text :
       {"2011-03-12T00:00:00", "2011-03-12 00:00", "2011-03-12T08:30:15.250Z", "12/03/2011 00:00:00", "12/03/2011 0:00"}) {
    INFO(text);
    CHECK(waymark::parse_date(text, DateOrder::dmy) == march_12);
  }
  CHECK_THAT(date_error("12/03/2011 00:00:00:00", DateOrder::dmy), Contains("unexpected text"));
  CHECK_THAT(date_error("12/03/2011 noon", DateOrder::dmy), Contains("unexpected text"));
}

TEST_CASE("parse_date with DateOrder::mdy reads US dates, month first", "[fields][date]") {
  CHECK(waymark::parse_date("03/12/2011", DateOrder::mdy) == year_month_day{year{2011}, month{3}, day{12}});
  CHECK(waymark::parse_date("2011-03-12", DateOrder::mdy) == year_month_day{year{2011}, month{3}, day{12}});
  CHECK_THAT(date_error("13/03/2011", DateOrder::mdy), Contains("month out of range") && Contains("at character 1"));
}

TEST_CASE("parse_bool reads T/F as spreadsheets abbreviate TRUE/FALSE", "[fields][bool]") {
  CHECK(waymark::parse_bool("T") == true);
  CHECK(waymark::parse_bool("f") == false);
  CHECK(waymark::parse_bool("TRUE") == true);
}

TEST_CASE("parse_date_order names the three orders", "[fields][date]") {
  CHECK(waymark::parse_date_order("iso") == DateOrder::iso);
  CHECK(waymark::parse_date_order("dmy") == DateOrder::dmy);
  CHECK(waymark::parse_date_order("mdy") == DateOrder::mdy);
  CHECK_FALSE(waymark::parse_date_order("ISO"));
}

TEST_CASE("split_list trims items and drops empty ones", "[fields][list]") {
  using Items = std::vector<std::string_view>;
  CHECK(waymark::split_list("a;b;c") == Items{"a", "b", "c"});
  CHECK(waymark::split_list(" a ; b\t;c ") == Items{"a", "b", "c"});
  CHECK(waymark::split_list("a;;b; ;") == Items{"a", "b"});
  CHECK(waymark::split_list(";a") == Items{"a"});
  CHECK(waymark::split_list("") == Items{});
  CHECK(waymark::split_list(" ; ; ") == Items{});
  CHECK(waymark::split_list("one item") == Items{"one item"});
  CHECK(waymark::split_list("a|b|c d", '|') == Items{"a", "b", "c d"});
  CHECK(waymark::split_list("a;b", '|') == Items{"a;b"});
}

TEST_CASE("format_number writes at most the given decimals and no trailing zeros", "[fields][format]") {
  CHECK(waymark::format_number(84.2) == "84.2");
  CHECK(waymark::format_number(90) == "90");
  CHECK(waymark::format_number(0.5) == "0.5");
  CHECK(waymark::format_number(90.0, 2) == "90");
  CHECK(waymark::format_number(84.25, 2) == "84.25");
  CHECK(waymark::format_number(84.20, 2) == "84.2");
  CHECK(waymark::format_number(84.26) == "84.3");
  CHECK(waymark::format_number(2.0 / 3.0, 3) == "0.667");
  CHECK(waymark::format_number(100) == "100");
  CHECK(waymark::format_number(120, 0) == "120");  // no decimal point: the zeros stay
  CHECK(waymark::format_number(0) == "0");
  CHECK(waymark::format_number(-3.5) == "-3.5");
}

// Regression test for a fixed bug. A small negative value rounds to "-0".
TEST_CASE("format_number does not write negative zero", "[fields][format]") {
  CHECK(waymark::format_number(-0.04) == "0");
  CHECK(waymark::format_number(-0.0) == "0");
}

// format_number writes short decimals from their digits, and parse_percent reads them without
// from_chars; both must give exactly what the general conversions give.
TEST_CASE("format_number agrees with std::to_chars's rounding, short decimals or not", "[fields][format]") {
  const auto reference = [](double value, int decimals) {
    std::array<char, 128> digits{};
    const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value, std::chars_format::fixed, decimals);
    std::string text(digits.data(), written.ptr);
    if (text.find('.') != std::string::npos) {
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
    }
    return text == "-0" ? std::string("0") : text;
  };
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> any(-1e7, 1e7);
  std::vector<double> values;
  for (int k = -2000; k <= 200000; ++k) values.push_back(k / 1000.0);  // every value to three places
  for (int k = 0; k < 100000; ++k) values.push_back(any(random));      // and values with many places
  values.insert(values.end(), {0.125, 0.375, 2.5, 1e12 + 0.5, 1e15, -0.0005, 0.0049999999});
  std::size_t disagreements = 0;
  for (const double value : values)
    for (int decimals = 0; decimals <= 4; ++decimals)
      if (waymark::format_number(value, decimals) != reference(value, decimals)) {
        if (++disagreements <= 5) UNSCOPED_INFO(value << " to " << decimals << " places: " << waymark::format_number(value, decimals));
      }
  CHECK(disagreements == 0);
}

TEST_CASE("parse_percent reads short decimals exactly as std::from_chars does", "[fields][percent]") {
  std::size_t disagreements = 0;
  for (int whole = 0; whole <= 100; ++whole)
    for (int fraction = 0; fraction < 1000; ++fraction)
      for (const int width : {1, 2, 3}) {
        if (whole == 100 && fraction > 0) continue;
        const auto text = std::to_string(whole) + "." + fmt::format("{:0{}}", fraction % static_cast<int>(std::pow(10, width)), width);
        double expected = 0;
        std::from_chars(text.data(), text.data() + text.size(), expected);
        if (waymark::parse_percent(text) != expected && ++disagreements <= 5) UNSCOPED_INFO(text);
      }
  CHECK(disagreements == 0);
  CHECK(waymark::parse_percent("88,5") == 88.5);
  CHECK(waymark::parse_percent("100") == 100.0);
  CHECK(field_error_message(waymark::parse_percent, "1.2.3") == "not a number: unexpected text at character 4");
}

TEST_CASE("format_date writes ISO 8601", "[fields][format][date]") {
  CHECK(waymark::format_date(year_month_day{year{2026}, month{9}, day{7}}) == "2026-09-07");
  CHECK(waymark::format_date(year_month_day{year{999}, month{12}, day{31}}) == "0999-12-31");
  const auto parsed = waymark::parse_date("07/09/2026", DateOrder::dmy);
  REQUIRE(parsed);
  CHECK(waymark::format_date(*parsed) == "2026-09-07");
}

}  // namespace
