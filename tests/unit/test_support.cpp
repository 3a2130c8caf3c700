// The support log (waymark-support(5)): reading a school's intervention log, and which support is
// active on a day.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "waymark/support/log.hpp"

using namespace waymark;
using namespace waymark::support;

namespace {

struct Read {
  SupportLog log;
  std::vector<std::string> errors;
};

Read read_log(const test::TempDir& dir, std::string_view csv, const ActionNames& names = {}, std::string_view file = "log.csv") {
  LogOptions options;
  options.input = test::input_options(dir.write(std::string(file), csv));
  options.max_errors = 0;
  std::vector<std::string> errors;
  options.report_error = [&](const std::string& message) { errors.push_back(message); };
  auto log = SupportLog::read(options, Catalogue::builtin(), names);
  return {std::move(log), errors};
}

Day day(int y, unsigned m, unsigned d) { return day_of(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}); }

}  // namespace

TEST_CASE("a school's log is read through its own headings, codes and titles, dates day first", "[support]") {
  test::TempDir dir;
  auto read = read_log(dir,
                       "UPN,Intervention,Start Date,End Date,Sessions Offered,Sessions Attended,Delivered By,Status\n"
                       "L1,A02,07/09/2026,,12,10,Ms Khan,active\n"
                       "L1,Peer to peer learning and support,01/10/2026,30/11/2026,,,,Completed\n"
                       "L2,a05,15/09/2026,,,,,Planned\n");
  auto& log = read.log;
  CHECK(log.size() == 3);
  const auto l1 = log.of("L1");
  REQUIRE(l1.size() == 2);
  CHECK(log.label(l1[0].action) == "A02");
  CHECK(l1[0].start == day(2026, 9, 7));
  CHECK(l1[0].end == continuing);
  CHECK(log.label(l1[1].action) == "A04");
  CHECK(l1[1].status == SupportStatus::ended);
  CHECK(l1[1].end == day(2026, 11, 30));
  const auto l2 = log.of(" L2 ");  // ids as written, trimmed
  REQUIRE(l2.size() == 1);
  CHECK(l2[0].status == SupportStatus::planned);
  CHECK(log.of("L3").empty());
}

TEST_CASE("support is active from its start to its end; planned and declined support never is", "[support]") {
  SupportLog::Piece piece{waymark::support::learner_key("L1"), day(2026, 9, 7), day(2026, 12, 18), 2, 1, SupportStatus::ended, false};
  CHECK_FALSE(SupportLog::active_on(piece, day(2026, 9, 6)));
  CHECK(SupportLog::active_on(piece, day(2026, 9, 7)));
  CHECK(SupportLog::active_on(piece, day(2026, 12, 18)));
  CHECK_FALSE(SupportLog::active_on(piece, day(2026, 12, 19)));
  CHECK(SupportLog::given_between(piece, day(2026, 12, 1), day(2027, 3, 1)));
  CHECK_FALSE(SupportLog::given_between(piece, day(2027, 1, 1), day(2027, 3, 1)));
  piece.end = continuing;
  piece.status = SupportStatus::active;
  CHECK(SupportLog::active_on(piece, day(2030, 1, 1)));
  piece.status = SupportStatus::planned;
  CHECK_FALSE(SupportLog::active_on(piece, day(2026, 10, 1)));
  piece.status = SupportStatus::declined;
  CHECK_FALSE(SupportLog::given_between(piece, day(2026, 1, 1), day(2027, 1, 1)));
}

TEST_CASE("the school's own names map to an action or stand as their own", "[support]") {
  test::TempDir dir;
  const auto names =
      ActionNames::load(dir.write("names.txt", "# ours\nA02 = Homework Mentors\nnone = Breakfast club\n"), Catalogue::builtin());
  auto read =
      read_log(dir, "id,action,start\nL1,homework mentors,2026-09-07\nL1,Breakfast Club,2026-09-07\nL2,Breakfast club,2026-09-08\n", names);
  const auto l1 = read.log.of("L1");
  REQUIRE(l1.size() == 2);
  CHECK(read.log.label(l1[0].action) == "A02");
  CHECK(read.log.label(l1[1].action) == "Breakfast Club");  // as first written
  CHECK(read.log.of("L2")[0].action == l1[1].action);
  CHECK(read.log.action_count() == 14);

  const auto bad = test::error_from([&] { ActionNames::load(dir.write("bad.txt", "A14 = Something\n"), Catalogue::builtin()); });
  REQUIRE(bad);
  CHECK(std::string(bad->what()) == (dir / "bad.txt").string() + ":1: 'A14' is not an action (A01 to A13, or none)");
}

