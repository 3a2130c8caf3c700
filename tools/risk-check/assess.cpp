#include "assess.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace waymark::risk {

namespace {

bool holds(const Condition& when, const FieldValue& value) {
  if (!value.known) return false;
  switch (when.test) {
    case Test::below: return value.number < when.number;
    case Test::at_most: return value.number <= when.number;
    case Test::at_least: return value.number >= when.number;
    case Test::equals: return value.text == when.category;
    case Test::is_true: return value.flag;
  }
  return false;
}

// Fills a rule's sentence: {value} is the learner's value, {s} pluralises ("1 time", "2 times").
std::string with_value(const std::string& sentence, const FieldValue& value) {
  std::string text = sentence;
  if (const auto at = text.find("{value}"); at != std::string::npos) text.replace(at, 7, format_number(value.number, 2));
  if (const auto at = text.find("{s}"); at != std::string::npos) text.replace(at, 3, value.number == 1 ? "" : "s");
  return text;
}

void add_unique(std::vector<std::string>& list, std::string_view item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.emplace_back(item);
}

}  // namespace

std::vector<std::string> Assessment::indicator_codes() const {
  std::vector<std::string> codes;
  for (const auto& f : fired) codes.push_back(f.rule->code);
  for (const auto& o : overrides) codes.push_back(o.rule->code);
  return codes;
}

std::vector<std::string> Assessment::reasons() const {
  std::vector<std::string> sentences;
  for (const auto& f : fired) sentences.push_back(f.reason);
  for (const auto& o : overrides) sentences.push_back(o.reason);
  return sentences;
}

std::vector<std::string> Assessment::action_ids() const {
  std::vector<std::string> ids;
  for (const auto& r : actions) ids.push_back(r.action->id);
  return ids;
}

Assessor::Assessor(const Rules& rules, const Catalogue& catalogue, std::size_t max_actions)
    : rules_(rules), catalogue_(catalogue), max_actions_(max_actions) {}

void Assessor::assess(const Learner& learner, Assessment& out) const {
  out.score = 0;
  out.fired.clear();
  out.overrides.clear();
  out.risk_factors.clear();
  out.missing.clear();

  // Of the indicators in one group, the one with the most points fires.
  for (const auto& indicator : rules_.indicators) {
    const auto& value = learner[indicator.when.field];
    if (!holds(indicator.when, value)) continue;
    auto same_group = std::find_if(out.fired.begin(), out.fired.end(),
                                   [&](const FiredIndicator& f) { return f.rule->group == indicator.group; });
    if (same_group != out.fired.end()) {
      if (same_group->rule->points >= indicator.points) continue;
      out.score -= same_group->rule->points;
      out.fired.erase(same_group);
    }
    out.score += indicator.points;
    out.fired.push_back({&indicator, with_value(indicator.reason, value)});
  }

  out.score_tier = out.score >= rules_.intensive_from   ? Tier::intensive
                   : out.score >= rules_.targeted_from ? Tier::targeted
                                                       : Tier::universal;
  out.tier = out.score_tier;
  for (const auto& lift : rules_.overrides) {
    const auto& value = learner[lift.when.field];
    if (!holds(lift.when, value)) continue;
    out.overrides.push_back({&lift, with_value(lift.reason, value)});
    out.tier = std::max(out.tier, lift.tier);
  }

  for (const auto& f : out.fired)
    for (const auto& code : f.rule->risk_factors) add_unique(out.risk_factors, code);
  for (const auto code : learner.reported_factors) add_unique(out.risk_factors, code);

  for (std::size_t i = 0; i < field_count; ++i) {
    if (rules_.uses_field[i] && !learner.fields[i].known) out.missing.emplace_back(LearnerReader::column_of(static_cast<Field>(i)));
  }
  recommend(out);
}

// Actions whose addressed risk factors cover most of the learner's, best first; ties keep the
// catalogue's order.
void Assessor::recommend(Assessment& out) const {
  out.actions.clear();
  if (out.risk_factors.empty()) return;
  for (const auto& action : catalogue_.actions()) {
    Recommendation r{&action, {}};
    for (const auto& code : out.risk_factors) {
      if (std::find(action.risk_factors_addressed.begin(), action.risk_factors_addressed.end(), code) !=
          action.risk_factors_addressed.end())
        r.covers.push_back(code);
    }
    if (!r.covers.empty()) out.actions.push_back(std::move(r));
  }
  std::stable_sort(out.actions.begin(), out.actions.end(),
                   [](const Recommendation& a, const Recommendation& b) { return a.covers.size() > b.covers.size(); });
  if (out.actions.size() > max_actions_) out.actions.resize(max_actions_);
}

std::string why_recommended(const Recommendation& recommendation, std::size_t learner_factors) {
  return fmt::format("addresses {} of the learner's {} risk factors: {}", recommendation.covers.size(), learner_factors,
                     fmt::join(recommendation.covers, ", "));
}

}  // namespace waymark::risk
