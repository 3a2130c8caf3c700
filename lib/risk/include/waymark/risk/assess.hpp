// Scoring one learner against the rules: points, tier, reasons, risk factors, actions, unknowns.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/catalogue.hpp"
#include "waymark/risk/learner.hpp"
#include "waymark/risk/rules.hpp"

namespace waymark::risk {

// Risk factors as bits of the catalogue's taxonomy order, so coverage is one AND and a popcount.
using FactorSet = std::uint64_t;

struct Recommendation {
  const Action* action;
  FactorSet covers;  // the learner's risk factors this action addresses
  int covered;       // how many
  bool specific;     // named by an indicator that fired (Indicator::actions)
};

// One learner's result. It owns its lists; their views are of the rules' and the catalogue's text,
// which outlive it. Reusing one object from learner to learner keeps the lists' memory.
struct Assessment {
  int score = 0;
  int need_score = 0;                 // the part of the score from indicators of need (not context)
  Tier score_tier = Tier::universal;  // from the score alone
  Tier tier = Tier::universal;        // after overrides
  std::vector<const Indicator*> fired;
  std::vector<const Indicator*> context_unscored;  // context that held beside no indicator of need
  std::vector<const Override*> lifted;
  std::vector<std::string_view> indicators;  // codes: fired, then lifted
  std::vector<std::string> reasons;          // one sentence per code in `indicators`
  std::vector<std::string_view> risk_factors;
  FactorSet factor_set = 0;
  std::vector<Recommendation> actions;
  std::vector<std::string_view> action_ids;
  std::vector<std::string_view> missing;  // columns whose value is unknown and that the rules use
};

// Scores learners one after another; assess does not change the Assessor, so threads may share one.
class Assessor {
 public:
  Assessor(const Rules& rules, const Catalogue& catalogue, std::size_t max_actions);
  void assess(const Learner& learner, Assessment& out) const;

  // The codes of a set of risk factors, in taxonomy order.
  std::vector<std::string_view> codes(FactorSet set) const;
  // "specific to suspended; addresses 2 of the learner's 3 risk factors: a, b"
  std::string why(const Recommendation& recommendation, const Assessment& assessment) const;
  // The action's title in the rules' language (Rules::action_titles), else the catalogue's.
  std::string_view title(const Recommendation& recommendation) const;

  // risk-check's own words in the rules' language (data/words.json).
  struct Words {
    std::array<std::string, 4> attendance_from;  // by Learner::AttendanceFrom: how attendance was worked out
    std::string specific_to, addresses;          // why an action is recommended
  };

 private:
  // A rule's test as a range of one field's number (Condition::low and high).
  struct RangeTest {
    std::size_t field;
    double low, high;
  };
  // Bit i set where rule i's test holds for `learner`.
  static std::uint64_t holding(const std::vector<RangeTest>& tests, const Learner& learner);
  void add_reasons(const Learner& learner, Assessment& out) const;
  // `specific` holds the specific actions' catalogue positions plus one, four bits each, in order
  // (13 actions fit in 52 bits).
  void recommend(std::uint64_t specific, Assessment& out) const;

  const Rules& rules_;
  const Catalogue& catalogue_;
  std::size_t max_actions_;
  std::vector<RangeTest> indicator_tests_, override_tests_;
  // Per indicator: the indicators of its group that fire instead of it when they hold too (more
  // points, or as many and listed earlier).
  std::vector<std::uint64_t> outranked_by_;
  std::vector<Field> used_fields_;            // the fields some rule tests, in Field order
  std::vector<FactorSet> indicator_factors_;  // per indicator
  std::vector<std::vector<std::size_t>>
      indicator_factor_order_;                               // per indicator: its risk factors' positions in the taxonomy, as it names them
  std::vector<FactorSet> action_factors_;                    // per catalogue action
  std::uint64_t context_mask_ = 0;                           // bit i set where indicator i is context
  std::vector<std::vector<std::size_t>> indicator_actions_;  // per indicator: its specific actions' catalogue positions
  Words words_;
};

}  // namespace waymark::risk
