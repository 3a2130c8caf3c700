// Scoring one learner against the rules: points, tier, reasons, risk factors, actions, unknowns.
#pragma once

#include <string>
#include <vector>

#include "learner.hpp"
#include "rules.hpp"
#include "waymark/catalogue.hpp"

namespace waymark::risk {

struct FiredIndicator {
  const Indicator* rule;
  std::string reason;
};

struct AppliedOverride {
  const Override* rule;
  std::string reason;
};

struct Recommendation {
  const Action* action;
  std::vector<std::string> covers;  // the learner's risk factors this action addresses
};

struct Assessment {
  int score = 0;
  Tier score_tier = Tier::universal;  // from the score alone
  Tier tier = Tier::universal;        // after overrides
  std::vector<FiredIndicator> fired;
  std::vector<AppliedOverride> overrides;
  std::vector<std::string> risk_factors;
  std::vector<Recommendation> actions;
  std::vector<std::string> missing;  // columns whose value is unknown and that the rules use

  // Codes of the fired indicators, then of the overrides that applied.
  std::vector<std::string> indicator_codes() const;
  std::vector<std::string> reasons() const;
  std::vector<std::string> action_ids() const;
};

class Assessor {
 public:
  Assessor(const Rules& rules, const Catalogue& catalogue, std::size_t max_actions);
  // Fills `out` (reused between learners to avoid allocation).
  void assess(const Learner& learner, Assessment& out) const;

 private:
  void recommend(Assessment& out) const;
  const Rules& rules_;
  const Catalogue& catalogue_;
  std::size_t max_actions_;
};

// "addresses 2 of the learner's 3 risk factors: a, b"
std::string why_recommended(const Recommendation& recommendation, std::size_t learner_factors);

}  // namespace waymark::risk
