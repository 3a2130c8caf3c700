// The checklist of a move and when its settling-in meetings fall (waymark/transition/checklist.hpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "waymark/transition/calendar.hpp"
#include "waymark/transition/checklist.hpp"
#include "waymark/transition/ctf_codes.hpp"
#include "waymark/transition/moves.hpp"

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

TEST_CASE("An EHC plan's phase-transfer date follows the law, not the move", "[transition]") {
  // SEND Regulations 2014, reg. 18: amended by 15 February of the year of a move between phases,
  // 31 March from secondary school to post-16, five months before a post-16 to post-16 move.
  const Checklist& checklist = Checklist::builtin();
  const ChecklistItem* review = nullptr;
  for (const auto& item : checklist.items())
    if (item.code == "ehc_consultation") review = &item;
  REQUIRE(review != nullptr);
  const Date september{year{2027}, September, day{6}};
  const auto year6 = deadline_for(*review, MoveKind::end_of_key_stage, september, "6");
  REQUIRE(year6);
  CHECK(year6->date == Date{year{2027}, February, day{15}});
  CHECK(deadline_for(*review, MoveKind::end_of_key_stage, september, "Year 11")->date == Date{year{2027}, March, day{31}});
  CHECK(deadline_for(*review, MoveKind::end_of_key_stage, september, "Y12")->date == Date{year{2027}, April, day{6}});
  // A year group not known is read as a move between phases (the earliest date), never as none.
  CHECK(deadline_for(*review, MoveKind::end_of_key_stage, september, "")->date == Date{year{2027}, February, day{15}});
  CHECK(deadline_for(*review, MoveKind::end_of_key_stage, september, "R")->date == Date{year{2027}, February, day{15}});
  // Year 9 to 10 is within secondary: no phase transfer. A mid-term move has no such date either.
  CHECK_FALSE(deadline_for(*review, MoveKind::end_of_key_stage, september, "9"));
  CHECK_FALSE(deadline_for(*review, MoveKind::mid_term, september, "6"));
  // The date of the year of the move can only bind a move after it.
  CHECK(deadline_for(*review, MoveKind::end_of_key_stage, Date{year{2027}, January, day{11}}, "6")->date ==
        Date{year{2027}, January, day{10}});
}

TEST_CASE("Year groups are read as schools write them", "[transition]") {
  CHECK(year_number("6") == 6);
  CHECK(year_number("Year 11") == 11);
  CHECK(year_number("y7") == 7);
  CHECK(year_number("Yr 10") == 10);
  CHECK_FALSE(year_number("R"));
  CHECK_FALSE(year_number("N2"));
  CHECK_FALSE(year_number("Year six"));
  CHECK_FALSE(year_number(""));
}

TEST_CASE("A setting's nation: named, or told by its authority's number", "[transition]") {
  CHECK(parse_nation("Wales") == Nation::wales);
  CHECK(parse_nation("england") == Nation::england);
  CHECK_FALSE(parse_nation("scotland"));
  const Checklist& checklist = Checklist::builtin();
  CHECK(checklist.nation_of_authority("660") == Nation::wales);  // Isle of Anglesey
  CHECK(checklist.nation_of_authority("681") == Nation::wales);  // Cardiff
  CHECK(checklist.nation_of_authority("823") == Nation::england);
  CHECK(checklist.nation_of_authority("682") == Nation::england);
  CHECK_FALSE(checklist.nation_of_authority(""));
  CHECK_FALSE(checklist.nation_of_authority("Cardiff"));
}

TEST_CASE("Each nation has its own statutory steps, with sources", "[transition]") {
  const Checklist& checklist = Checklist::builtin();
  std::set<std::string> england, wales;
  for (const auto& item : checklist.items()) {
    if (item.nations[static_cast<std::size_t>(Nation::england)]) england.insert(item.code);
    if (item.nations[static_cast<std::size_t>(Nation::wales)]) wales.insert(item.code);
    for (std::size_t n = 0; n < nation_count; ++n) {
      if (!item.nations[n]) continue;
      // Every nation an item belongs to has a source for it.
      CHECK(std::any_of(item.sources.begin(), item.sources.end(), [&](const Source& source) { return source.nations[n]; }));
    }
  }
  for (const char* code : {"ehc_annual_review", "ehc_consultation", "virtual_school_head", "local_offer", "learning_support"}) {
    CHECK(england.contains(code));
    CHECK_FALSE(wales.contains(code));
  }
  for (const char* code : {"idp_review", "idp_transfer", "looked_after_authority", "learning_support_aln"}) {
    CHECK(wales.contains(code));
    CHECK_FALSE(england.contains(code));
  }
  CHECK(england.contains("health_care_plan"));
  CHECK(wales.contains("health_care_plan"));
}

