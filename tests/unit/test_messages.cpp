#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "waymark/errors.hpp"
#include "waymark/messages.hpp"

using namespace waymark;
using namespace std::chrono;

TEST_CASE("Messages: dates in the language, with its month names") {
  const year_month_day date{year{2026}, September, day{14}};
  CHECK(Messages().date(date) == "14 September 2026");
  CHECK(Messages("cy").date(date) == "14 Medi 2026");
  CHECK(Messages("it").date(date) == "14 settembre 2026");
  CHECK(Messages("it").date(year_month_day{year{2027}, January, day{1}}) == "1 gennaio 2027");
}

TEST_CASE("Messages: page footers") {
  CHECK(fill_placeholders(Messages("cy").text("/page_of"), {{"page", "1"}, {"pages", "3"}}) == "tudalen 1 o 3");
  CHECK(Messages("it").format("/page_of", {{"page", "1"}, {"pages", "3"}}) == "pagina 1 di 3");
  CHECK(fill_placeholders("{unknown} {page}", {{"page", "2"}}) == "{unknown} 2");
}

TEST_CASE("Messages: a region's tag finds its language; an unknown language is English, not found") {
  const Messages welsh("cy-GB");
  CHECK(welsh.found());
  CHECK(welsh.lang() == "cy");
  const Messages spanish("es");
  CHECK_FALSE(spanish.found());
  CHECK(spanish.lang() == "en");
  CHECK(spanish.text("/page_of") == "page {page} of {pages}");
}

TEST_CASE("Messages: the shipped catalogues lack nothing English has") {
  for (const auto& lang : Messages::languages()) {
    INFO(lang);
    CHECK(Messages(lang).missing().empty());
  }
  CHECK(std::find(Messages::languages().begin(), Messages::languages().end(), "cy") != Messages::languages().end());
}

TEST_CASE("Messages: a tag that is not letters, digits and '-' is a usage error") {
  CHECK_THROWS_AS(Messages("../etc"), Error);
  CHECK_THROWS_AS(Messages(""), Error);
  CHECK_THROWS_AS(Messages("cy-"), Error);
}
