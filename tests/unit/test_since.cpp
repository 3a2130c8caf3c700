// risk-check --since: comparing this term's learners with last term's compact results.
#include <catch2/catch.hpp>
#include <cmath>

#include "waymark/errors.hpp"
#include "waymark/risk/since.hpp"

using namespace waymark::risk;

TEST_CASE("tier changes are named and parsed both ways") {
  CHECK(tier_change(std::nullopt, Tier::intensive) == TierChange::new_learner);
  CHECK(tier_change(Tier::universal, Tier::targeted) == TierChange::up);
  CHECK(tier_change(Tier::intensive, Tier::targeted) == TierChange::down);
  CHECK(tier_change(Tier::targeted, Tier::targeted) == TierChange::same);
  for (const auto change : {TierChange::new_learner, TierChange::up, TierChange::down, TierChange::same})
    CHECK(parse_tier_change(to_string(change)) == change);
  CHECK(to_string(TierChange::new_learner) == "new");
  CHECK_FALSE(parse_tier_change("higher"));
}

TEST_CASE("attendance change is signed points, empty when either side is unknown") {
  CHECK(attendance_change(91.0, 82.5) == "-8.5");
  CHECK(attendance_change(84.0, 95.0) == "11.0");
  CHECK(attendance_change(90.04, 90.0) == "0.0");  // never -0.0
  CHECK(attendance_change(NAN, 90.0).empty());
  CHECK(attendance_change(90.0, NAN).empty());
}

TEST_CASE("a snapshot finds learners by id and tells who has left") {
  Snapshot before;
  before.add("S01", Tier::universal, 97.0, {"female"});
  before.add("S02", Tier::targeted, NAN, {"male"});
  before.add("S03", Tier::intensive, 45.0, {"female"});
  before.seal();
  CHECK(before.size() == 3);

  const auto s02 = before.find("S02");
  REQUIRE(s02);
  CHECK(s02->tier == Tier::targeted);
  CHECK(std::isnan(s02->attendance));
  CHECK(before.group_values(s02->group) == std::vector<std::string>{"male"});
  CHECK_FALSE(before.find("S09"));
  CHECK(before.find("S01")->attendance == Approx(97.0));

  const auto gone = before.left();
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].tier == Tier::intensive);
  CHECK(before.group_values(gone[0].group) == std::vector<std::string>{"female"});
}

TEST_CASE("movement joins the lookup, the tier change and the attendance change") {
  Snapshot before;
  before.add("A", Tier::universal, 91.0);
  before.seal();
  const auto a = movement(before, "A", Tier::targeted, 82.5);
  CHECK(a.previous_tier == Tier::universal);
  CHECK(a.change == TierChange::up);
  CHECK(a.attendance_change == "-8.5");
  const auto b = movement(before, "B", Tier::universal, 99.0);
  CHECK_FALSE(b.previous_tier);
  CHECK(b.change == TierChange::new_learner);
  CHECK(b.attendance_change.empty());
}

TEST_CASE("a snapshot matches an id in the form CSV output writes it, both ways") {
  Snapshot written;  // last term's file is risk-check's own CSV output
  written.add("'-rf", Tier::targeted, 90.0);
  written.add("L1", Tier::universal, 95.0);
  written.seal();
  REQUIRE(written.find("-rf"));
  CHECK(written.find("-rf")->tier == Tier::targeted);
  Snapshot raw;  // this term's file is the output, last term's the raw export
  raw.add("=cmd", Tier::intensive, 80.0);
  raw.seal();
  REQUIRE(raw.find("'=cmd"));
  CHECK(raw.find("'=cmd")->tier == Tier::intensive);
  // A quote on an id that needs none is part of the id.
  CHECK_FALSE(written.find("'L1"));
}

TEST_CASE("a --since that matches no learner is an error; under half, a warning with the share") {
  Snapshot before;
  before.source = "last-term.csv";
  before.add("L1", Tier::universal, 95.0);
  before.seal();
  std::vector<std::string> warnings;
  const waymark::MessageSink warn = [&](const std::string& message) { warnings.push_back(message); };
  try {
    check_since_matched(before, 1500, 0, warn);
    FAIL("no error");
  } catch (const waymark::Error& e) {
    CHECK(e.kind() == waymark::ErrorKind::bad_data);
    CHECK(std::string(e.what()).find("another key") != std::string::npos);
    CHECK(std::string(e.what()).find("another column") != std::string::npos);
  }
  check_since_matched(before, 1500, 412, warn);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("412 of the 1500 learners here (27.5%)") != std::string::npos);
  check_since_matched(before, 1500, 750, warn);
  CHECK(warnings.size() == 1);
  check_since_matched(before, 0, 0, warn);  // nobody this term: nothing to match
}

TEST_CASE("a snapshot finds each learner whatever order this term lists them in") {
  // The learner after the last one found is tried first; in another order, with learners gone and
  // new ones, each must still be found as themselves, and only they.
  constexpr int count = 5000;
  Snapshot before;
  for (int i = 0; i < count; ++i) before.add("L" + std::to_string(i), static_cast<Tier>(i % 3), i % 100);
  before.seal();
  std::vector<int> order;
  for (int i = 0; i < count; i += 1 + (i % 7 == 0)) order.push_back(i);  // the same order, some gone
  for (int i = count - 1; i >= 0; i -= 3) order.push_back(i);            // backwards: found again
  for (int i = 0; i < count; ++i) order.push_back((i * 7919) % count);   // scattered
  for (const int i : order) {
    const auto found = before.find("L" + std::to_string(i));
    REQUIRE(found);
    CHECK(found->tier == static_cast<Tier>(i % 3));
    CHECK(found->attendance == Approx(i % 100));
    CHECK_FALSE(before.find("N" + std::to_string(i)));  // new since: between two that are found
  }
  CHECK(before.left().empty());
}
