#include "documents.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "learners.hpp"
#include "waymark/errors.hpp"

namespace waymark::embedded {
extern const std::string_view transition_profile_template;
extern const std::string_view transition_record_template;
extern const std::string_view transition_checklist_template;
}  // namespace waymark::embedded

namespace waymark::transition {

namespace {

bool has_items(const nlohmann::json& value) { return value.is_array() && !value.empty(); }

// "Ms Adeyemi, transition manager", or the role alone when nobody is named.
std::string owner_text(const nlohmann::json& item) {
  const auto label = item.at("owner_label").get<std::string>();
  return item.at("owner_name").is_string() ? fmt::format("{}, {}", item.at("owner_name").get<std::string>(), label) : label;
}

// SEN provision in words, from the words or the census codes (N, K, E) schools export.
std::string sen_text(const std::string& provision) {
  std::string key;
  for (const char c : provision) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key == "n" || key == "none" || key == "no") return "none";
  if (key == "k" || key == "sen_support" || key == "support") return "SEN support";
  if (key == "e" || key == "ehcp" || key == "ehc_plan" || key == "s") return "Education, Health and Care plan";
  return provision;
}

nlohmann::json profile_data(const nlohmann::json& profile) {
  if (profile.is_null()) return profile;
  auto data = profile;
  auto headings = nlohmann::json::array();
  for (const auto& column : profile.at("missing")) {
    for (const auto& field : profile_fields)
      if (field.column == column.get<std::string>()) headings.push_back(std::string(field.heading));
  }
  data["missing_headings"] = headings;
  data["has_missing"] = !headings.empty();
  return data;
}

nlohmann::json record_data(const nlohmann::json& record) {
  auto data = record;
  data["has_achievements"] = has_items(record.value("achievements", nlohmann::json()));
  data["has_assessments"] = has_items(record.value("assessments", nlohmann::json()));
  data["has_attendance_years"] = has_items(record.value("attendance", nlohmann::json()));
  data["has_attendance"] = data["has_attendance_years"].get<bool>() || record.contains("attendance_pct");
  if (record.contains("sen")) data["sen"] = sen_text(record.at("sen").get<std::string>());
  data["has_sen"] = record.contains("sen") || has_items(record.value("sen_history", nlohmann::json()));
  data["has_school_history"] = has_items(record.value("school_history", nlohmann::json()));
  if (data.contains("sen_history")) {
    for (auto& entry : data["sen_history"]) {
      std::string needs;
      for (const auto& need : entry.at("needs")) needs += (needs.empty() ? "" : ", ") + need.get<std::string>();
      entry["needs_text"] = needs;
      entry["provision"] = sen_text(entry.value("provision", ""));
    }
  }
  return data;
}

nlohmann::json checklist_data(const nlohmann::json& checklist) {
  nlohmann::json data{{"before", nlohmann::json::array()}, {"at", nlohmann::json::array()}, {"after", nlohmann::json::array()}};
  auto sources = nlohmann::json::array();
  for (auto item : checklist) {
    item["owner_text"] = owner_text(item);
    for (const auto& source : item.at("sources"))
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
    data[item.at("phase").get<std::string>()].push_back(std::move(item));
  }
  data["sources"] = sources;
  return data;
}

std::string learner_name(const nlohmann::json& learner) {
  std::string name;
  for (const char* part : {"given_name", "family_name"}) {
    if (learner.at(part).is_string()) name += (name.empty() ? "" : " ") + learner.at(part).get<std::string>();
  }
  return name.empty() ? learner.at("id").get<std::string>() : name;
}

}  // namespace

nlohmann::json document_data(const Pack& pack, const DocumentSettings& settings) {
  // The templates work on plain JSON; the pack's key order matters only in pack.json.
  nlohmann::json data = nlohmann::json::parse(pack.json.dump());
  data["profile"] = profile_data(data["profile"]);
  data["record"] = record_data(data["academic_record"]);
  data["checklist"] = checklist_data(data["checklist"]);
  data["settings"] = settings.values();
  return data;
}

PackDocuments::PackDocuments(const DocumentOptions& options) : settings_(options.settings()), page_(options.page(settings_)) {
  if (!options.template_file.empty()) {
    throw Error(Exit::usage, "--template replaces one template, and a pack has three: put profile.md.mustache, record.md.mustache "
                             "or checklist.md.mustache in a directory and give --templates DIR");
  }
  templates_.add_builtin("profile", embedded::transition_profile_template);
  templates_.add_builtin("record", embedded::transition_record_template);
  templates_.add_builtin("checklist", embedded::transition_checklist_template);
  options.apply_overrides(templates_, "");
  for (const auto name : document_names) templates_.get(std::string(name));  // checks each before any output
}

std::vector<PackDocuments::Rendered> PackDocuments::render(const Pack& pack) const {
  const auto data = document_data(pack, settings_);
  const auto name = learner_name(data.at("learner"));
  std::vector<Rendered> documents;
  for (const auto document : document_names) {
    const std::string title = document == "profile" ? "One-page profile" : document == "record" ? "Academic record" : "Transition checklist";
    documents.push_back({std::string(document), fmt::format("{}: {}", title, name),
                         render_markdown(templates_.get(std::string(document)), data)});
  }
  return documents;
}

}  // namespace waymark::transition
