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
    for (const auto& code : doc.at("english_first_language").at("codes")) c.english_.insert(code.get<std::string>());
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

const std::set<std::string, std::less<>>* CtfCodes::known_children(std::string_view section) const {
  const auto found = sections_.find(section);
  return found == sections_.end() ? nullptr : &found->second;
}

}  // namespace waymark::transition
