// Headings as schools write them (waymark/headings.hpp) and the readers that use them
// (waymark/records.hpp): synonyms, the school's own headings, near misses, fallbacks.
#include "waymark/headings.hpp"

#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {

using Catch::Matchers::Contains;
using waymark::HeadingVocabulary;

TEST_CASE("fold_heading ignores case, spaces and punctuation people put in headings", "[headings]") {
  CHECK(waymark::fold_heading("Attendance %") == "attendance");
  CHECK(waymark::fold_heading("attendance_pct") == "attendancepct");
  CHECK(waymark::fold_heading("ATTENDANCE-PCT") == "attendancepct");
  CHECK(waymark::fold_heading(" D.O.B. ") == "dob");
  CHECK(waymark::fold_heading("Year (NC)?") == "yearnc");
  CHECK(waymark::fold_heading("# Sessions [possible]") == "sessionspossible");
  CHECK(waymark::fold_heading("Siân") == "siân");  // letters beyond ASCII are kept as written
}

TEST_CASE("edit_distance counts single-character edits", "[headings]") {
  CHECK(waymark::edit_distance("attendence", "attendance") == 1);
  CHECK(waymark::edit_distance("surnme", "surname") == 1);
  CHECK(waymark::edit_distance("", "abc") == 3);
  CHECK(waymark::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("The built-in vocabulary knows MIS, census and CTF headings", "[headings]") {
  const auto& vocabulary = HeadingVocabulary::builtin();
  const auto field = [&](std::string_view heading) { return vocabulary.meaning(heading).value_or(HeadingVocabulary::Meaning{}).field; };
  CHECK(field("UPN") == "id");
  CHECK(field("Legal Surname") == "family_name");
  CHECK(field("Legal Forename") == "given_name");
  CHECK(field("DOB") == "date_of_birth");
  CHECK(field("NC Year Actual") == "year_group");
  CHECK(field("Sex") == "gender");
  CHECK(field("Attendance %") == "attendance_pct");
  CHECK(field("% Attendance") == "attendance_pct");
  CHECK(field("Fixed Term Exclusions") == "suspensions");
  CHECK(field("SEN Status") == "sen");
  CHECK(field("In Care") == "looked_after");
  CHECK(field("FSM Eligible") == "fsm");
  CHECK(field("In-year Moves") == "mid_term_moves");
  CHECK(field("Reg Group") == "tutor_group");
  CHECK(field("attendance_pct") == "attendance_pct");
  CHECK_FALSE(vocabulary.meaning("Postcode"));
  // A field's own name beats another field's synonym: 'SEND' is gatsby-audit's send.
  CHECK(field("SEND") == "send");
  CHECK(vocabulary.fallback("sen") == std::optional<std::string>("send"));
  CHECK(vocabulary.fallback("pupil_id") == std::optional<std::string>("id"));
}

TEST_CASE("A heading a slip away from a known one gets a suggestion; short or distant ones do not", "[headings]") {
  const auto& vocabulary = HeadingVocabulary::builtin();
  const auto suggestion = vocabulary.suggestion("Attendence %");
  REQUIRE(suggestion);
  CHECK(suggestion->second == "attendance_pct");
  CHECK(vocabulary.suggestion("Surnme").value_or(std::pair<std::string, std::string>{}).second == "family_name");
  CHECK_FALSE(vocabulary.suggestion("Form"));      // too short to guess at
  CHECK_FALSE(vocabulary.suggestion("Postcode"));  // nothing near
  CHECK_FALSE(vocabulary.suggestion("Home Phone"));
}

TEST_CASE("A school's own headings win over the table; a bad columns file names its line", "[headings]") {
  test::TempDir dir;
  const auto file = dir.write("columns.txt", "# ours\nid = Pupil Ref\r\n\nattendance_pct = Attendance (year to date)\nfamily_name = UPN\n");
  const auto vocabulary = HeadingVocabulary::with_school_headings(file.string());
  CHECK(vocabulary.meaning("Pupil Ref")->field == "id");
  CHECK(vocabulary.meaning("Pupil Ref")->rank == 0);
  CHECK(vocabulary.meaning("ATTENDANCE (YEAR TO DATE)")->field == "attendance_pct");
  CHECK(vocabulary.meaning("UPN")->field == "family_name");  // the school said so
  SECTION("unknown field") {
    const auto error =
        test::error_from([&] { HeadingVocabulary::with_school_headings(dir.write("bad.txt", "attendence = X\n").string()); });
    REQUIRE(error);
    CHECK(error->kind() == waymark::ErrorKind::bad_data);
    CHECK_THAT(error->what(), Contains("bad.txt:1") && Contains("did you mean attendance_pct"));
  }
  SECTION("no '='") {
    const auto error = test::error_from([&] { HeadingVocabulary::with_school_headings(dir.write("bad.txt", "id Pupil Ref\n").string()); });
    REQUIRE(error);
    CHECK_THAT(error->what(), Contains("bad.txt:1"));
  }
  // Found by the columns fuzz target: the second field's line was silently outweighed by the first.
  SECTION("one heading for two fields") {
    const auto error = test::error_from(
        [&] { HeadingVocabulary::with_school_headings(dir.write("bad.txt", "id = Pupil\n# x\ngiven_name = PUPIL.\n").string()); });
    REQUIRE(error);
    CHECK(error->kind() == waymark::ErrorKind::bad_data);
    CHECK_THAT(error->what(), Contains("bad.txt:3") && Contains("given for id on line 1"));
    CHECK_THAT(error->what(), !Contains("PUPIL") && !Contains("Pupil"));
    CHECK(HeadingVocabulary::with_school_headings(dir.write("same.txt", "id = Pupil\nid = PUPIL\n").string()).meaning("pupil")->field ==
          "id");
  }
  SECTION("missing file") {
    const auto error = test::error_from([&] { HeadingVocabulary::with_school_headings((dir / "none.txt").string()); });
    REQUIRE(error);
    CHECK(error->kind() == waymark::ErrorKind::missing_input);
  }
}

TEST_CASE("RecordReader::find_column finds a field under the school's heading, exact names first", "[headings][records]") {
  test::TempDir dir;
  std::vector<std::string> warnings;
  auto options = test::input_options(dir.write("in.csv", "UPN,Admission Number,Attendance %,id2\nA1,1,90,x\n"));
  options.warn = [&](const std::string& message) { warnings.push_back(message); };
  const auto reader = waymark::open_records(options);
  CHECK(reader->find_column("id") == 0u);
  CHECK(reader->find_column("attendance_pct") == 2u);
  CHECK(reader->field_of(2) == "attendance_pct");
  CHECK(reader->field_of(3).empty());
  CHECK_FALSE(reader->find_column("fsm"));
  REQUIRE(warnings.size() == 1);  // the second heading for id, said once
  CHECK_THAT(warnings[0], Contains("'Admission Number' also stands for id"));
  reader->find_column("id");
  CHECK(warnings.size() == 1);
}

TEST_CASE("Records from a file headed 'Pupil ID' give the id (the fallback field)", "[headings][records]") {
  test::TempDir dir;
  const auto table_reader = waymark::open_records(test::input_options(dir.write("in.csv", "Pupil ID,Year\nP1,11\n")));
  CHECK(table_reader->find_column("id") == 0u);
  CHECK(table_reader->find_column("pupil_id") == 0u);
}

}  // namespace
