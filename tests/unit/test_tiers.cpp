// Scoring and tiering, worked out by hand for each learner below against the shipped rules
// (lib/risk/data/rules.json: targeted from 3 points of need, intensive from 8, context adds at
// most 1 and only beside a need; of one group the indicator with most points fires), then against
// small rules of the test's own for the context cap and ties.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/risk/assess.hpp"

using namespace waymark::risk;

namespace {

const waymark::Catalogue& catalogue() { return waymark::Catalogue::builtin(); }

const Rules& shipped() {
  static const Rules rules = Rules::builtin(catalogue());
  return rules;
}

// A learner whose every field is unknown but those given.
Learner learner(std::initializer_list<std::pair<Field, double>> known) {
  Learner l;
  l.id = "L1";
  for (const auto& [field, value] : known) l.values[static_cast<std::size_t>(field)] = value;
  return l;
}

Assessment assess(const Rules& rules, const Learner& l) {
  const Assessor assessor(rules, catalogue(), 3);
  Assessment out;
  assessor.assess(l, out);
  return out;
}

std::vector<std::string> strings(const std::vector<std::string_view>& views) { return {views.begin(), views.end()}; }

constexpr double yes = 1, no = 0;
constexpr double sen_support = 1, ehcp = 2;  // positions in sen_provisions

}  // namespace

TEST_CASE("attendance scores by its worst band, tested unrounded at each edge", "[tiers]") {
  // 90% or less is persistent absence (1 point): 90 itself is, 90.01 is not.
  auto at_90 = assess(shipped(), learner({{Field::attendance, 90.0}}));
  CHECK(strings(at_90.indicators) == std::vector<std::string>{"persistent_absence"});
  CHECK(at_90.score == 1);
  CHECK(at_90.tier == Tier::universal);  // one sign alone is watched within universal support
  CHECK(assess(shipped(), learner({{Field::attendance, 90.01}})).score == 0);
  // 84.2%: persistent absence and 15% missed both hold; only the 3 points of absence_15 count.
  auto at_84 = assess(shipped(), learner({{Field::attendance, 84.2}}));
  CHECK(strings(at_84.indicators) == std::vector<std::string>{"absence_15"});
  CHECK(at_84.score == 3);
  CHECK(at_84.tier == Tier::targeted);
  REQUIRE(at_84.reasons.size() == 1);
  CHECK(at_84.reasons[0] == "attendance this year is 84.2%: 15% or more of sessions missed");
  // Below 80% is 4 points; 80 itself is still the 15% band.
  CHECK(assess(shipped(), learner({{Field::attendance, 80.0}})).score == 3);
  CHECK(assess(shipped(), learner({{Field::attendance, 79.9}})).score == 4);
}

TEST_CASE("needs add up across groups: the tier follows the sum", "[tiers]") {
  // 88% (1) + failing English (1) = 2: universal.
  auto two = assess(shipped(), learner({{Field::attendance, 88}, {Field::failing_english, yes}}));
  CHECK(two.score == 2);
  CHECK(two.tier == Tier::universal);
  // 88% (1) + failing English (1) + one mid-term move (1) = 3: targeted.
  auto three = assess(shipped(), learner({{Field::attendance, 88}, {Field::failing_english, yes}, {Field::mid_term_moves, 1}}));
  CHECK(three.score == 3);
  CHECK(three.tier == Tier::targeted);
  CHECK(strings(three.indicators) == std::vector<std::string>{"persistent_absence", "failing_english", "mid_term_move"});
  // 75% (4) + suspended twice (3) + young carer (2) = 9: intensive.
  auto nine = assess(shipped(), learner({{Field::attendance, 75}, {Field::suspensions, 2}, {Field::young_carer, yes}}));
  CHECK(nine.score == 9);
  CHECK(nine.need_score == 9);
  CHECK(nine.tier == Tier::intensive);
  CHECK(strings(nine.indicators) == std::vector<std::string>{"absence_20", "suspended_repeatedly", "young_carer"});
  // No (0) is not unknown: a learner known to have no needs scores 0 and misses nothing of those.
  auto none = assess(shipped(), learner({{Field::attendance, 97}, {Field::suspensions, 0}, {Field::looked_after, no}}));
  CHECK(none.score == 0);
  CHECK(none.tier == Tier::universal);
  CHECK(none.indicators.empty());
}

