#include "documents.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "waymark/codes.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/transition/learners.hpp"

namespace waymark::embedded {
extern const std::string_view transition_profile_template;
extern const std::string_view transition_record_template;
extern const std::string_view transition_checklist_template;
extern const std::span<const EmbeddedFile> transition_translations;  // templates/transition-pack/<lang>/
}  // namespace waymark::embedded

namespace waymark::transition {

namespace {

bool has_items(const nlohmann::json& value) { return value.is_array() && !value.empty(); }

// "Ms Adeyemi, transition manager", or the role alone when nobody is named.
std::string owner_text(const nlohmann::json& item) {
  const auto label = item.at("owner_label").get<std::string>();
  return item.at("owner_name").is_string() ? fmt::format("{}, {}", item.at("owner_name").get<std::string>(), label) : label;
}

// The words the pack itself supplies, in the messages' language where it has them
// ("/transition-pack/record/yes"), else the English given; what is missing is noted once per kind
// ("record descriptions") for the run's one warning.
class Words {
 public:
  Words(const Messages& messages, std::set<std::string>& lacking) : messages_(messages), lacking_(lacking) {}

  std::string operator()(const std::string& pointer, const std::string& english,
                         const std::vector<std::pair<std::string, std::string>>& values = {}) const {
    std::string pattern = english;
    if (messages_.lang() != "en") {
      const nlohmann::json::json_pointer at("/transition-pack" + pointer);
      if (messages_.catalogue().contains(at) && messages_.catalogue().at(at).is_string())
        pattern = messages_.catalogue().at(at).get<std::string>();
      else
        lacking_.insert(kind_of(pointer));
    }
    return values.empty() ? pattern : fill_placeholders(pattern, values);
  }

