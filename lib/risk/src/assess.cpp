#include "waymark/risk/assess.hpp"

#include <algorithm>
#include <bit>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "waymark/fields.hpp"

namespace waymark::embedded {
extern const std::string_view risk_words_json;
}

namespace waymark::risk {

namespace {

FactorSet bit(std::size_t index) { return FactorSet{1} << index; }

// risk-check's own words (data/words.json) in `language`, the phrases that follow a reason in the
// reasons' language; English for whatever either lacks.
Assessor::Words words_in(const std::string& language, const std::string& reasons_language) {
  const auto doc = nlohmann::json::parse(embedded::risk_words_json);
  const auto& english = doc.at("en");
  const auto& own = doc.contains(language) ? doc.at(language) : english;
  const auto& reasons = doc.contains(reasons_language) ? doc.at(reasons_language) : english;
  const auto word = [&](const nlohmann::json& words, const std::string& pointer) {
    const nlohmann::json::json_pointer at(pointer);
    return (words.contains(at) ? words.at(at) : english.at(at)).get<std::string>();
  };
  return {
      {"", word(reasons, "/attendance_from/hours"), word(reasons, "/attendance_from/absence_pct"), word(reasons, "/attendance_from/days")},
      word(own, "/specific_to"),
      word(own, "/addresses")};
}

// `pattern` with each {name} replaced by its value (an unknown name stays as written).
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string text;
  while (!pattern.empty()) {
    const auto open = pattern.find('{');
    text.append(pattern.substr(0, open));
    if (open == std::string_view::npos) break;
    pattern.remove_prefix(open);
    const auto it = std::find_if(values.begin(), values.end(), [&](const auto& value) {
      return pattern.size() > value.first.size() + 1 && pattern.substr(1, value.first.size()) == value.first &&
             pattern[value.first.size() + 1] == '}';
    });
    if (it == values.end()) {
      text.push_back('{');
      pattern.remove_prefix(1);
      continue;
    }
    text.append(it->second);
    pattern.remove_prefix(it->first.size() + 2);
  }
  return text;
}

// `phrase` with {absent} and {total} filled in (with `decimal_mark`), appended to `out`.
void append_phrase(const std::string& phrase, double absent, double total, std::string& out, char decimal_mark) {
  std::string_view rest = phrase;
  while (!rest.empty()) {
    const auto open = rest.find('{');
    out.append(rest.substr(0, open));
    if (open == std::string_view::npos) return;
    rest.remove_prefix(open);
    const auto from = out.size();
    if (rest.starts_with("{absent}"))
      append_number(out, absent, 2), rest.remove_prefix(8);
    else if (rest.starts_with("{total}"))
      append_number(out, total, 2), rest.remove_prefix(7);
    else
      out.push_back('{'), rest.remove_prefix(1);
    if (decimal_mark != '.') std::replace(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), '.', decimal_mark);
  }
}

}  // namespace

Assessor::Assessor(const Rules& rules, const Catalogue& catalogue, std::size_t max_actions)
    : rules_(rules), catalogue_(catalogue), max_actions_(max_actions), words_(words_in(rules.language, rules.reasons_language)) {
  if (catalogue.risk_factors().size() > 64) throw std::logic_error("FactorSet holds at most 64 risk factors");
  if (catalogue.actions().size() > 15) throw std::logic_error("recommend's `specific` holds action positions in four bits");
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
    if (indicators[i].context) context_mask_ |= bit(i);
    auto& specific = indicator_actions_.emplace_back();
    for (const auto& id : indicators[i].actions)
      specific.push_back(static_cast<std::size_t>(catalogue.find_action(id) - catalogue.actions().data()));
  }
  for (const auto& lift : rules.overrides)
    override_tests_.push_back({static_cast<std::size_t>(lift.when.field), lift.when.low, lift.when.high});
  for (std::size_t i = 0; i < rules.field_total(); ++i)
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
  out.context_unscored.clear();
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
  // Context counts only beside an indicator of need that scores: who a learner is never flags them.
  int need = 0;
  for (auto rest = fired & ~context_mask_; rest; rest &= rest - 1)
    need += rules_.indicators[static_cast<std::size_t>(std::countr_zero(rest))].points;
  if (need <= 0) {
    for (auto rest = fired & context_mask_; rest; rest &= rest - 1)
      out.context_unscored.push_back(&rules_.indicators[static_cast<std::size_t>(std::countr_zero(rest))]);
    fired &= ~context_mask_;
  }
  int score = 0;
  // The specific actions of the fired indicators, in the rules' order, each once (recommend).
  std::uint64_t specific = 0;
  unsigned specific_count = 0, specific_seen = 0;
  FactorSet indicated = 0;
  // Risk factors in the order the indicators name them, then the reported ones; each once.
  const auto add_factor = [&](std::size_t index) {
    if (!(indicated & bit(index))) out.risk_factors.push_back(catalogue_.risk_factors()[index].code);
    indicated |= bit(index);
  };
  int context = 0;
  for (; fired; fired &= fired - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(fired));
    const auto& indicator = rules_.indicators[i];
    out.fired.push_back(&indicator);
    out.indicators.push_back(indicator.code);
    (indicator.context ? context : score) += indicator.points;
    if ((indicator_factors_[i] & ~indicated) != 0)
      for (const auto index : indicator_factor_order_[i]) add_factor(index);
    for (const auto action : indicator_actions_[i]) {
      if (specific_seen & (1u << action)) continue;
      specific_seen |= 1u << action;
      specific |= std::uint64_t{action + 1} << (4 * specific_count++);
    }
  }
  // Needs alone decide whether support goes beyond universal; context can then weigh towards
  // intensive support, never lift a learner out of universal support.
  out.need_score = score;
  out.score = score + std::min(context, rules_.context_max);
  out.score_tier = score < rules_.targeted_from ? Tier::universal : out.score >= rules_.intensive_from ? Tier::intensive : Tier::targeted;
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
    if (!learner.known(field)) out.missing.push_back(rules_.name_of(field));
  recommend(specific, out);
}

