// Errors and exit codes (waymark/errors.hpp).
#include "waymark/errors.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "waymark/json_input.hpp"

namespace {

using waymark::describe;
using waymark::ErrorKind;
using waymark::Location;

TEST_CASE("describe writes file:line: column 'x': problem (expected)", "[errors]") {
  CHECK(describe({"cohort.csv", 12, "attendance"}, "not a number", "a number such as 12") ==
        "cohort.csv:12: column 'attendance': not a number (a number such as 12)");
}

TEST_CASE("describe leaves out the parts that are empty", "[errors]") {
  SECTION("no expected") { CHECK(describe({"cohort.csv", 12, "x"}, "problem") == "cohort.csv:12: column 'x': problem"); }
  SECTION("no column") { CHECK(describe({"cohort.csv", 12, ""}, "problem", "expected") == "cohort.csv:12: problem (expected)"); }
  SECTION("no line") { CHECK(describe({"cohort.csv", 0, "x"}, "problem", "expected") == "cohort.csv: column 'x': problem (expected)"); }
  SECTION("no file: the line alone is not shown") { CHECK(describe({"", 12, "x"}, "problem") == "column 'x': problem"); }
  SECTION("nothing but the problem") { CHECK(describe({}, "problem") == "problem"); }
  SECTION("a file only") { CHECK(describe({"<stdin>", 0, ""}, "the file is empty") == "<stdin>: the file is empty"); }
}

TEST_CASE("data_error is an Error with the data exit code and the described message", "[errors]") {
  const waymark::Error error = waymark::data_error({"in.csv", 3, "age"}, "negative", "0 or more");
  CHECK(error.kind() == ErrorKind::bad_data);
  CHECK(std::string(error.what()) == "in.csv:3: column 'age': negative (0 or more)");
}

TEST_CASE("Error and FieldError carry their parts", "[errors]") {
  const waymark::Error error(ErrorKind::io, "cannot write out.csv");
  CHECK(error.kind() == ErrorKind::io);
  CHECK(std::string(error.what()) == "cannot write out.csv");
  const waymark::FieldError field("not a date", "2026-09-07");
  CHECK(std::string(field.what()) == "not a date");
  CHECK(field.expected() == "2026-09-07");
  CHECK_THROWS_AS(throw error, std::runtime_error);
}

TEST_CASE("printable escapes what could act on a terminal and keeps text", "[errors]") {
  using waymark::printable;
  CHECK(printable("column 'Attendance %': not a number") == "column 'Attendance %': not a number");
  CHECK(printable("line one\nline two") == "line one\nline two");
  CHECK(printable("Zoë Łukasz 名前") == "Zoë Łukasz 名前");
  CHECK(printable("\x1b[2Jred\t") == "\\x1B[2Jred\\x09");
  CHECK(printable("\xc2\x9b") == "\\xC2\\x9B");  // a C1 control (CSI) in UTF-8
  CHECK(printable("a\xff"
                  "b\xc3") == "a\\xFFb\\xC3");            // invalid and truncated UTF-8
  CHECK(printable("\xed\xa0\x80") == "\\xED\\xA0\\x80");  // a surrogate
  CHECK(printable(std::string_view("\0x", 2)) == "\\x00x");
}

TEST_CASE("json_parse_reason gives nlohmann's reason without quoting the data", "[errors]") {
  for (const std::string text : {"{\"name\": \"Zoe Secret\n\"}", "[\"Zoe Secret'; expected x\"", "{\"Zoe Secret\" 1}", "tru Zoe"}) {
    INFO(text);
    try {
      const auto parsed = nlohmann::json::parse(text);
      INFO(parsed.dump());
      FAIL("parsed");
    } catch (const nlohmann::json::parse_error& e) {
      const auto reason = waymark::json_parse_reason(e);
      CHECK_THAT(reason, !Catch::Matchers::Contains("Zoe") && !Catch::Matchers::Contains("last read") &&
                             Catch::Matchers::StartsWith("syntax error"));
    }
  }
}

TEST_CASE("find_too_deep finds the first level beyond the limit, outside strings", "[errors]") {
  CHECK(waymark::find_too_deep("[[1]]", 2) == std::string_view::npos);
  CHECK(waymark::find_too_deep("[[[1]]]", 2) == 2);
  CHECK(waymark::find_too_deep("{\"a\": \"[[[[\\\"[[[\", \"b\": [1]}", 2) == std::string_view::npos);
  CHECK(waymark::find_too_deep(std::string(100000, '['), 64) == 64);
}

}  // namespace