 private:
  static std::string kind_of(const std::string& pointer) {
    if (pointer.starts_with("/record/")) return "record descriptions";
    if (pointer.starts_with("/checklist/") || pointer.starts_with("/roles/")) return "checklist steps";
    if (pointer.starts_with("/meetings/")) return "settling-in meetings";
    return pointer.substr(1);
  }
  const Messages& messages_;
  std::set<std::string>& lacking_;
};

// SEN provision in words, from the words or the census codes (N, K, E, S) schools export. In
// Wales, where every learner with additional learning needs has an IDP, any provision is
// additional learning provision.
std::string sen_text(const std::string& provision, const Words& word, bool wales) {
  const auto read = parse_sen_provision(provision);
  if (!read) return provision;
  // Printed after "provision": "provision for additional learning needs (ALN)".
  if (wales && *read != SenProvision::none) return word("/record/aln_provision", "for additional learning needs (ALN)");
  switch (*read) {
    case SenProvision::none: return word("/record/sen_none", "none");
    case SenProvision::sen_support: return word("/record/sen_support", "SEN support");
    case SenProvision::ehc_plan: return word("/record/ehc_plan", "Education, Health and Care plan");
  }
  return provision;
}

nlohmann::json profile_data(const nlohmann::json& profile, bool wales) {
  if (profile.is_null()) return profile;
  auto data = profile;
  auto headings = nlohmann::json::array();
  for (const auto& column : profile.at("missing")) {
    for (const auto& field : profile_fields)
      if (field.column == column.get<std::string>()) headings.push_back(std::string(profile_heading(field, wales)));
  }
  data["missing_headings"] = headings;
  data["has_missing"] = !headings.empty();
  return data;
}

// "social, emotional and mental health (SEMH) (primary need), speech, ... (SLCN)": the words
// ctf_codes.json gives, the code as written where it gives none.
std::string coded_text(const nlohmann::json& coded) {
  if (coded.value("label", nlohmann::json()).is_string()) return coded.at("label").get<std::string>();
  return coded.value("code", nlohmann::json()).is_string() ? coded.at("code").get<std::string>() : std::string{};
}

std::string needs_text(const nlohmann::json& needs, const Words& word) {
  std::string text;
  for (const auto& need : needs) {
    if (!text.empty()) text += ", ";
    text += coded_text(need);
    if (need.value("rank", nlohmann::json()) == 1) text += " (" + word("/record/primary_need", "primary need") + ")";
  }
  return text;
}

std::string yes_no(const nlohmann::json& flag, const Words& word) {
  if (!flag.is_boolean()) return word("/record/not_recorded", "not recorded");
  return flag.get<bool>() ? word("/record/yes", "yes") : word("/record/no", "no");
}

// The CTF's first language (LanguageType F), or nullptr.
const nlohmann::json* first_language(const nlohmann::json& record) {
  if (!record.contains("languages")) return nullptr;
  for (const auto& language : record.at("languages"))
    if (language.value("code", nlohmann::json()) == "F") return &language;
  return nullptr;
}

// The facts a receiving school acts on first, in plain words; empty when the record has none.
nlohmann::json about_lines(const nlohmann::json& record, const Words& word) {
  auto lines = nlohmann::json::array();
  if (record.value("looked_after", nlohmann::json()).is_boolean()) {
    const bool looked_after = record.at("looked_after").get<bool>();
    if (looked_after && record.value("care_authority", nlohmann::json()).is_string()) {
      lines.push_back(word("/record/looked_after_by", "Looked after: yes, by local authority {authority}",
                           {{"authority", record.at("care_authority").get<std::string>()}}));
    } else {
      lines.push_back(looked_after ? word("/record/looked_after_yes", "Looked after: yes")
                                   : word("/record/looked_after_no", "Looked after: no"));
    }
  }
  if (record.contains("fsm_current")) {
    std::string spells;
    for (const auto& spell : record.at("fsm_history")) {
      spells += (spells.empty() ? "" : "; ") +
                word("/record/fsm_spell", "{start} to {end}",
                     {{"start", spell.at("start").is_string() ? spell.at("start").get<std::string>() : std::string("?")},
                      {"end", spell.at("end").is_string() ? spell.at("end").get<std::string>() : word("/record/fsm_now", "now")}});
    }
    lines.push_back(
        record.at("fsm_current").get<bool>()
            ? word("/record/fsm_eligible", "Free school meals: eligible now (eligible {spells})", {{"spells", spells}})
            : word("/record/fsm_not_eligible", "Free school meals: not eligible now (eligible {spells})", {{"spells", spells}}));
  }
  if (record.contains("languages")) {
    std::string languages;
    for (const auto& language : record.at("languages")) {
      const auto code = language.at("language").get<std::string>();
      languages += (languages.empty() ? "" : ", ") + code;
      // Codes that are not languages (REF, NOT, ENB, OTB) in words, in the record's language.
      if (language.value("language_label", nlohmann::json()).is_string())
        languages += ": " + word("/record/language_codes/" + code, language.at("language_label").get<std::string>());
      if (const auto kind = coded_text(language); !kind.empty()) languages += " (" + kind + ")";
    }
    lines.push_back(word("/record/languages", "Languages: {languages}", {{"languages", languages}}));
  }
  if (record.value("english_additional_language", nlohmann::json()).is_boolean()) {
    lines.push_back(word("/record/english_additional_language", "English as an additional language: {answer}",
                         {{"answer", yes_no(record.at("english_additional_language"), word)}}));
  } else if (const auto* first = first_language(record)) {
    // A first language refused or not obtained says nothing about English: unknown, never "yes".
    const auto code = first->at("language").get<std::string>();
    const auto words = first->value("language_label", nlohmann::json()).is_string()
                           ? ": " + word("/record/language_codes/" + code, first->at("language_label").get<std::string>())
                           : std::string{};
    lines.push_back(word("/record/english_additional_language_unknown",
                         "English as an additional language: not known (first language {code})", {{"code", code + words}}));
  }
  if (record.value("medical_flag", nlohmann::json()).is_boolean()) {
    lines.push_back(record.at("medical_flag").get<bool>()
                        ? word("/record/medical_yes",
                               "Medical condition: yes, the sending school holds medical information (ask for the healthcare plan)")
                        : word("/record/medical_none", "Medical condition: none flagged"));
  }
  if (record.value("address", nlohmann::json()).is_string() && !record.at("address").get<std::string>().empty()) {
    lines.push_back(word("/record/address", "Address: {address}", {{"address", record.at("address").get<std::string>()}}));
  }
  if (record.contains("disabilities")) {
    std::string codes;
    for (const auto& code : record.at("disabilities")) codes += (codes.empty() ? "" : ", ") + code.get<std::string>();
    lines.push_back(word("/record/disabilities", "Disabilities: {codes}", {{"codes", codes}}));
  }
  return lines;
}

nlohmann::json contacts_data(const nlohmann::json& contacts, const Words& word) {
  auto rows = nlohmann::json::array();
  for (auto contact : contacts) {
    std::string name;
    for (const char* part : {"title", "forename", "surname"}) {
      if (contact.value(part, nlohmann::json()).is_string()) name += (name.empty() ? "" : " ") + contact.at(part).get<std::string>();
    }
    contact["name"] = name;
    contact["relationship_text"] = coded_text(contact.at("relationship"));
    contact["responsibility_text"] = yes_no(contact.at("parental_responsibility"), word);
    std::string phones;
    for (const auto& phone : contact.value("phones", nlohmann::json::array())) {
      if (!phone.at("number").is_string()) continue;
      phones += (phones.empty() ? "" : "; ") + phone.at("number").get<std::string>();
      if (phone.at("type").is_string()) phones += " (" + phone.at("type").get<std::string>() + ")";
    }
    contact["phones_text"] = phones;
    rows.push_back(std::move(contact));
  }
  return rows;
}

nlohmann::json record_data(const nlohmann::json& record, const Words& word, bool wales) {
  auto data = record;
  data["about"] = about_lines(record, word);
  data["has_about"] = !data["about"].empty();
  data["has_contacts"] = has_items(record.value("contacts", nlohmann::json()));
  if (data["has_contacts"].get<bool>()) data["contacts"] = contacts_data(record.at("contacts"), word);
  // England's EHC plan, or in Wales the individual development plan every learner with
  // additional learning needs has (any SEN provision in the record but none).
  data["ehc_plan_text"] = !wales && record.value("ehc_plan", nlohmann::json()) == true ? word("/record/yes", "yes") : "";
  data["idp_text"] = wales && has_additional_needs(record) ? word("/record/yes", "yes") : "";
  if (record.contains("sen_needs")) data["sen_needs_text"] = needs_text(record.at("sen_needs"), word);
  if (data.contains("assessments")) {
    for (auto& result : data["assessments"]) {
      result["status_text"] = coded_text(result.value("result_status", nlohmann::json::object()));
      result["qualifier_text"] = coded_text(result.value("result_qualifier", nlohmann::json::object()));
    }
  }
  data["has_achievements"] = has_items(record.value("achievements", nlohmann::json()));
  data["has_assessments"] = has_items(record.value("assessments", nlohmann::json()));
  data["has_attendance_years"] = has_items(record.value("attendance", nlohmann::json()));
  data["has_attendance"] = data["has_attendance_years"].get<bool>() || record.contains("attendance_pct");
  if (record.contains("sen")) data["sen"] = sen_text(record.at("sen").get<std::string>(), word, wales);
  data["has_sen"] = record.contains("sen") || has_items(record.value("sen_history", nlohmann::json())) || record.contains("sen_needs");
  data["has_school_history"] = has_items(record.value("school_history", nlohmann::json()));
  if (data.contains("sen_history")) {
    for (auto& entry : data["sen_history"]) {
      entry["needs_text"] = needs_text(entry.at("needs"), word);
      entry["provision"] = sen_text(entry.value("provision", ""), word, wales);
    }
  }
  return data;
}

nlohmann::json checklist_data(const nlohmann::json& checklist) {
  nlohmann::json data{{"before", nlohmann::json::array()}, {"at", nlohmann::json::array()}, {"after", nlohmann::json::array()}};
  auto sources = nlohmann::json::array();
  for (auto item : checklist) {
    item["owner_text"] = owner_text(item);
    item["at_once"] = item.value("schedule", "") == "as_soon_as_known";
    for (const auto& source : item.at("sources"))
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
    data[item.at("phase").get<std::string>()].push_back(std::move(item));
  }
  data["sources"] = sources;
  return data;
}

// The name the young person goes by: the preferred forename and surname where the CTF gives
// them, else the legal ones; the id when there is no name at all.
std::string learner_name(const nlohmann::json& learner) {
  std::string name;
  for (const auto& [preferred, legal] :
       {std::pair{"preferred_given_name", "given_name"}, std::pair{"preferred_family_name", "family_name"}}) {
    const char* part = learner.value(preferred, nlohmann::json()).is_string() ? preferred : legal;
    if (learner.at(part).is_string()) name += (name.empty() ? "" : " ") + learner.at(part).get<std::string>();
  }
  return name.empty() ? learner.at("id").get<std::string>() : name;
}

std::string legal_name(const nlohmann::json& learner) {
  std::string name;
  for (const char* part : {"given_name", "family_name"}) {
    if (learner.at(part).is_string()) name += (name.empty() ? "" : " ") + learner.at(part).get<std::string>();
  }
  return name;
}

std::string heading_of(std::string_view column, bool wales) {
  for (const auto& field : profile_fields)
    if (field.column == column) return std::string(profile_heading(field, wales));
  return std::string(column);
}

void translate_words(nlohmann::json& data, const Pack& pack, const Messages& messages, const Words& word, bool wales) {
  auto& move = data["move"];
  move["kind_label"] = word("/kinds/" + move["kind"].get<std::string>(), move["kind_label"].get<std::string>());
  move["date_text"] = messages.date(*parse_date(move["move_date"].get<std::string>()));
  if (data["profile"].is_object()) {
    // Wales's own heading for additional needs has its own key (additional_needs_aln).
    const auto key = [&](const std::string& column) {
      return "/profile/" + column + (wales && column == "additional_needs" ? "_aln" : "");
    };
    for (auto& section : data["profile"]["sections"])
      section["heading"] = word(key(section["field"].get<std::string>()), section["heading"].get<std::string>());
    auto& missing = data["profile"]["missing_headings"];
    missing = nlohmann::json::array();
    for (const auto& column : data["profile"]["missing"])
      missing.push_back(word(key(column.get<std::string>()), heading_of(column.get<std::string>(), wales)));
  }
  // The checklist's steps, their owners' roles and the settling-in meetings, by code.
  for (const char* phase : {"before", "at", "after"}) {
    for (auto& item : data["checklist"][phase]) {
      item["action"] = word("/checklist/" + item["code"].get<std::string>(), item["action"].get<std::string>());
      item["owner_label"] = word("/roles/" + item["owner"].get<std::string>(), item["owner_label"].get<std::string>());
      item["owner_text"] = owner_text(item);
    }
  }
  for (auto& meeting : data["settling_in"])
    meeting["label"] = word("/meetings/" + meeting["code"].get<std::string>(), meeting["label"].get<std::string>());
  const std::string& key = pack.profile_note_key;
  if (key == "not_agreed" || key == "no_consent") {
    if (messages.lang() != "en" &&
        messages.catalogue().contains(nlohmann::json::json_pointer("/transition-pack/profile_note/not_shared"))) {
      const std::string why = word("/profile_note/" + key, "");
      data["profile_note"] = fill_placeholders(word("/profile_note/not_shared", data["profile_note"].get<std::string>()), {{"why", why}});
    } else {
      data["profile_note"] = word("/profile_note/not_shared", data["profile_note"].get<std::string>());
    }
  } else {
    data["profile_note"] = word("/profile_note/" + key, data["profile_note"].get<std::string>());
  }
}

}  // namespace

nlohmann::json document_data(const Pack& pack, const DocumentSettings& settings, const Messages& messages, std::set<std::string>& lacking) {
  // The templates work on plain JSON; the pack's key order matters only in pack.json.
  nlohmann::json data = nlohmann::json::parse(pack.json.dump());
  // A setting in Wales speaks of additional learning needs and IDPs, not SEN and EHC plans.
  const bool wales = data.value("nation", "") == "wales";
  data["wales"] = wales;
  data["profile"] = profile_data(data["profile"], wales);
  const Words word(messages, lacking);
  data["record"] = record_data(data["academic_record"], word, wales);
  data["checklist"] = checklist_data(data["checklist"]);
  data["settings"] = settings.values();
  data["learner"]["name"] = learner_name(data["learner"]);
  // The legal name is shown too when it differs from the one the young person goes by.
  if (const auto legal = legal_name(data["learner"]); !legal.empty() && legal != data["learner"]["name"].get<std::string>()) {
    data["learner"]["legal_name"] = legal;
  }
  translate_words(data, pack, messages, word, wales);
  return data;
}

PackDocuments::PackDocuments(const DocumentOptions& options, const std::function<void(const std::string&)>& warn)
    : settings_(options.settings()), page_(options.page(settings_)), warn_(warn) {
  if (!options.template_file.empty()) {
    throw Error(ErrorKind::usage,
                "--template replaces one template, and a pack has three: put profile.md.mustache, record.md.mustache "
                "or checklist.md.mustache in a directory and give --templates DIR");
  }
  auto chosen = options.templates({{{"profile", embedded::transition_profile_template},
                                    {"record", embedded::transition_record_template},
                                    {"checklist", embedded::transition_checklist_template}},
                                   embedded::transition_translations},
                                  {document_names.begin(), document_names.end()}, "", warn);
  templates_ = std::move(chosen.templates);
  messages_ = std::move(chosen.messages);
  for (const auto name : document_names) templates_.get(std::string(name));  // checks each before any output
}

std::vector<PackDocuments::Rendered> PackDocuments::render(const Pack& pack) const {
  std::set<std::string> lacking;
  const auto data = document_data(pack, settings_, messages_, lacking);
  const Words word(messages_, lacking);
  std::vector<std::string> titles;
  for (const auto document : document_names) {
    const std::string english = document == "profile"  ? "One-page profile"
                                : document == "record" ? "Academic record"
                                                       : "Transition checklist";
    titles.push_back(word("/titles/" + std::string(document), english));
  }
  if (!lacking.empty() && !warned_) {
    std::string list;
    for (const auto& key : lacking) list += (list.empty() ? "" : ", ") + key;
    warn_(fmt::format("--lang {}: not yet translated, printed in English: transition-pack {}", messages_.requested(), list));
    warned_ = true;
  }
  const auto name = learner_name(data.at("learner"));
  std::vector<Rendered> documents;
  for (std::size_t i = 0; i < document_names.size(); ++i) {
    const auto document = document_names[i];
    documents.push_back(
        {std::string(document), fmt::format("{}: {}", titles[i], name), render_markdown(templates_.get(std::string(document)), data)});
  }
  return documents;
}

std::string PackDocuments::collection_title() const {
  std::set<std::string> lacking;  // English where the language lacks it, without a warning of its own
  return Words(messages_, lacking)("/titles/collection", "Transition packs");
}

}  // namespace waymark::transition
