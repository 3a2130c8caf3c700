// The Orienta4YEL action catalogue (13 actions) and its risk-factor taxonomy, compiled in from
// lib/catalogue/data/catalogue.json, which is extracted from seeds/001_8ced12d3cd2ead64.txt.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

struct RiskFactor {
  std::string code;      // "personal.low_motivation": category, dot, name; stable
  std::string category;  // personal, family, social, institutional, structural
  std::string label;     // the seed's wording
};

struct Activity {
  std::string name;
  std::string text;
};

// One action with every field of the seed's template.
struct Action {
  std::string id;  // "A01"
  int number = 0;
  std::string title;
  std::vector<std::string> aim;
  std::string description;
  std::string development;
  std::vector<Activity> possible_activities;
  std::vector<std::string> resources;
  std::vector<std::string> other_considerations;
  std::vector<std::string> type_of_strategy;
  std::vector<std::string> risk_factors_addressed;  // risk-factor codes
  std::vector<std::string> level;
  std::vector<std::string> beneficiaries;
  std::vector<std::string> agents;
  std::vector<std::string> timeline;
  std::vector<std::string> form_of_delivery;
  std::vector<std::string> cost;
};

class Catalogue {
 public:
  // The catalogue compiled into the library.
  static const Catalogue& builtin();
  // Parses catalogue JSON; throws std::runtime_error if it does not hold together.
  static Catalogue parse(std::string_view json_text);

  const std::vector<Action>& actions() const { return actions_; }
  const std::vector<RiskFactor>& risk_factors() const { return risk_factors_; }
  const RiskFactor* find_risk_factor(std::string_view code) const;
  // Position of `code` in risk_factors(), if it is there.
  std::optional<std::size_t> risk_factor_index(std::string_view code) const;
  const Action* find_action(std::string_view id) const;

 private:
  static Catalogue parse_document(const nlohmann::json& doc);
  std::vector<Action> actions_;
  std::vector<RiskFactor> risk_factors_;
};

}  // namespace waymark
