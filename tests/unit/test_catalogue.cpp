// The action catalogue and risk-factor taxonomy (waymark/catalogue.hpp), as compiled in from
// lib/catalogue/data/catalogue.json, and Catalogue::parse of other text.
#include "waymark/catalogue.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <set>

namespace {

using waymark::Catalogue;

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

TEST_CASE("The built-in catalogue has the 13 actions A01..A13, numbered 1..13 in order", "[catalogue]") {
  const auto& actions = Catalogue::builtin().actions();
  REQUIRE(actions.size() == 13);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    CHECK(actions[i].number == number);
    CHECK(actions[i].id == fmt::format("A{:02}", number));
  }
  CHECK(&Catalogue::builtin() == &Catalogue::builtin());  // built once
}

TEST_CASE("Every built-in action has the seed template's fields filled in", "[catalogue]") {
  const auto& catalogue = Catalogue::builtin();
  for (const auto& action : catalogue.actions()) {
    INFO(action.id << " " << action.title);
    CHECK_FALSE(action.title.empty());
    CHECK_FALSE(action.aim.empty());
    CHECK_FALSE(action.type_of_strategy.empty());
    CHECK_FALSE(action.cost.empty());
    CHECK_FALSE(action.level.empty());
    for (const auto& field : {action.aim, action.type_of_strategy, action.cost, action.level}) {
      for (const auto& item : field) CHECK_FALSE(item.empty());
    }
    REQUIRE_FALSE(action.risk_factors_addressed.empty());
    for (const auto& code : action.risk_factors_addressed) {
      INFO(code);
      CHECK(catalogue.find_risk_factor(code) != nullptr);
    }
    const std::set<std::string> unique(action.risk_factors_addressed.begin(), action.risk_factors_addressed.end());
    CHECK(unique.size() == action.risk_factors_addressed.size());
  }
}

TEST_CASE("Built-in risk-factor codes are unique and read category.name", "[catalogue]") {
  const auto& factors = Catalogue::builtin().risk_factors();
  REQUIRE_FALSE(factors.empty());
  const std::set<std::string> categories{"personal", "family", "social", "institutional", "structural"};
  std::set<std::string> codes;
  std::set<std::string> seen_categories;
  for (const auto& factor : factors) {
    INFO(factor.code);
    CHECK(codes.insert(factor.code).second);
    const auto dot = factor.code.find('.');
    REQUIRE(dot != std::string::npos);
    const std::string category = factor.code.substr(0, dot);
    const std::string name = factor.code.substr(dot + 1);
    CHECK(categories.count(category) == 1);
    CHECK(factor.category == category);
    CHECK_FALSE(name.empty());
    CHECK(std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }));
    CHECK_FALSE(factor.label.empty());
    seen_categories.insert(category);
  }
  CHECK(seen_categories == categories);  // every category has at least one factor
}

TEST_CASE("The risk factors the tools rely on exist", "[catalogue]") {
  const auto& catalogue = Catalogue::builtin();
  for (const char* code : {"personal.low_motivation", "institutional.absenteeism_exclusion", "structural.lack_of_continuity",
                           "personal.irregular_transitions"}) {
    INFO(code);
    const auto* factor = catalogue.find_risk_factor(code);
    REQUIRE(factor != nullptr);
    CHECK(factor->code == code);
  }
  CHECK(catalogue.find_risk_factor("personal.no_such_factor") == nullptr);
  CHECK(catalogue.find_risk_factor("") == nullptr);
}

TEST_CASE("Built-in actions address the risk factors the seed gives them", "[catalogue]") {
  const auto& catalogue = Catalogue::builtin();
  const auto* a01 = catalogue.find_action("A01");
  REQUIRE(a01 != nullptr);
  CHECK(contains(a01->risk_factors_addressed, "personal.low_motivation"));
  const auto* a11 = catalogue.find_action("A11");
  REQUIRE(a11 != nullptr);
  CHECK(a11->number == 11);
  CHECK(contains(a11->risk_factors_addressed, "structural.lack_of_continuity"));
  CHECK(contains(a11->risk_factors_addressed, "personal.irregular_transitions"));
  CHECK(catalogue.find_action("A14") == nullptr);
  CHECK(catalogue.find_action("a01") == nullptr);
}

TEST_CASE("risk_factor_index gives a factor's position in risk_factors()", "[catalogue]") {
  const auto& catalogue = Catalogue::builtin();
  const auto& factors = catalogue.risk_factors();
  for (std::size_t i = 0; i < factors.size(); ++i) CHECK(catalogue.risk_factor_index(factors[i].code) == i);
  CHECK_FALSE(catalogue.risk_factor_index("personal.no_such_factor"));
}

constexpr const char* minimal_catalogue = R"({
  "risk_factors": [
    {"code": "personal.low_motivation", "category": "personal", "label": "Low motivation"},
    {"code": "family.low_family_support", "category": "family", "label": "Low family support"}
  ],
  "actions": [
    {"id": "A01", "number": 1, "title": "Mentoring", "aim": ["Raise motivation"],
     "type_of_strategy": ["Preventive"], "cost": ["Low"], "level": ["School"],
     "possible_activities": [{"name": "Check-ins", "text": "Weekly."}],
     "risk_factors_addressed": ["personal.low_motivation", "family.low_family_support"]}
  ]
})";

TEST_CASE("Catalogue::parse reads a catalogue; fields it leaves out are empty", "[catalogue]") {
  const auto catalogue = Catalogue::parse(minimal_catalogue);
  REQUIRE(catalogue.actions().size() == 1);
  REQUIRE(catalogue.risk_factors().size() == 2);
  const auto& action = catalogue.actions()[0];
  CHECK(action.id == "A01");
  CHECK(action.title == "Mentoring");
  CHECK(action.aim == std::vector<std::string>{"Raise motivation"});
  CHECK(action.risk_factors_addressed == std::vector<std::string>{"personal.low_motivation", "family.low_family_support"});
  REQUIRE(action.possible_activities.size() == 1);
  CHECK(action.possible_activities[0].name == "Check-ins");
  CHECK(action.possible_activities[0].text == "Weekly.");
  CHECK(action.description.empty());
  CHECK(action.agents.empty());
  CHECK(catalogue.risk_factors()[1].label == "Low family support");
}

TEST_CASE("Catalogue::parse rejects an action addressing an unknown risk factor", "[catalogue][errors]") {
  std::string text = minimal_catalogue;
  const std::string known = "\"family.low_family_support\"]";
  text.replace(text.find(known), known.size(), "\"family.no_such_factor\"]");
  CHECK_THROWS_AS(Catalogue::parse(text), std::runtime_error);
  CHECK_THROWS_WITH(Catalogue::parse(text), Catch::Matchers::Contains("A01") && Catch::Matchers::Contains("family.no_such_factor"));
}

// Regression test for a fixed bug. The header says parse "throws
// std::runtime_error if it does not hold together", but text that is not JSON, or lacks a required
// key, escapes as nlohmann::json's own exceptions, which derive from std::exception only.
TEST_CASE("Catalogue::parse throws std::runtime_error for malformed text", "[catalogue][errors]") {
  CHECK_THROWS_AS(Catalogue::parse("{ not json"), std::runtime_error);
  CHECK_THROWS_AS(Catalogue::parse(R"({"risk_factors": []})"), std::runtime_error);
}

}  // namespace
