// Keyed pseudonyms (waymark/pseudonymise.hpp): HMAC-SHA-256 under a secret key.
#include "waymark/pseudonymise.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "helpers.hpp"
#include "waymark/records.hpp"

namespace {

using waymark::ErrorKind;
using waymark::Pseudonymiser;

TEST_CASE("Pseudonymiser computes HMAC-SHA-256 (RFC 4231 test vectors)", "[pseudonymise]") {
  SECTION("test case 1") {
    const Pseudonymiser pseudonymiser(std::string(20, '\x0b'));
    CHECK(pseudonymiser.pseudonym("Hi There") == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }
  SECTION("test case 2: key \"Jefe\"") {
    const Pseudonymiser pseudonymiser("Jefe");
    CHECK(pseudonymiser.pseudonym("what do ya want for nothing?") == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}

TEST_CASE("Pseudonyms are 64 lowercase hex digits, stable for a key and different across keys", "[pseudonymise]") {
  const Pseudonymiser one("0123456789abcdef0123456789abcdef");
  const Pseudonymiser two("fedcba9876543210fedcba9876543210");
  const std::string p = one.pseudonym("L001");
  CHECK(p.size() == 64);
  CHECK(std::all_of(p.begin(), p.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
  CHECK(one.pseudonym("L001") == p);
  CHECK(one.pseudonym("L002") != p);
  CHECK(two.pseudonym("L001") != p);
  CHECK(one.pseudonym("").size() == 64);
}

// A key file as it must be: private to its owner.
std::string private_key_file(const test::TempDir& dir, std::string_view content) {
  const auto path = dir.write("key", content);
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return path.string();
}

constexpr std::string_view good_key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

TEST_CASE("Pseudonymiser::from_key_file reads 64 hex digits and ignores one trailing newline", "[pseudonymise]") {
  test::TempDir dir;
  const Pseudonymiser direct{std::string(good_key)};
  const auto content = GENERATE(as<std::string>{}, std::string(good_key), std::string(good_key) + "\n");
  INFO("key file " << (content.back() == '\n' ? "with a line break" : "without a line break"));
  const auto from_file = Pseudonymiser::from_key_file(private_key_file(dir, content));
  CHECK(from_file.pseudonym("L001") == direct.pseudonym("L001"));
}

TEST_CASE("Pseudonymiser::from_key_file accepts only the documented form and never quotes the key", "[pseudonymise][errors]") {
  test::TempDir dir;
  const std::string key(good_key);
  const auto content =
      GENERATE_COPY(as<std::string>{}, "", "\n", "short", key.substr(0, 63), key + "0", key + "\r\n", key + "\n\n", key + " trailing words",
                    std::string(64, '0'), "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "\n" + key);
  INFO("key file content: " << content);
  const auto path = private_key_file(dir, content);
  const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::bad_data);
  CHECK_THAT(error->what(), Catch::Matchers::Contains(path) && Catch::Matchers::Contains("64 lowercase hexadecimal digits"));
  if (content.size() > 8) CHECK_THAT(error->what(), !Catch::Matchers::Contains(content.substr(0, 8)));
}

TEST_CASE("Pseudonymiser::from_key_file refuses a key file others may read, as ssh does", "[pseudonymise][errors]") {
  test::TempDir dir;
  const auto path = private_key_file(dir, good_key);
  using std::filesystem::perms;
  const auto extra = GENERATE(perms::group_read, perms::others_read, perms::group_write, perms::others_write);
  std::filesystem::permissions(path, extra, std::filesystem::perm_options::add);
  const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::missing_input);
  CHECK_THAT(error->what(), Catch::Matchers::Contains("chmod 600 " + path));
}

TEST_CASE("Pseudonymiser::from_key_file: a missing file is a no-input error naming it", "[pseudonymise][errors]") {
  test::TempDir dir;
  const auto path = (dir / "no-such-key").string();
  const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::missing_input);
  CHECK_THAT(error->what(), Catch::Matchers::Contains(path));
}

// Regression test for a fixed bug. The header promises Error(no_input) when the
// key file cannot be read. A directory opens as a std::ifstream on Linux, and reading it makes
// libstdc++ throw std::ios_base::failure ("basic_filebuf::underflow error reading the file: Is a
// directory"), which is not a waymark::Error: Tool::run does not catch it and the tool aborts.
TEST_CASE("Pseudonymiser::from_key_file: a directory is a no-input error", "[pseudonymise][errors]") {
  test::TempDir dir;
  const auto error = test::error_from([&] { Pseudonymiser::from_key_file(dir.path().string()); });
  REQUIRE(error);
  CHECK(error->kind() == ErrorKind::missing_input);
}

TEST_CASE("shared_columns keeps shareable fields by what they stand for, whatever the heading", "[pseudonymise]") {
  test::TempDir dir;
  const auto reader = waymark::open_records(
      test::input_options(dir.write("in.csv",
                                    "UPN,Forename,Legal Surname,D.O.B.,Attendance %,Home Phone,Postcode,ULN,Tutor Group,FSM\n"
                                    "A1,Ann,Bee,2012-01-01,95,0123,AB1 2CD,U1,7X,no\n")));
  const std::vector<std::string> fields{"id", "attendance_pct", "fsm", "date_of_birth_is_not_here"};
  SECTION("an allowlist of fields") {
    const auto shared = waymark::shared_columns(*reader, fields, {});
    CHECK(shared.kept == std::vector<bool>{true, false, false, false, true, false, false, false, false, true});
    // ULN stands for the id too, but only UPN is read as the id: a second identifier is dropped.
    CHECK(shared.dropped ==
          std::vector<std::string>{"Forename", "Legal Surname", "D.O.B.", "Home Phone", "Postcode", "ULN", "Tutor Group"});
    CHECK(waymark::describe_dropped(shared) ==
          "--pseudonymise: dropped 7 columns not known to be safe to share: 'Forename', 'Legal Surname', 'D.O.B.', "
          "'Home Phone', 'Postcode', 'ULN', 'Tutor Group' (--keep COLUMN keeps one)");
  }
  SECTION("--keep adds a column by heading or by field") {
    const auto by_heading = waymark::shared_columns(*reader, fields, std::vector<std::string>{"Tutor Group"});
    CHECK(by_heading.kept[8]);
    const auto by_field = waymark::shared_columns(*reader, fields, std::vector<std::string>{"tutor_group"});
    CHECK(by_field.kept[8]);
  }
  SECTION("--keep with a column the input does not have") {
    const auto error = test::error_from([&] { waymark::shared_columns(*reader, fields, std::vector<std::string>{"nickname"}); });
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::bad_data);
    CHECK_THAT(error->what(), Catch::Matchers::Contains("'nickname'") && Catch::Matchers::Contains("--keep"));
  }
  SECTION("nothing dropped, nothing said") {
    const auto all = waymark::shared_columns(
        *reader, fields, std::vector<std::string>{"Forename", "Legal Surname", "D.O.B.", "Home Phone", "Postcode", "ULN", "Tutor Group"});
    CHECK(all.dropped.empty());
    CHECK(waymark::describe_dropped(all).empty());
  }
}

}  // namespace
