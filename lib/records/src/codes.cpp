#include "waymark/codes.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "waymark/errors.hpp"

#include "waymark/fields.hpp"

namespace waymark {

namespace embedded {
extern const std::string_view codes_json;
}

namespace {

// Codes are compared as headings are, less brackets and symbols: case folded, spaces, '_', '-', '.' dropped.
std::string fold_code(std::string_view text) {
  std::string folded;
  for (const char c : trim(text)) {
    if (c == ' ' || c == '_' || c == '-' || c == '.') continue;
    folded += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return folded;
}

const std::map<std::string, SenProvision, std::less<>>& sen_provisions() {
  static const auto table = [] {
    std::map<std::string, SenProvision, std::less<>> built;
    const auto values = nlohmann::json::parse(embedded::codes_json).at("sen_provision").at("values");
    for (const auto provision : {SenProvision::none, SenProvision::sen_support, SenProvision::ehc_plan}) {
      built[fold_code(to_string(provision))] = provision;
      for (const auto& word : values.at(std::string(to_string(provision)))) built[fold_code(word.get<std::string>())] = provision;
    }
    return built;
  }();
  return table;
}

const std::map<std::string, SupportStatus, std::less<>>& support_statuses() {
  static const auto table = [] {
    std::map<std::string, SupportStatus, std::less<>> built;
    const auto values = nlohmann::json::parse(embedded::codes_json).at("support_status").at("values");
    for (const auto status : {SupportStatus::planned, SupportStatus::active, SupportStatus::ended, SupportStatus::declined}) {
      built[fold_code(to_string(status))] = status;
      for (const auto& word : values.at(std::string(to_string(status)))) built[fold_code(word.get<std::string>())] = status;
    }
    return built;
  }();
  return table;
}

struct YearGroups {
  std::vector<std::string> before_number;  // folded, longest first
  std::map<std::string, int, std::less<>> words;
  int highest = 14;
};

const YearGroups& year_groups() {
  static const auto table = [] {
    YearGroups built;
    const auto doc = nlohmann::json::parse(embedded::codes_json).at("year_group");
    for (const auto& word : doc.at("before_number")) built.before_number.push_back(fold_code(word.get<std::string>()));
    std::sort(built.before_number.begin(), built.before_number.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const auto& [word, year] : doc.at("words").items()) built.words[fold_code(word)] = year.get<int>();
    built.highest = doc.at("highest").get<int>();
    return built;
  }();
  return table;
}

}  // namespace

std::string_view to_string(SupportStatus status) {
  switch (status) {
    case SupportStatus::planned: return "planned";
    case SupportStatus::active: return "active";
    case SupportStatus::ended: return "ended";
    case SupportStatus::declined: return "declined";
  }
  return "planned";
}

std::optional<SupportStatus> parse_support_status(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  const auto& table = support_statuses();
  const auto it = table.find(fold_code(text));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

std::optional<int> parse_year_group(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // The usual value, a number alone, is read without folding.
  std::optional<std::uint64_t> number = text.size() <= 2 ? detail::digits_value(text) : std::nullopt;
  if (!number && text.size() <= 32) {
    const auto& table = year_groups();
    const auto folded = fold_code(text);
    if (const auto it = table.words.find(folded); it != table.words.end()) return it->second;
    for (const auto& word : table.before_number) {
      if (folded.size() > word.size() && folded.starts_with(word) && folded.size() - word.size() <= 2) {
        number = detail::digits_value(std::string_view(folded).substr(word.size()));
        if (number) break;
      }
    }
  }
  if (!number || *number < 1 || *number > static_cast<std::uint64_t>(year_groups().highest))
    throw FieldError("not a year group", std::string(year_group_expected));
  return static_cast<int>(*number);
}

std::string_view to_string(SenProvision provision) {
  switch (provision) {
    case SenProvision::none: return "none";
    case SenProvision::sen_support: return "sen_support";
    case SenProvision::ehc_plan: return "ehcp";
  }
  return "none";
}

std::optional<SenProvision> parse_sen_provision(std::string_view text) {
  // The usual values are short; a long text is none of them and is not copied.
  if (text.size() > 64) return std::nullopt;
  const auto& table = sen_provisions();
  const auto it = table.find(fold_code(text));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

}  // namespace waymark
