#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "waymark/catalogue.hpp"
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

// The young person's own plan: every action in words written to them, in each language, with at
// most six things to do, each tagged only with risk factors the catalogue has, and none of the
// toolkit's labels.
TEST_CASE("Messages: every action has the young person's words, in every language", "[plan]") {
  const auto& catalogue = Catalogue::builtin();
  const Messages in_english;
  const auto& english = in_english.catalogue()["plan-gen"]["young_person_actions"];
  const std::vector<std::string> labels{"at risk",     "NEET",        "Early Leaving", "early leaving", "drop-out",   "dropout",
                                        "risk factor", "mewn perygl", "a rischio",     "abbandono",     "dispersione"};
  for (const auto& lang : Messages::languages()) {
    const Messages messages(lang);
    const auto& words = messages.catalogue()["plan-gen"]["young_person_actions"];
    for (const auto& action : catalogue.actions()) {
      INFO(lang << " " << action.id);
      REQUIRE(words.contains(action.id));
      const auto& activities = words[action.id]["activities"];
      CHECK(activities.size() <= 6);
      CHECK(activities.size() == english[action.id]["activities"].size());
      std::string text = words[action.id]["title"].get<std::string>() + " " + words[action.id]["about"].get<std::string>();
      for (const auto& activity : activities)
        text += " " + (activity.is_string() ? activity.get<std::string>() : activity["text"].get<std::string>());
      for (const auto& label : labels) CHECK(text.find(label) == std::string::npos);
    }
  }
  for (const auto& action : catalogue.actions())
    for (const auto& activity : english[action.id]["activities"])
      for (const auto& code : activity["for"]) CHECK(catalogue.find_risk_factor(code.get<std::string>()) != nullptr);
}
