#include "waymark/catalogue.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace waymark {

namespace embedded {
extern const std::string_view catalogue_json;
}

namespace {

std::vector<std::string> strings(const nlohmann::json& object, const char* key) { return object.value(key, std::vector<std::string>{}); }

}  // namespace

Catalogue Catalogue::parse(std::string_view json_text) {
  try {
    return parse_document(nlohmann::json::parse(json_text));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("catalogue: ") + e.what());
  }
}

Catalogue Catalogue::parse_document(const nlohmann::json& doc) {
  Catalogue catalogue;
  for (const auto& item : doc.at("risk_factors")) {
    catalogue.risk_factors_.push_back(
        {item.at("code").get<std::string>(), item.at("category").get<std::string>(), item.at("label").get<std::string>()});
  }
  for (const auto& item : doc.at("actions")) {
    Action action;
    action.id = item.at("id").get<std::string>();
    action.number = item.at("number").get<int>();
    action.title = item.at("title").get<std::string>();
    action.aim = strings(item, "aim");
    action.description = item.value("description", "");
    action.development = item.value("development", "");
    for (const auto& activity : item.value("possible_activities", nlohmann::json::array())) {
      action.possible_activities.push_back({activity.at("name").get<std::string>(), activity.at("text").get<std::string>()});
    }
    action.resources = strings(item, "resources");
    action.other_considerations = strings(item, "other_considerations");
    action.type_of_strategy = strings(item, "type_of_strategy");
    action.risk_factors_addressed = strings(item, "risk_factors_addressed");
    action.level = strings(item, "level");
    action.beneficiaries = strings(item, "beneficiaries");
    action.agents = strings(item, "agents");
    action.timeline = strings(item, "timeline");
    action.form_of_delivery = strings(item, "form_of_delivery");
    action.cost = strings(item, "cost");
    for (const auto& code : action.risk_factors_addressed) {
      if (!catalogue.find_risk_factor(code)) {
        throw std::runtime_error("catalogue: action " + action.id + " addresses unknown risk factor " + code);
      }
    }
    catalogue.actions_.push_back(std::move(action));
  }
  return catalogue;
}

const Catalogue& Catalogue::builtin() {
  static const Catalogue catalogue = parse(embedded::catalogue_json);
  return catalogue;
}

const RiskFactor* Catalogue::find_risk_factor(std::string_view code) const {
  const auto it = std::find_if(risk_factors_.begin(), risk_factors_.end(), [&](const auto& f) { return f.code == code; });
  return it == risk_factors_.end() ? nullptr : &*it;
}

std::optional<std::size_t> Catalogue::risk_factor_index(std::string_view code) const {
  const RiskFactor* factor = find_risk_factor(code);
  if (!factor) return std::nullopt;
  return static_cast<std::size_t>(factor - risk_factors_.data());
}

const Action* Catalogue::find_action(std::string_view id) const {
  const auto it = std::find_if(actions_.begin(), actions_.end(), [&](const auto& a) { return a.id == id; });
  return it == actions_.end() ? nullptr : &*it;
}

}  // namespace waymark
