#include "assess.hpp"

#include <algorithm>
#include <bit>
#include <fmt/format.h>
#include <stdexcept>

namespace waymark::risk {

namespace {

FactorSet bit(std::size_t index) { return FactorSet{1} << index; }

}  // namespace

Assessor::Assessor(const Rules& rules, const Catalogue& catalogue, std::size_t max_actions)
    : rules_(rules), catalogue_(catalogue), max_actions_(max_actions), ranked_(std::size_t{1} << ranked_bits) {
  if (catalogue.risk_factors().size() > 64) throw std::logic_error("FactorSet holds at most 64 risk factors");
  if (rules.indicators.size() > max_rules || rules.overrides.size() > max_rules) throw std::logic_error("rules are bit sets of 64");
  const auto& indicators = rules.indicators;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const auto& when = indicators[i].when;
    indicator_tests_.push_back({static_cast<std::size_t>(when.field), when.low, when.high});
    std::uint64_t outranked_by = 0;
    for (std::size_t j = 0; j < indicators.size(); ++j) {
      const bool outranks = indicators[j].points > indicators[i].points || (indicators[j].points == indicators[i].points && j < i);
      if (j != i && indicators[j].group == indicators[i].group && outranks) outranked_by |= bit(j);
    }
    outranked_by_.push_back(outranked_by);
    auto& order = indicator_factor_order_.emplace_back();
    FactorSet set = 0;
    for (const auto& code : indicators[i].risk_factors) {
      order.push_back(*catalogue.risk_factor_index(code));
      set |= bit(order.back());
    }
    indicator_factors_.push_back(set);
  }
  for (const auto& lift : rules.overrides) override_tests_.push_back({static_cast<std::size_t>(lift.when.field), lift.when.low, lift.when.high});
  for (std::size_t i = 0; i < field_count; ++i)
    if (rules.uses_field[i]) used_fields_.push_back(static_cast<Field>(i));
  for (const auto& action : catalogue.actions()) {
    FactorSet set = 0;
    for (const auto& code : action.risk_factors_addressed) set |= bit(*catalogue.risk_factor_index(code));
    action_factors_.push_back(set);
  }
}

// Without a branch per rule: which rules hold varies from learner to learner, so branches on it
// would be mispredicted often.
std::uint64_t Assessor::holding(const std::vector<RangeTest>& tests, const Learner& learner) {
  std::uint64_t holds = 0;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const auto& test = tests[i];
    const double value = learner.values[test.field];
    holds |= static_cast<std::uint64_t>((test.low <= value) & (value < test.high)) << i;
  }
  return holds;
}

void Assessor::assess(const Learner& learner, Assessment& out) const {
  out.fired.clear();
  out.lifted.clear();
  out.indicators.clear();
  out.risk_factors.clear();
  out.missing.clear();

  // Of the indicators in one group that hold, the one with the most points fires (the first on a tie).
  const std::uint64_t holds = holding(indicator_tests_, learner);
  std::uint64_t fired = holds;
  for (auto rest = holds; rest; rest &= rest - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(rest));
    fired &= ~(std::uint64_t{(holds & outranked_by_[i]) != 0} << i);
  }
  int score = 0;
  FactorSet indicated = 0;
  // Risk factors in the order the indicators name them, then the reported ones; each once.
  const auto add_factor = [&](std::size_t index) {
    if (!(indicated & bit(index))) out.risk_factors.push_back(catalogue_.risk_factors()[index].code);
    indicated |= bit(index);
  };
  for (; fired; fired &= fired - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(fired));
    const auto& indicator = rules_.indicators[i];
    out.fired.push_back(&indicator);
    out.indicators.push_back(indicator.code);
    score += indicator.points;
    if ((indicator_factors_[i] & ~indicated) != 0)
      for (const auto index : indicator_factor_order_[i]) add_factor(index);
  }
  out.score = score;
  out.score_tier = score >= rules_.intensive_from   ? Tier::intensive
                   : score >= rules_.targeted_from ? Tier::targeted
                                                   : Tier::universal;
  out.tier = out.score_tier;
  for (auto lifted = holding(override_tests_, learner); lifted; lifted &= lifted - 1) {
    const auto& lift = rules_.overrides[static_cast<std::size_t>(std::countr_zero(lifted))];
    out.lifted.push_back(&lift);
    out.indicators.push_back(lift.code);
    out.tier = std::max(out.tier, lift.tier);
  }
  add_reasons(learner, out);

  for (const auto index : learner.reported_factors) add_factor(index);
  out.factor_set = indicated;

  for (const auto field : used_fields_)
    if (!learner.known(field)) out.missing.push_back(LearnerReader::column_of(field));
  recommend(out);
}

// One sentence per fired indicator, then per lifting override. Those with a place for the
// learner's value are written into `filled` first and viewed after, since `filled` may move while
// it grows.
void Assessor::add_reasons(const Learner& learner, Assessment& out) const {
  const auto each_sentence = [&](auto&& use) {
    for (const auto* indicator : out.fired) use(indicator->reason, learner[indicator->when.field]);
    for (const auto* lift : out.lifted) use(lift->reason, learner[lift->when.field]);
  };
  out.filled.clear();
  filled_ends_.clear();
  each_sentence([&](const Sentence& sentence, double value) {
    if (sentence.fixed()) return;
    sentence.append(value, out.filled);
    filled_ends_.push_back(out.filled.size());
  });
  out.reasons.clear();
  std::size_t start = 0;
  auto end = filled_ends_.begin();
  each_sentence([&](const Sentence& sentence, double) {
    if (const auto fixed = sentence.fixed()) {
      out.reasons.push_back(*fixed);
      return;
    }
    out.reasons.push_back(std::string_view(out.filled).substr(start, *end - start));
    start = *end++;
  });
}

void Assessor::recommend(Assessment& out) const {
  out.actions = {};
  out.action_ids = {};
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
