// The checklist of a move and when its settling-in meetings fall (waymark/transition/checklist.hpp).
#include <catch2/catch.hpp>
#include <set>

#include "waymark/transition/checklist.hpp"

using namespace std::chrono;
using namespace waymark::transition;

TEST_CASE("Every checklist item has a code, a phase, an owner's role and a source", "[transition]") {
  const Checklist& checklist = Checklist::builtin();
  REQUIRE_FALSE(checklist.items().empty());
  std::set<std::string> codes;
  for (const auto& item : checklist.items()) {
    CHECK(codes.insert(item.code).second);  // codes are unique: translations are keyed by them
    CHECK((item.phase == "before" || item.phase == "at" || item.phase == "after"));
    CHECK_FALSE(checklist.role_label(item.owner).empty());
    CHECK_FALSE(item.sources.empty());
  }
  CHECK(checklist.meetings().size() == 4);
}

TEST_CASE("Kinds of move are read in any case and named in words", "[transition]") {
  CHECK(parse_move_kind("Mid_Term") == MoveKind::mid_term);
  CHECK_FALSE(parse_move_kind("holiday"));
  CHECK(Checklist::builtin().kind_label(MoveKind::end_of_key_stage) == "end of key stage");
}

TEST_CASE("Settling-in meetings fall on a weekday after the move", "[transition]") {
  const Date friday{year{2027}, January, day{29}};
  CHECK(next_weekday(Date{year{2027}, January, day{30}}) == Date{year{2027}, February, day{1}});  // Saturday
  CHECK(next_weekday(friday) == friday);
  CHECK(add_months(Date{year{2027}, January, day{31}}, 1) == Date{year{2027}, February, day{28}});
  CHECK(add_days(friday, -7) == Date{year{2027}, January, day{22}});
  const auto& week = Checklist::builtin().meetings().front();
  CHECK(default_meeting_date(friday, week) == Date{year{2027}, February, day{5}});
}
