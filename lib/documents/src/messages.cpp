// Message catalogues: one JSON file per language, compiled in, English underneath every other.
#include "waymark/messages.hpp"

#include <cctype>
#include <fmt/format.h>

#include <span>

#include "waymark/embedded.hpp"
#include "waymark/errors.hpp"

namespace waymark::embedded {
extern const std::span<const EmbeddedFile> message_catalogues;  // lib/documents/data/messages/*.json
}

namespace waymark {

namespace {

const nlohmann::json* catalogue_file(std::string_view lang) {
  static const auto parsed = [] {
    std::map<std::string, nlohmann::json, std::less<>> catalogues;
    for (const auto& file : embedded::message_catalogues) {
      std::string name(file.path);
      if (!name.ends_with(".json")) continue;
      name.resize(name.size() - 5);
      catalogues[name] = nlohmann::json::parse(file.text);
    }
    return catalogues;
  }();
  const auto found = parsed.find(lang);
  return found == parsed.end() ? nullptr : &found->second;
}

// Fills `into` (a copy of the translation) with English wherever it lacks a message, noting each
// one. Keys starting with '_' are notes for translators, not messages.
void fill_from_english(nlohmann::json& into, const nlohmann::json& english, const std::string& at, std::vector<std::string>& missing) {
  for (const auto& [key, value] : english.items()) {
    if (key.starts_with('_')) continue;
    const std::string pointer = at + "/" + key;
    if (!into.contains(key) || into[key].type() != value.type() || (value.is_array() && into[key].size() != value.size())) {
      into[key] = value;
      missing.push_back(pointer);
    } else if (value.is_object()) {
      fill_from_english(into[key], value, pointer, missing);
    }
  }
}

bool valid_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > 35 || tag.front() == '-' || tag.back() == '-') return false;
  for (const char c : tag)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace

std::string fill_placeholders(std::string_view pattern, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  std::size_t start = 0;
  while (start < pattern.size()) {
    const std::size_t open = pattern.find('{', start);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) {
      out.append(pattern.substr(start));
      break;
    }
    out.append(pattern.substr(start, open - start));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    bool replaced = false;
    for (const auto& [key, value] : values)
      if (key == name) {
        out += value;
        replaced = true;
        break;
      }
    if (!replaced) out.append(pattern.substr(open, close - open + 1));
    start = close + 1;
  }
  return out;
}

Messages::Messages() : catalogue_(*catalogue_file("en")) {}

Messages::Messages(std::string_view lang) : requested_(lang) {
  if (!valid_tag(lang)) throw Error(ErrorKind::usage, fmt::format("--lang: '{}' is not a language tag (such as en, cy or it)", lang));
  const nlohmann::json& english = *catalogue_file("en");
  const nlohmann::json* translation = catalogue_file(lang);
  std::string found_tag(lang);
  if (!translation) {
    // Language tags are case-insensitive (CY, cy-GB): the catalogues are named by the language alone.
    found_tag = std::string(lang.substr(0, lang.find('-')));
    for (auto& c : found_tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    translation = catalogue_file(found_tag);
  }
  found_ = translation != nullptr;
  if (!found_) {
    catalogue_ = english;
    return;
  }
  lang_ = found_tag;
  catalogue_ = *translation;
  fill_from_english(catalogue_, english, "", missing_);
}

std::string Messages::language_name() const { return catalogue_.value("language", lang_); }

const std::string& Messages::text(std::string_view pointer) const {
  return catalogue_.at(nlohmann::json::json_pointer(std::string(pointer))).get_ref<const std::string&>();
}

std::string Messages::format(std::string_view pointer, const std::vector<std::pair<std::string, std::string>>& values) const {
  return fill_placeholders(text(pointer), values);
}

std::string Messages::date(std::chrono::year_month_day date) const {
  const auto& months = catalogue_.at("months");
  return fill_placeholders(text("/date"), {{"day", std::to_string(static_cast<unsigned>(date.day()))},
                                           {"month", months.at(static_cast<unsigned>(date.month()) - 1).get<std::string>()},
                                           {"year", std::to_string(static_cast<int>(date.year()))}});
}

std::vector<std::string> Messages::languages() {
  std::vector<std::string> names;
  for (const auto& file : embedded::message_catalogues)
    if (file.path.ends_with(".json")) names.emplace_back(file.path.substr(0, file.path.size() - 5));
  return names;
}

}  // namespace waymark