TEST_CASE("A step beyond the school's calendar is at least not at a weekend", "[transition]") {
  CHECK(previous_weekday(Date{year{2027}, January, day{31}}) == Date{year{2027}, January, day{29}});  // Sunday
  CHECK(previous_weekday(Date{year{2027}, January, day{30}}) == Date{year{2027}, January, day{29}});  // Saturday
  CHECK(previous_weekday(Date{year{2027}, January, day{28}}) == Date{year{2027}, January, day{28}});
}

TEST_CASE("A first language refused or not obtained is unknown, never EAL", "[transition]") {
  const auto& codes = CtfCodes::builtin();
  CHECK(codes.first_language("ENG") == FirstLanguage::english);
  CHECK(codes.first_language("ENB") == FirstLanguage::english);
  CHECK(codes.first_language("OTB") == FirstLanguage::other_than_english);
  CHECK(codes.first_language("POL") == FirstLanguage::other_than_english);
  CHECK(codes.first_language("REF") == FirstLanguage::unknown);
  CHECK(codes.first_language("NOT") == FirstLanguage::unknown);
  CHECK(codes.language_words("REF") == "refused");
  CHECK(codes.language_words("POL").empty());
}

TEST_CASE("An address prints its lines, not the references systems keep", "[transition]") {
  const auto& codes = CtfCodes::builtin();
  for (const char* line : {"SAON", "PAON", "Street", "Town", "PostTown", "AddressLine1", "County", "PostCode"})
    CHECK(codes.is_address_line(line));
  for (const char* reference : {"UniquePropertyReferenceNumber", "Zone", "Easting", "Northing", "Country"})
    CHECK_FALSE(codes.is_address_line(reference));
}

// Found by the calendar fuzz target: an address with a line break in it (a quoted CSV cell) was
// written into the calendar's ATTENDEE line as it was, starting lines of its own.
TEST_CASE("A receiving contact's email is an address a calendar line can carry", "[transition]") {
  CHECK(is_email_address("k.patel@riverbank-college.example"));
  CHECK(is_email_address("zo\xC3\xAB@st-aidans.example"));
  CHECK_FALSE(is_email_address("k.patel@x\r\nATTENDEE:mailto:other@x"));
  CHECK_FALSE(is_email_address("k patel@x"));
  CHECK_FALSE(is_email_address("k\t@x"));
  CHECK_FALSE(is_email_address("\"K\" <k@x>"));
  CHECK_FALSE(is_email_address("k@x;role=chair"));
  CHECK_FALSE(is_email_address("k@x,l@y"));
  CHECK_FALSE(is_email_address("@x"));
  CHECK_FALSE(is_email_address("k@"));
  CHECK_FALSE(is_email_address("k@x@y"));
  CHECK_FALSE(is_email_address("kx"));
}

// Found by the calendar fuzz target: what libical 3.0 alone wrote did not read back as written.
TEST_CASE("A calendar keeps a school's text as written, in lines calendar programs read", "[transition][calendar]") {
  Calendar calendar("Europe/London");
  CalendarEvent event;
  event.uid = "u1@transition-pack.waymark";
  event.date = year{2027} / January / day{11};
  event.start = minutes{9 * 60};
  event.duration = minutes{30};
  event.summary = "Sam\x7F Lee\rYear 9";                      // DEL, and an old Mac line end
  event.description = std::string(73, 'x') + "\xC3\xA9 end";  // a fold would fall inside the é
  event.attendee_name = "Jo^'s";                              // RFC 6868 reads ^' as a quote
  event.attendee_email = "jo@valley.example";
  calendar.add(event);
  const std::string ics = calendar.to_ics(sys_seconds{seconds{1790000000}});
  CHECK(ics.find("SUMMARY:Sam Lee\\nYear 9\r\n") != std::string::npos);
  CHECK(ics.find("CN=Jo^^'s") != std::string::npos);
  for (std::size_t start = 0; start < ics.size();) {
    const auto end = ics.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    const std::string_view line(ics.data() + start, end - start);
    CHECK(line.size() <= 75);
    CHECK(line.find_first_of("\r\n") == std::string_view::npos);
    CHECK((line.empty() || (static_cast<unsigned char>(line[line[0] == ' ' ? 1 : 0]) & 0xC0) != 0x80));  // no fold inside a character
    start = end + 2;
  }
}
