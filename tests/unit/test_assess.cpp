// risk-check's Assessor: an Assessment owns its results, whatever is scored after it.
#include <catch2/catch.hpp>

#include "waymark/risk/assess.hpp"

using namespace waymark::risk;

namespace {

Learner with_attendance(double attendance) {
  Learner learner;
  learner.id = "L1";
  learner.values[static_cast<std::size_t>(Field::attendance)] = attendance;
  return learner;
}

}  // namespace

TEST_CASE("an assessment keeps its reasons and actions when the assessor scores other learners", "[assess]") {
  const Rules rules = Rules::builtin(waymark::Catalogue::builtin());
  const Assessor assessor(rules, waymark::Catalogue::builtin(), 3);
  Assessment first;
  assessor.assess(with_attendance(84.2), first);
  REQUIRE(first.tier != Tier::universal);
  REQUIRE_FALSE(first.actions.empty());
  const auto reasons = first.reasons;
  const auto action_ids = first.action_ids;
  CHECK_THAT(reasons.front(), Catch::Matchers::Contains("84.2%"));

  // Another learner, scored into another object and into a copy of the first.
  Assessment other;
  assessor.assess(with_attendance(40), other);
  Assessment copy = first;
  assessor.assess(with_attendance(99), first);
  CHECK(copy.reasons == reasons);
  CHECK(copy.action_ids == action_ids);
  CHECK(other.reasons.front().find("40%") != std::string::npos);
  CHECK(first.tier == Tier::universal);
  CHECK(first.reasons.empty());
  CHECK(first.actions.empty());
}