// One sentence per fired indicator, then per lifting override. The strings are reassigned, not
// replaced, so a reused Assessment keeps their memory.
void Assessor::add_reasons(const Learner& learner, Assessment& out) const {
  out.reasons.resize(out.fired.size() + out.lifted.size());
  auto reason = out.reasons.begin();
  const auto write = [&](const Sentence& sentence, double value) {
    reason->clear();
    sentence.append(value, *reason++, rules_.decimal_mark);
  };
  // A reason about attendance worked out from absence says from what.
  const auto derived = [&](Field field) {
    if (field != Field::attendance || learner.attendance_from == Learner::AttendanceFrom::read) return;
    append_phrase(words_.attendance_from[static_cast<std::size_t>(learner.attendance_from)], learner.absent, learner.out_of, *(reason - 1),
                  rules_.decimal_mark);
  };
  for (const auto* indicator : out.fired) {
    write(indicator->reason, learner[indicator->when.field] * indicator->when.shown);
    derived(indicator->when.field);
  }
  for (const auto* lift : out.lifted) {
    write(lift->reason, learner[lift->when.field] * lift->when.shown);
    derived(lift->when.field);
  }
}

// First the actions specific to the indicators that fired, in the order the rules list those
// indicators; then the others whose addressed risk factors cover most of the learner's, ties in
// the catalogue's order. A broad action that touches many factors thus never hides the one made
// for the need at hand (a suspension: Action 9).
void Assessor::recommend(std::uint64_t specific, Assessment& out) const {
  const FactorSet set = out.factor_set;
  auto& actions = out.actions;
  actions.clear();
  unsigned named = 0;
  for (; specific; specific >>= 4) {
    const auto i = static_cast<std::size_t>((specific & 0xF) - 1);
    const FactorSet covers = action_factors_[i] & set;
    actions.push_back({&catalogue_.actions()[i], covers, std::popcount(covers), true});
    named |= 1u << i;
  }
  const std::size_t first_broad = actions.size();
  for (std::size_t i = 0; i < action_factors_.size(); ++i) {
    const FactorSet covers = action_factors_[i] & set;
    if (covers && !(named & (1u << i))) actions.push_back({&catalogue_.actions()[i], covers, std::popcount(covers), false});
  }
  // Insertion sort: stable, and for at most 13 actions quicker than std::stable_sort's buffer.
  for (std::size_t i = first_broad + 1; i < actions.size(); ++i) {
    const Recommendation moving = actions[i];
    std::size_t j = i;
    for (; j > first_broad && actions[j - 1].covered < moving.covered; --j) actions[j] = actions[j - 1];
    actions[j] = moving;
  }
  if (actions.size() > max_actions_) actions.resize(max_actions_);
  out.action_ids.clear();
  for (const auto& r : actions) out.action_ids.push_back(r.action->id);
}

std::vector<std::string_view> Assessor::codes(FactorSet set) const {
  std::vector<std::string_view> list;
  for (std::size_t i = 0; i < catalogue_.risk_factors().size(); ++i)
    if (set & bit(i)) list.push_back(catalogue_.risk_factors()[i].code);
  return list;
}

std::string Assessor::why(const Recommendation& recommendation, const Assessment& assessment) const {
  std::string text;
  if (recommendation.specific) {
    const auto action = static_cast<std::size_t>(recommendation.action - catalogue_.actions().data());
    std::vector<std::string_view> named_by;
    for (const auto* indicator : assessment.fired) {
      const auto& named = indicator_actions_[static_cast<std::size_t>(indicator - rules_.indicators.data())];
      if (std::find(named.begin(), named.end(), action) != named.end()) named_by.push_back(indicator->code);
    }
    text = fill(words_.specific_to, {{"indicators", fmt::format("{}", fmt::join(named_by, ", "))}});
    if (recommendation.covered == 0) return text;
    text += "; ";
  }
  return text + fill(words_.addresses, {{"covered", std::to_string(recommendation.covered)},
                                        {"total", std::to_string(std::popcount(assessment.factor_set))},
                                        {"codes", fmt::format("{}", fmt::join(codes(recommendation.covers), ", "))}});
}

std::string_view Assessor::title(const Recommendation& recommendation) const {
  const auto at = static_cast<std::size_t>(recommendation.action - catalogue_.actions().data());
  return at < rules_.action_titles.size() && !rules_.action_titles[at].empty() ? std::string_view(rules_.action_titles[at])
                                                                               : std::string_view(recommendation.action->title);
}

}  // namespace waymark::risk
