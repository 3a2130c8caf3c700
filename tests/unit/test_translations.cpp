// Translated templates keep up with their English: every templates/<tool>/<lang>/<name>.md.mustache
// uses the Mustache tags of templates/<tool>/<name>.md.mustache (but the deliberate differences
// of templates/translations.json, each with its reason), and records the SHA-256 of the English it
// was last checked against, so that a change to the English alone fails here until a translator
// has looked (scripts/translation-checked).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "helpers.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path templates_dir = WAYMARK_TEMPLATES_DIR;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view() : s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The tags of a template as a set of their normalised spellings: {{name}}, {{{name}}} (unescaped,
// also written {{&name}}), {{#name}}, {{^name}}, {{>name}}. Closing tags follow from sections and
// comments say nothing, so neither is kept.
std::set<std::string> tags_of(std::string_view text) {
  std::set<std::string> tags;
  for (auto at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at)) {
    const bool triple = text.substr(at, 3) == "{{{";
    const std::size_t open = triple ? 3 : 2;
    const auto end = text.find(triple ? "}}}" : "}}", at + open);
    if (end == std::string_view::npos) break;
    const auto inside = trim(text.substr(at + open, end - at - open));
    at = end + open;
    const char sigil = inside.empty() ? '\0' : inside.front();
    const auto name = std::string(trim(inside.substr(sigil == '\0' ? 0 : 1)));
    if (triple)
      tags.insert("{{{" + std::string(inside) + "}}}");
    else if (sigil == '!' || sigil == '/')
      continue;
    else if (sigil == '&')
      tags.insert("{{{" + name + "}}}");
    else if (sigil == '#' || sigil == '^' || sigil == '>')
      tags.insert("{{" + std::string(1, sigil) + name + "}}");
    else
      tags.insert("{{" + std::string(inside) + "}}");
  }
  return tags;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  REQUIRE(EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) == 1);
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += digits[digest[i] >> 4];
    hex += digits[digest[i] & 0xF];
  }
  return hex;
}

// Every translated template, as its path under templates/ ("plan-gen/cy/plan.md.mustache").
std::vector<std::string> translations() {
  std::vector<std::string> found;
  for (const auto& tool : fs::directory_iterator(templates_dir)) {
    if (!tool.is_directory()) continue;
    for (const auto& lang : fs::directory_iterator(tool.path())) {
      if (!lang.is_directory()) continue;
      for (const auto& file : fs::directory_iterator(lang.path())) {
        const auto name = file.path().filename().string();
        if (name.ends_with(".md.mustache")) found.push_back(fs::relative(file.path(), templates_dir).string());
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

fs::path english_of(const std::string& translation) {
  const fs::path path = templates_dir / translation;
  return path.parent_path().parent_path() / path.filename();
}

const nlohmann::json& manifest() {
  static const nlohmann::json json = nlohmann::json::parse(test::slurp(templates_dir / "translations.json"));
  return json;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

}  // namespace

TEST_CASE("tags are read as Mustache reads them", "[translations]") {
  CHECK(tags_of("{{! a {{comment}} }}Hello {{ name }}, {{{raw}}} {{& also_raw }}{{#list}}{{.}}{{/list}}{{^none}}-{{/none}}{{> part}}") ==
        std::set<std::string>{"{{name}}", "{{{raw}}}", "{{{also_raw}}}", "{{#list}}", "{{.}}", "{{^none}}", "{{>part}}"});
  // Escaped and unescaped are different tags: a translation that unescapes a value is caught.
  CHECK(tags_of("{{x}}") != tags_of("{{{x}}}"));
  CHECK(tags_of("{{#due}}by {{due}}{{/due}}") == std::set<std::string>{"{{#due}}", "{{due}}"});
  // The hash the records hold is the SHA-256 of the file's bytes (FIPS 180-2's example).
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("every translated template uses its English source's tags, but the differences given reasons", "[translations]") {
  const auto all = translations();
  REQUIRE_FALSE(all.empty());
  std::set<std::string> allowed_for;
  for (const auto& difference : manifest().at("tag_differences")) {
    const auto translation = difference.at("translation").get<std::string>();
    INFO("tag_differences entry for " << translation);
    CHECK(std::find(all.begin(), all.end(), translation) != all.end());
    CHECK(difference.at("reason").get<std::string>().size() > 20);
    CHECK(allowed_for.insert(translation).second);  // one entry per translation
  }
  for (const auto& translation : all) {
    INFO(translation << " against " << english_of(translation).string());
    REQUIRE(fs::exists(english_of(translation)));
    const auto english = tags_of(test::slurp(english_of(translation)));
    const auto translated = tags_of(test::slurp(templates_dir / translation));
    std::set<std::string> english_only_allowed, translation_only_allowed;
    for (const auto& difference : manifest().at("tag_differences")) {
      if (difference.at("translation") != translation) continue;
      for (const auto& tag : difference.at("english_only")) english_only_allowed.insert(tag.get<std::string>());
      for (const auto& tag : difference.at("translation_only")) translation_only_allowed.insert(tag.get<std::string>());
    }
    // Exactly the differences listed: one no longer there is stale and fails too.
    CHECK(minus(english, translated) == english_only_allowed);
    CHECK(minus(translated, english) == translation_only_allowed);
  }
}

TEST_CASE("every translated template follows the English as it is now", "[translations]") {
  const auto& follows = manifest().at("follows");
  const auto all = translations();
  for (const auto& translation : all) {
    INFO(translation << ": its English " << english_of(translation).string()
                     << " changed since the translation was checked against it. Bring the translation in line (or find "
                        "nothing to change), then: scripts/translation-checked templates/"
                     << translation << " (scripts/translation-checked alone shows the English diff)");
    REQUIRE(follows.contains(translation));
    CHECK(follows.at(translation).get<std::string>() == sha256_hex(test::slurp(english_of(translation))));
  }
  for (const auto& [translation, hash] : follows.items()) {
    INFO("templates/translations.json records " << translation << ", which is not a translated template");
    CHECK(std::find(all.begin(), all.end(), translation) != all.end());
  }
}