TEST_CASE("bad rows are errors naming their line; all are reported", "[support]") {
  test::TempDir dir;
  const auto error = test::error_from([&] {
    read_log(dir,
             "id,action,start,end,sessions_offered,sessions_attended,status\n"
             "L1,A02,2026-09-07,2026-09-01,,,\n"
             "L2,Circus skills,2026-09-07,,,,\n"
             "L3,A03,2026-09-07,,10,11,\n"
             "L4,A03,2026-09-07,,,,finished\n"
             "L5,A03,2026-09-07,,,,ended\n"
             "L6,A03,32/09/2026,,,,\n");
  });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
  CHECK(std::string(error->what()) == "6 bad values (above)");
  LogOptions options;
  options.input = test::input_options(dir / "log.csv");
  options.max_errors = 0;
  std::vector<std::string> errors;
  options.report_error = [&](const std::string& message) { errors.push_back(message); };
  CHECK_THROWS(SupportLog::read(options, Catalogue::builtin(), {}));
  REQUIRE(errors.size() == 6);
  const auto file = (dir / "log.csv").string();
  CHECK(errors[0] == file + ":2: column 'end': the support ends before it starts (an end on or after the start date)");
  CHECK(errors[1].starts_with(file + ":3: column 'action': not an action waymark knows"));
  CHECK(errors[2] == file + ":4: column 'sessions_attended': more sessions attended than offered (at most sessions_offered)");
  CHECK(errors[3].starts_with(file + ":5: column 'status': the support has ended but has no end date"));
  CHECK(errors[4].starts_with(file + ":6: column 'status': the support has ended but has no end date"));
  CHECK(errors[5].starts_with(file + ":7: column 'start':"));
}

TEST_CASE("a log without a learner, action or start column is refused", "[support]") {
  test::TempDir dir;
  const auto error = test::error_from([&] { read_log(dir, "Pupil,Thing,When\nL1,A02,2026-09-07\n"); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
  CHECK(std::string(error->what()).find("there is no id column") != std::string::npos);
  const auto no_action = test::error_from([&] { read_log(dir, "UPN,Start Date\nL1,2026-09-07\n"); });
  REQUIRE(no_action);
  CHECK(std::string(no_action->what()).find("column 'action'") != std::string::npos);
}

TEST_CASE("rows for a learner no file lists are warned about with their line, then counted", "[support]") {
  test::TempDir dir;
  std::string csv = "id,action,start\n";
  for (int i = 1; i <= 8; ++i) csv += "X" + std::to_string(i) + ",A01,2026-09-07\n";
  csv += "L1,A01,2026-09-07\n";
  auto read = read_log(dir, csv);
  CHECK(read.log.of("L1").size() == 1);
  std::vector<std::string> warnings;
  read.log.warn_unknown_learners([&](const std::string& m) { warnings.push_back(m); }, "spring.csv");
  REQUIRE(warnings.size() == 6);
  const auto file = (dir / "log.csv").string();
  CHECK(warnings[0] == file + ":2: column 'id': no learner of spring.csv has this id; the row is not counted (an id of spring.csv)");
  CHECK(warnings[5] == file + ": 8 rows in all name no learner of spring.csv; none of them is counted");
}

TEST_CASE("every learner of a large log finds all their rows, and no other's", "[support]") {
  test::TempDir dir;
  std::string csv = "id,action,start\n";
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 3000; ++i) csv += "P" + std::to_string(i) + ",A0" + std::to_string(1 + round) + ",2026-09-07\n";
  auto read = read_log(dir, csv);
  for (int i = 0; i < 3000; ++i) {
    const auto pieces = read.log.of("P" + std::to_string(i));
    REQUIRE(pieces.size() == 2);
    CHECK(read.log.label(pieces[0].action) == "A01");
    CHECK(read.log.label(pieces[1].action) == "A02");
  }
  CHECK(read.log.of("P3000").empty());
  CHECK(read.log.of("").empty());
}

TEST_CASE("an id guarded against formulas in a log is the learner's own id, either way round", "[support]") {
  test::TempDir dir;
  auto read = read_log(dir, "id,action,start\n'-rf,A01,2026-09-07\n=1+1,A02,2026-09-07\n'abc,A03,2026-09-07\n");
  REQUIRE(read.log.of("-rf").size() == 1);
  CHECK(read.log.of("'-rf").size() == 1);   // risk-check's own CSV output given back as the learners' file
  CHECK(read.log.of("'=1+1").size() == 1);  // the log kept as the school typed it, the learners from CSV output
  CHECK(read.log.of("'abc").size() == 1);   // a ' that guards nothing is part of the id
  CHECK(read.log.of("abc").empty());
  CHECK(waymark::support::unguarded(" '@x ") == "@x");
  CHECK(waymark::support::unguarded("'") == "'");
  CHECK(waymark::support::unguarded("'42") == "'42");  // a plain number is never guarded
}