TEST_CASE("context never flags a learner and adds at most one point beside a need", "[tiers]") {
  // Free school meals and an EHC plan alone: nothing scores, both are noted as unscored context.
  auto context_only = assess(shipped(), learner({{Field::fsm, yes}, {Field::sen, ehcp}}));
  CHECK(context_only.score == 0);
  CHECK(context_only.tier == Tier::universal);
  CHECK(context_only.indicators.empty());
  CHECK(context_only.context_unscored.size() == 2);
  // 88% (1) + failing maths (1) + free school meals (context 1): score 3 but need 2, so universal:
  // context counts towards intensive support only.
  auto beside_small_need = assess(shipped(), learner({{Field::attendance, 88}, {Field::failing_maths, yes}, {Field::fsm, yes}}));
  CHECK(beside_small_need.need_score == 2);
  CHECK(beside_small_need.score == 3);
  CHECK(beside_small_need.tier == Tier::universal);
  CHECK(strings(beside_small_need.indicators) == std::vector<std::string>{"persistent_absence", "failing_maths", "fsm"});
  // 75% (4) + suspended twice (3) = 7 targeted; free school meals and SEN support (2 of context)
  // are capped at 1: 8, intensive.
  auto capped =
      assess(shipped(), learner({{Field::attendance, 75}, {Field::suspensions, 2}, {Field::fsm, yes}, {Field::sen, sen_support}}));
  CHECK(capped.need_score == 7);
  CHECK(capped.score == 8);
  CHECK(capped.tier == Tier::intensive);
  // The same without context: 7, targeted.
  CHECK(assess(shipped(), learner({{Field::attendance, 75}, {Field::suspensions, 2}})).tier == Tier::targeted);
}

TEST_CASE("an override lifts the tier whatever the score, and says why", "[tiers]") {
  // A permanent exclusion: 3 points (targeted by score), lifted to intensive.
  auto excluded = assess(shipped(), learner({{Field::permanent_exclusions, 1}}));
  CHECK(excluded.score == 3);
  CHECK(excluded.score_tier == Tier::targeted);
  CHECK(excluded.tier == Tier::intensive);
  CHECK(strings(excluded.indicators) == std::vector<std::string>{"permanently_excluded", "permanent_exclusion_intensive"});
  REQUIRE(excluded.reasons.size() == 2);
  CHECK(excluded.reasons[1] == "a permanent exclusion: intensive support");
  // Severe absence (50% or less): 5 points, targeted by score, intensive by override.
  auto severe = assess(shipped(), learner({{Field::attendance, 50}}));
  CHECK(severe.score == 5);
  CHECK(severe.score_tier == Tier::targeted);
  CHECK(severe.tier == Tier::intensive);
  CHECK(severe.lifted.size() == 1);
  // An override never lowers: 51% is not severe, and stays targeted.
  auto near = assess(shipped(), learner({{Field::attendance, 51}}));
  CHECK(near.tier == Tier::targeted);
  CHECK(near.lifted.empty());
}

TEST_CASE("unknown values score nothing and are listed as missing", "[tiers]") {
  auto unknown = assess(shipped(), learner({}));
  CHECK(unknown.score == 0);
  CHECK(unknown.tier == Tier::universal);
  const auto missing = strings(unknown.missing);
  CHECK(std::find(missing.begin(), missing.end(), "attendance_pct") != missing.end());
  CHECK(std::find(missing.begin(), missing.end(), "suspensions") != missing.end());
  // EAL is used by no shipped rule, so it is never missing.
  CHECK(std::find(missing.begin(), missing.end(), "eal") == missing.end());
  auto known = assess(shipped(), learner({{Field::attendance, 84.2}}));
  const auto still_missing = strings(known.missing);
  CHECK(std::find(still_missing.begin(), still_missing.end(), "attendance_pct") == still_missing.end());
  CHECK(still_missing.size() + 1 == missing.size());
}

TEST_CASE("a school's own rules: the context cap and ties within a group", "[tiers]") {
  const auto rules_with = [](const std::string& cap) {
    return Rules::parse(R"({"tiers": {"targeted_from": 1, "intensive_from": 4)" + cap + R"(},
      "indicators": [
        {"code": "need", "field": "failing_english", "test": "is_true", "points": 1, "reason": "r"},
        {"code": "first", "field": "attendance", "test": "below", "value": 90, "points": 2, "group": "a", "reason": "r"},
        {"code": "second", "field": "attendance", "test": "below", "value": 85, "points": 2, "group": "a", "reason": "r"},
        {"code": "meals", "field": "fsm", "test": "is_true", "points": 2, "context": true, "reason": "r"},
        {"code": "carer", "field": "young_carer", "test": "is_true", "points": 2, "context": true, "reason": "r"}]})",
                        "own.json", catalogue());
  };
  const auto l = learner({{Field::failing_english, yes}, {Field::fsm, yes}, {Field::young_carer, yes}});
  // No cap: 1 + 2 + 2 = 5, intensive.
  const Rules uncapped = rules_with("");
  CHECK(assess(uncapped, l).score == 5);
  CHECK(assess(uncapped, l).tier == Tier::intensive);
  // Cap of 2: 1 + 2 = 3, targeted. Cap of 0: context weighs nothing.
  const Rules capped = rules_with(R"(, "context_max": 2)");
  CHECK(assess(capped, l).score == 3);
  CHECK(assess(capped, l).tier == Tier::targeted);
  const Rules none = rules_with(R"(, "context_max": 0)");
  CHECK(assess(none, l).score == 1);
  // Two indicators of a group with as many points both holding: the first listed fires alone.
  auto tie = assess(uncapped, learner({{Field::attendance, 80}}));
  CHECK(strings(tie.indicators) == std::vector<std::string>{"first"});
  CHECK(tie.score == 2);
}
