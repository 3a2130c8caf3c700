#include "waymark/transition/ctf_codes.hpp"

#include <nlohmann/json.hpp>

namespace waymark::embedded {
extern const std::string_view ctf_codes_json;
}

namespace waymark::transition {

// The file is ours and compiled in: a fault in it is a bug, reported as an internal error.
const CtfCodes& CtfCodes::builtin() {
  static const CtfCodes codes = [] {
    const auto doc = nlohmann::json::parse(embedded::ctf_codes_json);
    CtfCodes c;
    for (const char* list : {"sen_need_types", "language_types", "relationships", "result_qualifiers", "result_statuses"}) {
      auto& labels = c.labels_[list];
      for (const auto& [code, words] : doc.at(list).items())
        if (code != "about") labels.emplace(code, words.get<std::string>());
    }
    for (const auto& [section, children] : doc.at("elements").items()) {
      if (section == "about") continue;
      auto& known = c.sections_[section];
      for (const auto& child : children) known.insert(child.get<std::string>());
    }
    const auto& first = doc.at("first_language");
    for (const auto& code : first.at("english_languages"))
      c.first_language_.emplace(code.get<std::string>(), std::pair{FirstLanguage::english, std::string{}});
    for (const auto& [group, meaning] :
         {std::pair{"english", FirstLanguage::english}, std::pair{"other_than_english", FirstLanguage::other_than_english},
          std::pair{"unknown", FirstLanguage::unknown}}) {
      for (const auto& [code, words] : first.at(group).items())
        c.first_language_.emplace(code, std::pair{meaning, words.get<std::string>()});
    }
    for (const auto& line : doc.at("address").at("lines")) c.address_lines_.insert(line.get<std::string>());
    return c;
  }();
  return codes;
}

std::string CtfCodes::label(std::string_view list, std::string_view code) const {
  const auto found_list = labels_.find(list);
  if (found_list == labels_.end()) return {};
  const auto found = found_list->second.find(code);
  return found == found_list->second.end() ? std::string{} : found->second;
}

FirstLanguage CtfCodes::first_language(std::string_view code) const {
  const auto found = first_language_.find(code);
  return found == first_language_.end() ? FirstLanguage::other_than_english : found->second.first;
}

std::string CtfCodes::language_words(std::string_view code) const {
  const auto found = first_language_.find(code);
  return found == first_language_.end() ? std::string{} : found->second.second;
}

const std::set<std::string, std::less<>>* CtfCodes::known_children(std::string_view section) const {
  const auto found = sections_.find(section);
  return found == sections_.end() ? nullptr : &found->second;
}

}  // namespace waymark::transition
