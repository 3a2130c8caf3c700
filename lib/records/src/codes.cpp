#include "waymark/codes.hpp"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

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
