// Keyed pseudonyms (waymark/pseudonymise.hpp): HMAC-SHA-256 under a secret key.
#include "waymark/pseudonymise.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {

using waymark::Exit;
using waymark::Pseudonymiser;

TEST_CASE("Pseudonymiser computes HMAC-SHA-256 (RFC 4231 test vectors)", "[pseudonymise]") {
  SECTION("test case 1") {
    const Pseudonymiser pseudonymiser(std::string(20, '\x0b'));
    CHECK(pseudonymiser.pseudonym("Hi There") == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }
  SECTION("test case 2: key \"Jefe\"") {
    const Pseudonymiser pseudonymiser("Jefe");
    CHECK(pseudonymiser.pseudonym("what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
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

TEST_CASE("Pseudonymiser::from_key_file reads the key and ignores a trailing newline", "[pseudonymise]") {
  test::TempDir dir;
  const std::string key = "0123456789abcdef";  // 16 bytes, the shortest allowed
  const Pseudonymiser direct(key);
  const auto content = GENERATE(as<std::string>{}, "0123456789abcdef", "0123456789abcdef\n", "0123456789abcdef\r\n");
  INFO("key file " << (content.back() == '\n' ? "with a line break" : "without a line break"));
  const auto from_file = Pseudonymiser::from_key_file(dir.write("key", content).string());
  CHECK(from_file.pseudonym("L001") == direct.pseudonym("L001"));
}

TEST_CASE("Pseudonymiser::from_key_file rejects a short key and a missing file", "[pseudonymise][errors]") {
  test::TempDir dir;
  SECTION("a 5-byte key") {
    const auto path = dir.write("key", "short").string();
    const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
    REQUIRE(error);
    CHECK(error->code() == Exit::data);
    CHECK_THAT(error->what(), Catch::Matchers::Contains(path) && Catch::Matchers::Contains("too short"));
  }
  SECTION("15 bytes and a newline") {
    const auto path = dir.write("key", "0123456789abcde\n").string();
    const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
    REQUIRE(error);
    CHECK(error->code() == Exit::data);
  }
  SECTION("an empty file") {
    const auto path = dir.write("key", "").string();
    const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
    REQUIRE(error);
    CHECK(error->code() == Exit::data);
  }
  SECTION("a missing file") {
    const auto path = (dir / "no-such-key").string();
    const auto error = test::error_from([&] { Pseudonymiser::from_key_file(path); });
    REQUIRE(error);
    CHECK(error->code() == Exit::no_input);
    CHECK_THAT(error->what(), Catch::Matchers::Contains(path));
  }
}

// Regression test for a fixed bug. The header promises Error(no_input) when the
// key file cannot be read. A directory opens as a std::ifstream on Linux, and reading it makes
// libstdc++ throw std::ios_base::failure ("basic_filebuf::underflow error reading the file: Is a
// directory"), which is not a waymark::Error: Tool::run does not catch it and the tool aborts.
TEST_CASE("Pseudonymiser::from_key_file: a directory is a no-input error", "[pseudonymise][errors]") {
  test::TempDir dir;
  const auto error = test::error_from([&] { Pseudonymiser::from_key_file(dir.path().string()); });
  REQUIRE(error);
  CHECK(error->code() == Exit::no_input);
}

TEST_CASE("is_identifying_column names the columns that identify a person directly", "[pseudonymise]") {
  for (const char* column : {"given_name", "family_name", "preferred_name", "legal_name", "middle_names", "name", "date_of_birth",
                             "upn", "uln", "address", "postcode", "email", "phone", "nhs_number"}) {
    INFO(column);
    CHECK(Pseudonymiser::is_identifying_column(column));
  }
  for (const char* column : {"learner_id", "attendance", "year_group", "sen_support", "", "names", "name_", "date_of_entry"}) {
    INFO(column);
    CHECK_FALSE(Pseudonymiser::is_identifying_column(column));
  }
}

}  // namespace
