#include "assess.hpp"

#include <algorithm>
#include <bit>
#include <fmt/format.h>
#include <stdexcept>

namespace waymark::risk {

namespace {

// Inlined: it runs for every rule on every learner.
[[gnu::always_inline]] inline bool holds(const Condition& when, const FieldValue& value) {
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

FactorSet bit(std::size_t index) { return FactorSet{1} << index; }

}  // namespace

Assessor::Assessor(const Rules& rules, const Catalogue& catalogue, std::size_t max_actions)
    : rules_(rules), catalogue_(catalogue), max_actions_(max_actions), ranked_(std::size_t{1} << ranked_bits) {
  if (catalogue.risk_factors().size() > 64) throw std::logic_error("FactorSet holds at most 64 risk factors");
  std::vector<std::string_view> groups;
  for (const auto& indicator : rules.indicators) {
    auto it = std::find(groups.begin(), groups.end(), indicator.group);
    if (it == groups.end()) it = groups.insert(groups.end(), indicator.group);
    group_of_.push_back(static_cast<std::size_t>(it - groups.begin()));
    auto& positions = indicator_factors_.emplace_back();
    for (const auto& code : indicator.risk_factors) positions.push_back(*catalogue.risk_factor_index(code));
  }
  group_count_ = groups.size();
  for (std::size_t i = 0; i < field_count; ++i)
    if (rules.uses_field[i]) used_fields_.push_back(static_cast<Field>(i));
  for (const auto& action : catalogue.actions()) {
    FactorSet set = 0;
    for (const auto& code : action.risk_factors_addressed) set |= bit(*catalogue.risk_factor_index(code));
    action_factors_.push_back(set);
  }
}

// The string in `out.reasons` is reused, so steady-state scoring does not allocate.
void Assessor::add_reason(Assessment& out, std::size_t& count, std::string_view code, const Sentence& sentence,
                          const FieldValue& value) const {
  out.indicators.push_back(code);
  if (out.reasons.size() <= count) {
    out.reasons.emplace_back();
    if (!out.spare_reasons.empty()) {
      out.reasons.back().swap(out.spare_reasons.back());
      out.spare_reasons.pop_back();
    }
  }
  sentence.write(value.number, out.reasons[count++]);
}

void Assessor::assess(const Learner& learner, Assessment& out) const {
  out.score = 0;
  out.fired.clear();
  out.lifted.clear();
  out.indicators.clear();
  out.risk_factors.clear();
  out.factor_set = 0;
  out.missing.clear();

  // Of the indicators in one group, the one with the most points fires (the first on a tie).
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  auto& best = best_;
  best.assign(group_count_, none);
  const auto& indicators = rules_.indicators;
  const std::size_t indicator_count = indicators.size();  // once: the push_backs below hide that it stays the same
  for (std::size_t i = 0; i < indicator_count; ++i) {
    const auto& indicator = indicators[i];
    if (!holds(indicator.when, learner[indicator.when.field])) continue;
    auto& slot = best[group_of_[i]];
    if (slot == none || indicators[slot].points < indicator.points) slot = i;
  }
  std::size_t reasons = 0;
  FactorSet indicated = 0;
  for (std::size_t i = 0; i < indicator_count; ++i) {
    if (best[group_of_[i]] != i) continue;
    const auto& indicator = indicators[i];
    out.fired.push_back(&indicator);
    out.score += indicator.points;
    add_reason(out, reasons, indicator.code, indicator.reason, learner[indicator.when.field]);
    // Risk factors in the order the indicators name them.
    for (const auto index : indicator_factors_[i]) {
      if (!(indicated & bit(index))) out.risk_factors.push_back(catalogue_.risk_factors()[index].code);
      indicated |= bit(index);
    }
  }

  out.score_tier = out.score >= rules_.intensive_from   ? Tier::intensive
                   : out.score >= rules_.targeted_from ? Tier::targeted
                                                       : Tier::universal;
  out.tier = out.score_tier;
  for (const auto& lift : rules_.overrides) {
    const auto& value = learner[lift.when.field];
    if (!holds(lift.when, value)) continue;
    out.lifted.push_back(&lift);
    add_reason(out, reasons, lift.code, lift.reason, value);
    out.tier = std::max(out.tier, lift.tier);
  }
  // Sentences beyond this learner's go to the pool with their buffers, for the next learner.
  for (; out.reasons.size() > reasons; out.reasons.pop_back()) out.spare_reasons.push_back(std::move(out.reasons.back()));

  for (const auto index : learner.reported_factors) {
    if (!(indicated & bit(index))) out.risk_factors.push_back(catalogue_.risk_factors()[index].code);
    indicated |= bit(index);
  }
  out.factor_set = indicated;

  for (const auto field : used_fields_)
    if (!learner[field].known) out.missing.push_back(LearnerReader::column_of(field));
  recommend(out);
}

void Assessor::recommend(Assessment& out) const {
  out.actions.clear();
  out.action_ids.clear();
  if (out.factor_set == 0) return;
  auto& slot = ranked_[(out.factor_set * 0x9E3779B97F4A7C15ULL) >> (64 - ranked_bits)];  // Fibonacci hashing
  if (slot.set != out.factor_set) {
    slot.set = out.factor_set;
    rank_actions(slot.set, slot.actions);
    slot.action_ids.clear();
    for (const auto& r : slot.actions) slot.action_ids.push_back(r.action->id);
  }
  out.actions = slot.actions;
  out.action_ids = slot.action_ids;
}

// Actions whose addressed risk factors cover most of the learner's, best first; ties keep the
// catalogue's order.
void Assessor::rank_actions(FactorSet set, std::vector<Recommendation>& actions) const {
  actions.clear();
  for (std::size_t i = 0; i < action_factors_.size(); ++i) {
    const FactorSet covers = action_factors_[i] & set;
    if (covers) actions.push_back({&catalogue_.actions()[i], covers, std::popcount(covers)});
  }
  // Insertion sort: stable, and for at most 13 actions quicker than std::stable_sort's buffer.
  for (std::size_t i = 1; i < actions.size(); ++i) {
    const Recommendation moving = actions[i];
    std::size_t j = i;
    for (; j > 0 && actions[j - 1].covered < moving.covered; --j) actions[j] = actions[j - 1];
    actions[j] = moving;
  }
  if (actions.size() > max_actions_) actions.resize(max_actions_);
}

std::vector<std::string_view> Assessor::codes(FactorSet set) const {
  std::vector<std::string_view> list;
  for (std::size_t i = 0; i < catalogue_.risk_factors().size(); ++i)
    if (set & bit(i)) list.push_back(catalogue_.risk_factors()[i].code);
  return list;
}

std::string Assessor::why(const Recommendation& recommendation, const Assessment& assessment) const {
  return fmt::format("addresses {} of the learner's {} risk factors: {}", recommendation.covered, std::popcount(assessment.factor_set),
                     fmt::join(codes(recommendation.covers), ", "));
}

}  // namespace waymark::risk
