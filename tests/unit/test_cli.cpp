// The command line every tool shares: exit statuses, the error budget, completion scripts.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "waymark/cli.hpp"

using waymark::ErrorKind;
using waymark::Exit;
using waymark::exit_status;

TEST_CASE("Each kind of error exits with its sysexits.h status", "[cli]") {
  CHECK(static_cast<int>(exit_status(ErrorKind::usage)) == 2);
  CHECK(static_cast<int>(exit_status(ErrorKind::bad_data)) == 65);
  CHECK(static_cast<int>(exit_status(ErrorKind::missing_input)) == 66);
  CHECK(static_cast<int>(exit_status(ErrorKind::internal)) == 70);
  CHECK(static_cast<int>(exit_status(ErrorKind::cannot_create)) == 73);
  CHECK(static_cast<int>(exit_status(ErrorKind::io)) == 74);
  CHECK(waymark::completed(false) == 0);
  CHECK(waymark::completed(true) == 1);
}

TEST_CASE("The error budget reports bad values and ends the run once", "[cli]") {
  std::vector<std::string> reported;
  waymark::ErrorBudget budget(2, [&](const std::string& message) { reported.push_back(message); });
  const auto bad = [](int line) { throw waymark::data_error({"in.csv", line, "age"}, "negative"); };
  CHECK(budget.attempt([] {}));
  CHECK_FALSE(budget.attempt([&] { bad(2); }));
  SECTION("one bad value ends the run with that value's own message") {
    try {
      budget.finish();
      FAIL("finish did not throw");
    } catch (const waymark::Error& e) {
      CHECK(e.kind() == ErrorKind::bad_data);
      CHECK(std::string(e.what()) == "in.csv:2: column 'age': negative");
    }
  }
  SECTION("at the limit the run ends with a count, every value reported") {
    try {
      budget.attempt([&] { bad(3); });
      FAIL("the second bad value did not end the run");
    } catch (const waymark::Error& e) {
      CHECK(std::string(e.what()) == "stopped after 2 bad values (--max-errors 2)");
    }
    CHECK(reported == std::vector<std::string>{"in.csv:2: column 'age': negative", "in.csv:3: column 'age': negative"});
  }
  SECTION("an error of another kind is not counted but passed on") {
    CHECK_THROWS_AS(budget.attempt([] { throw waymark::Error(ErrorKind::io, "disk full"); }), waymark::Error);
  }
}

TEST_CASE("Completion scripts are written from the options defined", "[cli]") {
  waymark::Tool tool("demo-tool", "A tool for the test");
  std::string format = "csv";
  bool quiet = false;
  tool.app().add_option("--format", format, "Output format")->check(CLI::IsMember({"csv", "json"}));
  tool.app().add_flag("--quiet", quiet, "Say less");
  const std::string bash = tool.completion_script("bash");
  CHECK(bash.find("--format") != std::string::npos);
  CHECK(bash.find("--quiet") != std::string::npos);
  CHECK(bash.find("csv json") != std::string::npos);
  CHECK(bash.find("-F _demo_tool demo-tool") != std::string::npos);
  CHECK(tool.completion_script("zsh").find("#compdef demo-tool") == 0);
  CHECK(tool.completion_script("fish").find("complete -c demo-tool -l format") != std::string::npos);
}

TEST_CASE("A mode refuses a format it does not write, naming those it does", "[cli]") {
  const waymark::Mode summary{"--summary", {"txt", "csv", "json"}, "--gaps writes ndjson"};
  CHECK_NOTHROW(waymark::check_format(summary, ""));
  CHECK_NOTHROW(waymark::check_format(summary, "csv"));
  try {
    waymark::check_format(summary, "ndjson");
    FAIL("ndjson was accepted");
  } catch (const waymark::Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()) == "--summary writes txt, csv or json, not ndjson (--gaps writes ndjson)");
  }
  CHECK_THROWS_WITH(waymark::check_format({"--explain", {"txt"}}, "csv"), "--explain writes txt, not csv");
}

TEST_CASE("Completion scripts offer the values of an option checked by hand", "[cli]") {
  waymark::Tool tool("demo-tool", "A tool for the test");
  std::string tier;
  tool.app().add_option("--tier", tier, "Tiers")->check([](const std::string&) { return std::string{}; });
  tool.suggest_values("--tier", {"universal", "targeted", "intensive"});
  CHECK(tool.completion_script("bash").find("--tier) COMPREPLY=($(compgen -W \"universal targeted intensive\"") != std::string::npos);
  CHECK(tool.completion_script("zsh").find(":value:(universal targeted intensive)") != std::string::npos);
  CHECK(tool.completion_script("fish").find("-l tier -x -a 'universal targeted intensive'") != std::string::npos);
}

TEST_CASE("An option given in a mode it does nothing in is refused, naming the mode", "[cli]") {
  waymark::Tool tool("demo-tool", "A tool for the test");
  std::string fail_on;
  bool summary = false;
  tool.app().add_option("--fail-on", fail_on, "Exit 1 if found");
  tool.app().add_flag("--summary", summary, "Counts");
  tool.set_option_modes({{"scoring", "--summary", "--explain"}, {{"--fail-on", "yy-"}, {"--summary", "-y-"}}});
  std::vector<const char*> argv{"demo-tool", "--fail-on", "intensive"};
  std::string refusal;
  const int status = tool.run(static_cast<int>(argv.size()), const_cast<char**>(argv.data()), [&] {
    tool.check_options("scoring");
    tool.check_options("--summary");
    try {
      tool.check_options("--explain");
    } catch (const waymark::Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      refusal = e.what();
    }
    return 0;
  });
  CHECK(status == 0);
  CHECK(refusal == "--fail-on has no effect in --explain, so it is refused rather than ignored (it takes effect in scoring, --summary)");
}

TEST_CASE("A table of options by mode that misses an option stops the tool as a bug", "[cli]") {
  waymark::Tool tool("demo-tool", "A tool for the test");
  bool quiet = false, loud = false;
  tool.app().add_flag("--quiet", quiet, "Say less");
  tool.app().add_flag("--loud", loud, "Say more");
  tool.set_option_modes({{"scoring"}, {{"--quiet", "y"}}});
  std::vector<const char*> argv{"demo-tool"};
  bool ran = false;
  CHECK(tool.run(1, const_cast<char**>(argv.data()), [&] {
    ran = true;
    return 0;
  }) == 70);
  CHECK_FALSE(ran);
}
