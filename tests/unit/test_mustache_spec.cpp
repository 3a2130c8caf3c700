// The Mustache engine behind the documents (lib/documents/src/mustache.hpp) against the official
// Mustache spec's required modules (tests/conformance/mustache-spec): every test's template, data
// and partials must render to exactly its expected output.
#include "mustache.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

namespace fs = std::filesystem;

// The spec's escaping of {{x}}: HTML's four special characters (the documents escape for Markdown
// instead, but the spec's expected outputs are written for this).
std::string html_escape(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '"': escaped += "&quot;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

TEST_CASE("The documents' Mustache engine passes every test of the spec's required modules", "[mustache][conformance]") {
  const fs::path suite = fs::path(WAYMARK_CONFORMANCE_DIR) / "mustache-spec";
  int ran = 0;
  for (const char* module : {"comments", "delimiters", "interpolation", "inverted", "partials", "sections"}) {
    std::ifstream in(suite / (std::string(module) + ".json"));
    REQUIRE(in);
    const auto spec = nlohmann::json::parse(in);
    REQUIRE(!spec.at("tests").empty());
    for (const auto& test : spec.at("tests")) {
      INFO(module << ": " << test.at("name").get<std::string>() << " (" << test.at("desc").get<std::string>() << ")");
      std::map<std::string, std::string> partials;
      if (test.contains("partials")) {
        for (const auto& [name, text] : test.at("partials").items()) partials[name] = text.get<std::string>();
      }
      CHECK(waymark::render_mustache(test.at("template").get<std::string>(), test.at("data"), html_escape, partials) ==
            test.at("expected").get<std::string>());
      ++ran;
    }
  }
  // The six modules of the spec as copied (v1.4.2): a lost file or test fails here, not silently.
  CHECK(ran == 136);
}

TEST_CASE("The documents' Mustache engine skips a section for 0 and the empty string, as the templates expect", "[mustache]") {
  // Beyond the spec (which leaves falsiness to the language): templates write "{{#count}}" and
  // "{{#name}}" for "when there is one", so these hold whatever engine is behind render_mustache.
  const auto render = [](const std::string& text, const nlohmann::json& data) {
    return waymark::render_mustache(text, data, [](const std::string& s) { return s; });
  };
  CHECK(render("{{#n}}some {{n}}{{/n}}{{^n}}none{{/n}}", {{"n", 0}}) == "none");
  CHECK(render("{{#n}}some {{n}}{{/n}}{{^n}}none{{/n}}", {{"n", 3}}) == "some 3");
  CHECK(render("{{#s}}[{{s}}]{{/s}}{{^s}}blank{{/s}}", {{"s", ""}}) == "blank");
  CHECK(render("{{#s}}[{{s}}]{{/s}}{{^s}}blank{{/s}}", {{"s", "x"}}) == "[x]");
  CHECK(render("{{#v}}[{{v}}]{{/v}}{{^v}}null{{/v}}", {{"v", nullptr}}) == "null");
  CHECK(render("{{x}}", {{"x", 2.5}}) == "2.5");
  CHECK(render("{{x}}", {{"x", 1.0 / 3.0}}) == "0.33");
}

}  // namespace
