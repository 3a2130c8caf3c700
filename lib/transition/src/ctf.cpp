#include "waymark/transition/ctf.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>

#include "waymark/codes.hpp"
#include "waymark/csv.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/transition/ctf_codes.hpp"

namespace waymark::transition {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::missing_input, "cannot open " + path + ": " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(ErrorKind::io, "cannot read " + path + ": " + std::strerror(errno));
  return text;
}

// Turns byte offsets in the file into lines and columns for messages.
class Positions {
 public:
  explicit Positions(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  long line(std::ptrdiff_t offset) const { return static_cast<long>(index(offset)) + 1; }
  long column(std::ptrdiff_t offset) const {
    return static_cast<long>(static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)) - line_starts_[index(offset)]) + 1;
  }

 private:
  std::size_t index(std::ptrdiff_t offset) const {
    const auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0));
    return static_cast<std::size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), at) - line_starts_.begin()) - 1;
  }
  std::vector<std::size_t> line_starts_{0};
};

// Reads the elements of one file, failing with the line of the element at fault.
class CtfReader {
 public:
  CtfReader(std::string name, std::string_view text, bool verbose, DateOrder dates)
      : name_(std::move(name)), positions_(text), verbose_(verbose), dates_(dates), codes_(CtfCodes::builtin()) {}

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& problem, const std::string& expected) const {
    const std::string value = verbose_ && node.child_value()[0] != '\0' ? fmt::format(" in '{}'", node.child_value()) : "";
    throw data_error({name_, positions_.line(node.offset_debug()), {}}, fmt::format("element '{}': {}{}", node.name(), problem, value),
                     expected);
  }

  std::string text(const pugi::xml_node& parent, const char* child) const { return std::string(trim(parent.child(child).child_value())); }
  // A date as JSON: ISO text, or null when the element is absent or empty.
  nlohmann::ordered_json date(const pugi::xml_node& parent, const char* child) const {
    const auto node = parent.child(child);
    try {
      const auto parsed = parse_date(trim(node.child_value()), dates_);
      return parsed ? nlohmann::ordered_json(format_date(*parsed)) : nlohmann::ordered_json();
    } catch (const FieldError& e) {
      fail(node, e.what(), e.expected());
    }
  }
  // A count of sessions: a JSON number, or null when the element is absent or empty.
  nlohmann::ordered_json count(const pugi::xml_node& parent, const char* child) const {
    const auto node = parent.child(child);
    try {
      const auto parsed = parse_count(trim(node.child_value()));
      return parsed ? nlohmann::ordered_json(*parsed) : nlohmann::ordered_json();
    } catch (const FieldError& e) {
      fail(node, e.what(), e.expected());
    }
  }

  // A yes/no element as JSON: true, false, or null when absent or empty.
  nlohmann::ordered_json flag(const pugi::xml_node& parent, const char* child) const {
    const auto node = parent.child(child);
    try {
      const auto parsed = parse_bool(trim(node.child_value()));
      return parsed ? nlohmann::ordered_json(*parsed) : nlohmann::ordered_json();
    } catch (const FieldError& e) {
      fail(node, e.what(), e.expected());
    }
  }
  // Text as JSON: null when absent or empty, never "".
  nlohmann::ordered_json text_or_null(const pugi::xml_node& parent, const char* child) const {
    const auto value = text(parent, child);
    return value.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(value);
  }
  // The first of two spellings the file uses.
  const char* either(const pugi::xml_node& parent, const char* name, const char* other) const { return parent.child(name) ? name : other; }
  // A code with its words from ctf_codes.json: {"code": "SEMH", "label": "social, ..."}.
  nlohmann::ordered_json coded(std::string_view list, const std::string& code) const {
    const auto words = codes_.label(list, code);
    return {{"code", code.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(code)},
            {"label", words.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(words)}};
  }
  // An address as its lines in order (house, street, town, postcode ...), joined: the CTF
  // gives either BS7666 parts or free lines, and both read in order. The UPRN, grid reference,
  // zone and country are for systems, not lines of an address (ctf_codes.json, address).
  std::string address(const pugi::xml_node& node) const {
    std::string joined;
    for (const auto part : node.select_nodes(".//*[not(*)]")) {
      if (!codes_.is_address_line(part.node().name())) continue;
      const auto value = trim(part.node().child_value());
      if (value.empty()) continue;
      if (!joined.empty()) joined += ", ";
      joined += value;
    }
    return joined;
  }
  nlohmann::ordered_json phones(const pugi::xml_node& parent) const {
    auto list = nlohmann::ordered_json::array();
    for (const auto phone : parent.child("Phones").children("Phone")) {
      list.push_back({{"type", text_or_null(phone, "TelephoneType")}, {"number", text_or_null(phone, "PhoneNo")}});
    }
    return list;
  }
  // The needs of one SENneeds element, primary need (rank 1) first.
  nlohmann::ordered_json needs(const pugi::xml_node& parent) const {
    auto list = nlohmann::ordered_json::array();
    for (const auto need : parent.child("SENneeds").children("SENneed")) {
      const auto type = text(need, either(need, "SENtype", "NeedType"));
      auto entry = coded("sen_need_types", type);
      entry["rank"] = count(need, either(need, "SENtypeRank", "NeedTypeRank"));
      entry["start"] = date(need, "NeedStartDate");
      entry["end"] = date(need, "NeedEndDate");
      list.push_back(std::move(entry));
    }
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      const auto rank = [](const auto& need) { return need["rank"].is_number() ? need["rank"].template get<long>() : 1000L; };
      return rank(a) < rank(b);
    });
    return list;
  }

  Learner pupil(const pugi::xml_node& node) const {
    Learner learner;
    learner.line = positions_.line(node.offset_debug());
    learner.id = text(node, "UPN");
    if (learner.id.empty()) {
      throw data_error({name_, learner.line, {}}, "element 'Pupil': there is no UPN", "every Pupil with its unique pupil number");
    }
    learner.family_name = text(node, "Surname");
    learner.given_name = text(node, "Forename");
    if (const auto birth = date(node, "DOB"); birth.is_string()) learner.date_of_birth = birth.get<std::string>();
    // CTF 24 and 25 name it Sex; files from older exports still say Gender.
    learner.gender = node.child("Sex") ? text(node, "Sex") : text(node, "Gender");
    auto& record = learner.record;
    const auto basic = node.child("BasicDetails");
    learner.preferred_given_name = text(basic, "PreferredForename");
    learner.preferred_family_name = text(basic, "PreferredSurname");
    learner.year_group = text(basic, "NCyearActual");
    if (!learner.year_group.empty()) record["nc_year"] = learner.year_group;
    if (const auto status = text(basic, "EnrolStatus"); !status.empty()) record["enrol_status"] = status;

    auto languages = nlohmann::ordered_json::array();
    std::string first_language;
    for (const auto type : basic.child("Languages").children("Type")) {
      const auto language = text(type, "Language");
      const auto kind = text(type, "LanguageType");
      if (language.empty()) continue;
      if (kind == "F" && first_language.empty()) first_language = language;
      auto entry = coded("language_types", kind);
      entry["language"] = language;
      // A code that is not a language (REF refused, ENB believed to be English) carries its words.
      if (const auto words = codes_.language_words(language); !words.empty()) entry["language_label"] = words;
      languages.push_back(std::move(entry));
    }
    if (!languages.empty()) record["languages"] = languages;
    // English as an additional language follows from the first language alone; none recorded,
    // or one refused or not obtained, is unknown.
    const auto first = codes_.first_language(first_language);
    record["english_additional_language"] = first_language.empty() || first == FirstLanguage::unknown
                                                ? nlohmann::ordered_json()
                                                : nlohmann::ordered_json(first == FirstLanguage::other_than_english);

    record["medical_flag"] = flag(basic, "MedicalFlag");
    auto disabilities = nlohmann::ordered_json::array();
    for (const auto disability : basic.child("Disabilities").children("Disability")) {
      if (const auto code = trim(disability.child_value()); !code.empty()) disabilities.push_back(std::string(code));
    }
    if (!disabilities.empty()) record["disabilities"] = disabilities;

    const auto looked_after = node.child("LookedAfter");
    record["looked_after"] = flag(looked_after, "InCare");
    record["care_authority"] = text_or_null(looked_after, "CareAuthority");

    const auto fsm_history = node.child("FSMhistory");
    auto fsm = nlohmann::ordered_json::array();
    bool fsm_now = false;
    for (const auto instance : fsm_history.children("FSMinstance")) {
      const auto end = date(instance, "FSMendDate");
      fsm_now = fsm_now || end.is_null();
      fsm.push_back({{"start", date(instance, "FSMstartDate")}, {"end", end}});
    }
    if (!fsm.empty()) {
      // An instance without an end date is the current one.
      record["fsm_current"] = fsm_now;
      record["fsm_review_date"] = date(fsm_history, "FSMreviewDate");
      record["fsm_history"] = fsm;
    }

    // SENneeds may sit inside each SEN or beside them under SENhistory: both are read.
    const auto sen_history = node.child("SENhistory");
    auto sen = nlohmann::ordered_json::array();
    for (const auto entry : sen_history.children("SEN")) {
      sen.push_back({{"start", date(entry, "StartDate")}, {"provision", text(entry, "SENprovision")}, {"needs", needs(entry)}});
    }
    // Oldest first, undated first, so the last is the provision now.
    const auto started = [](const auto& entry) {
      return entry["start"].is_string() ? entry["start"].template get<std::string>() : std::string{};
    };
    std::stable_sort(sen.begin(), sen.end(), [&](const auto& a, const auto& b) { return started(a) < started(b); });
    if (!sen.empty()) {
      record["sen_history"] = sen;
      const auto& latest = sen.back();
      record["ehc_plan"] = parse_sen_provision(latest["provision"].get<std::string>()) == SenProvision::ehc_plan;
    }
    if (const auto beside = needs(sen_history); !beside.empty()) record["sen_needs"] = beside;

    if (const auto home = node.child("Address")) record["address"] = address(home);
    if (const auto own = phones(node); !own.empty()) record["phones"] = own;
    if (const auto email = text(node, "Email"); !email.empty()) record["email"] = email;

    auto contacts = nlohmann::ordered_json::array();
    for (const auto contact : node.child("Contacts").children("Contact")) {
      auto entry = nlohmann::ordered_json{{"order", count(contact, "Order")},
                                          {"title", text_or_null(contact, "Title")},
                                          {"forename", text_or_null(contact, "Forename")},
                                          {"surname", text_or_null(contact, "Surname")}};
      entry["relationship"] = coded("relationships", text(contact, "Relationship"));
      entry["parental_responsibility"] = flag(contact, "Responsibility");
      entry["phones"] = phones(contact);
      entry["email"] = text_or_null(contact, "Email");
      if (const auto home = contact.child("Address")) entry["address"] = address(home);
      contacts.push_back(std::move(entry));
    }
    std::stable_sort(contacts.begin(), contacts.end(), [](const auto& a, const auto& b) {
      const auto order = [](const auto& c) { return c["order"].is_number() ? c["order"].template get<long>() : 1000L; };
      return order(a) < order(b);
    });
    if (!contacts.empty()) record["contacts"] = contacts;

    auto attendance = nlohmann::ordered_json::array();
    for (const auto year : node.child("Attendance").children("YearData")) {
      nlohmann::ordered_json row{{"year", text(year, "Year")},
                                 {"school", text(year, "SchoolName")},
                                 {"start_date", date(year, "AttendanceStartDate")},
                                 {"sessions_possible", count(year, "SessionsPossible")},
                                 {"sessions_authorised_absence", count(year, "SessionsAuthorised")},
                                 {"sessions_unauthorised_absence", count(year, "SessionsUnauthorised")}};
      // One character a session, from the start date on: kept as written for the receiving MIS.
      row["marks"] = text_or_null(year, "AttendanceMarks");
      const auto& possible = row["sessions_possible"];
      if (possible.is_number() && possible.get<long>() > 0) {
        const long missed = row["sessions_authorised_absence"].is_number() ? row["sessions_authorised_absence"].get<long>() : 0;
        const long unauthorised = row["sessions_unauthorised_absence"].is_number() ? row["sessions_unauthorised_absence"].get<long>() : 0;
        if (missed + unauthorised > possible.get<long>()) {
          fail(year, "more sessions missed than possible", "SessionsAuthorised + SessionsUnauthorised <= SessionsPossible");
        }
        // To one decimal place, as DfE reports attendance.
        const double share = 1.0 - static_cast<double>(missed + unauthorised) / static_cast<double>(possible.get<long>());
        row["attendance_pct"] = std::round(share * 1000.0) / 10.0;
      }
      attendance.push_back(row);
    }
    if (!attendance.empty()) record["attendance"] = attendance;
    auto assessments = nlohmann::ordered_json::array();
    for (const auto stage : node.child("StageAssessments").children("KeyStage")) {
      const auto key_stage = text(stage, "Stage");
      for (const auto result : stage.children("StageAssessment")) {
        assessments.push_back({{"key_stage", key_stage},
                               {"year", text(result, "Year")},
                               {"subject", text(result, "Subject")},
                               {"method", text(result, "Method")},
                               {"component", text(result, "Component")},
                               {"result", text(result, "Result")},
                               {"result_status", coded("result_statuses", text(result, "ResultStatus"))},
                               {"result_qualifier", coded("result_qualifiers", text(result, "ResultQualifier"))},
                               {"result_date", date(result, "ResultDate")}});
      }
    }
    if (!assessments.empty()) record["assessments"] = assessments;
    auto history = nlohmann::ordered_json::array();
    for (const auto school : node.child("SchoolHistory").children("School")) {
      history.push_back({{"school", text(school, "SchoolName")},
                         {"number", school_number(school)},
                         {"entry_date", date(school, "EntryDate")},
                         {"leaving_date", date(school, "LeavingDate")},
                         {"leaving_reason", text(school, "LeavingReason")}});
    }
    if (!history.empty()) record["school_history"] = history;
    return learner;
  }

  // Elements of the sections this reader walks that it does not know, by path, with the line
  // of the first: a newer CTF may add data the receiving school needs, so it is never dropped silently.
  void note_unknown(const pugi::xml_node& node, const std::string& section, std::vector<std::pair<std::string, long>>& unknown) const {
    const auto* known = codes_.known_children(section);
    if (known == nullptr) return;
    for (const auto child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string path = section.empty() ? child.name() : section + "/" + child.name();
      if (!known->contains(std::string_view(child.name()))) {
        if (std::none_of(unknown.begin(), unknown.end(), [&](const auto& seen) { return seen.first == path; })) {
          unknown.emplace_back(path, positions_.line(child.offset_debug()));
        }
        continue;
      }
      note_unknown(child, path, unknown);
    }
  }

  // The DfE establishment number as schools write it: "823/4102".
  std::string school_number(const pugi::xml_node& school) const {
    const auto lea = text(school, "LEA");
    const auto estab = text(school, "Estab");
    return lea.empty() || estab.empty() ? lea + estab : lea + "/" + estab;
  }

  const Positions& positions() const { return positions_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  Positions positions_;
  bool verbose_;
  DateOrder dates_;
  const CtfCodes& codes_;
};

std::string describe_parse_failure(const pugi::xml_parse_result& result, std::string_view text) {
  if (result.status == pugi::status_no_document_element)
    return "there is no XML element in the file (a CTF export: XML whose root is CTfile)";
  // pugixml stops at the end of the text when a tag or an element is still open: the file was cut short.
  const auto last = text.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos || static_cast<std::size_t>(result.offset) >= last) {
    return "the XML ends before its elements are closed: the file looks truncated (a complete CTF export)";
  }
  return fmt::format("not well-formed XML: {} (a CTF export as the school system wrote it)", result.description());
}

// The element a byte lies in: the name of the nearest start tag before it ("" before the root).
std::string element_at(std::string_view text, std::size_t offset) {
  for (std::size_t at = std::min(offset, text.size()); at-- > 0;) {
    if (text[at] != '<' || at + 1 >= text.size() || std::strchr("/?!", text[at + 1]) != nullptr) continue;
    const auto end = std::min(text.find_first_of(" \t\r\n/>", at + 1), text.size());
    return std::string(text.substr(at + 1, end - at - 1));
  }
  return "";
}

// Whether `code` may appear in XML 1.0 text (its Char production), as a reference or a byte.
bool is_xml_char(unsigned long code) {
  return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD) ||
         (code >= 0x10000 && code <= 0x10FFFF);
}

// The length of a valid reference starting at `at` ('&'): one of XML's five entities or a character
// reference to a character XML allows; 0 otherwise.
std::size_t reference_length(std::string_view text, std::size_t at) {
  const auto end = text.find(';', at);
  if (end == std::string_view::npos || end - at > 12) return 0;
  const auto name = text.substr(at + 1, end - at - 1);
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") return end - at + 1;
  if (name.size() < 2 || name[0] != '#') return 0;
  const bool hex = name[1] == 'x';
  const auto digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return 0;
  unsigned long code = 0;
  for (const char c : digits) {
    const int digit = (c >= '0' && c <= '9')          ? c - '0'
                      : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                      : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                      : -1;
    if (digit < 0) return 0;
    code = code * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
    if (code > 0x10FFFF) return 0;
  }
  return is_xml_char(code) ? end - at + 1 : 0;
}

// A CTF holds children's names: text the XML parser would change silently is refused instead, as
// CSV input refuses it. Invalid UTF-8, a NUL or other control byte, a reference to an entity XML
// does not define or to a character it does not allow (&#0;, &#xD800;), a bare '&', and a DOCTYPE
// (which could define entities of its own) are each an error naming the element and line.
void check_ctf_text(const std::string& path, std::string_view text, const Positions& at) {
  const auto refuse = [&](std::size_t offset, const std::string& problem, const std::string& expected) {
    const auto element = element_at(text, offset);
    throw data_error({path, at.line(static_cast<std::ptrdiff_t>(offset)), {}},
                     element.empty() ? problem : fmt::format("element '{}': {}", element, problem), expected);
  };
  const std::string_view utf8 = "a CTF export as the school system wrote it: UTF-8 XML";
  std::size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) refuse(bad, "invalid UTF-8", std::string(utf8));
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      refuse(i, c == '\0' ? "a NUL byte" : fmt::format("the control byte \\x{:02X}", static_cast<unsigned char>(c)), std::string(utf8));
    } else if (c == '<' && text.substr(i, 9) == "<!DOCTYPE") {
      refuse(i, "a DOCTYPE declaration, which could define entities of its own", "a CTF export without one");
    } else if (c == '<' && text.substr(i, 4) == "<!--") {
      const auto end = text.find("-->", i + 4);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == '<' && text.substr(i, 9) == "<![CDATA[") {
      const auto end = text.find("]]>", i + 9);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == '&') {
      const auto length = reference_length(text, i);
      if (length == 0) {
        const std::string expected = "&amp; &lt; &gt; &quot; &apos; or a character reference such as &#233; to a character XML allows";
        const auto end = text.find(';', i);
        const auto name = end == std::string_view::npos || end - i > 12 ? std::string_view() : text.substr(i + 1, end - i - 1);
        // A reference is quoted; what follows a bare '&' is not (it may be a name).
        if (name.empty() || name.find_first_of(" \t\r\n<&") != std::string_view::npos)
          refuse(i, "an '&' that does not start a reference", expected);
        if (name[0] == '#') refuse(i, fmt::format("'&{};' refers to a character XML does not allow", name), expected);
        refuse(i, fmt::format("'&{};' is not an entity XML defines", name), expected);
      }
      i += length - 1;
    }
  }
}

}  // namespace

CtfFile read_ctf(const std::string& ctf_path, bool verbose) {
  const std::string text = read_file(ctf_path);
  // The CTF is XML whose dates are xs:date (ISO 8601), whatever the spreadsheets use.
  CtfReader reader(ctf_path, text, verbose, DateOrder::iso);
  check_ctf_text(ctf_path, text, reader.positions());
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    const auto& at = reader.positions();
    throw Error(ErrorKind::bad_data, fmt::format("{}:{}:{}: {}", ctf_path, at.line(parsed.offset), at.column(parsed.offset),
                                                 describe_parse_failure(parsed, text)));
  }
  const auto root = doc.document_element();
  if (std::string_view(root.name()) != "CTfile") {
    throw data_error({ctf_path, reader.positions().line(root.offset_debug()), {}},
                     fmt::format("not a Common Transfer File: the root element is '{}'", root.name()),
                     "CTfile, as in a CTF export from SIMS, Arbor or Bromcom");
  }
  CtfFile file;
  file.source = ctf_path;
  const auto header = root.child("Header");
  if (!header) {
    throw data_error({ctf_path, reader.positions().line(root.offset_debug()), {}}, "element 'CTfile': there is no Header",
                     "a CTF with its Header (CTFversion, SourceSchool, DestSchool)");
  }
  file.version = reader.text(header, "CTFversion");
  const auto major = file.version.substr(0, file.version.find('.'));
  if (major != "24" && major != "25") {
    file.warnings.push_back(fmt::format("{}: CTF version {} is read as version 25 (this tool knows versions 24 and 25)", ctf_path,
                                        file.version.empty() ? "(none given)" : file.version));
  }
  // When the file was exported: nothing in the pack is scheduled before it.
  if (const auto stamp = header.child("DateTime")) {
    const auto value = trim(stamp.child_value());
    try {
      file.exported = parse_date(value.substr(0, std::min<std::size_t>(value.size(), 10)), DateOrder::iso);
    } catch (const FieldError& e) {
      reader.fail(stamp, e.what(), "the export's date and time, such as 2027-07-16T15:42:10");
    }
  }
  const auto source = header.child("SourceSchool");
  file.source_school = reader.text(source, "SchoolName");
  if (file.source_school.empty()) file.source_school = reader.school_number(source);
  file.dest_school = reader.school_number(header.child("DestSchool"));
  file.source_authority = reader.text(source, "LEA");
  file.dest_authority = reader.text(header.child("DestSchool"), "LEA");
  std::vector<std::pair<std::string, long>> unknown;
  for (const auto pupil : root.child("CTFpupilData").children("Pupil")) {
    auto learner = reader.pupil(pupil);
    if (const auto seen = file.learners.find(learner.id); seen != file.learners.end()) {
      throw data_error({ctf_path, learner.line, {}},
                       fmt::format("element 'UPN': the pupil appears twice (first on line {})", seen->second.line), "one Pupil per UPN");
    }
    reader.note_unknown(pupil, "", unknown);
    file.ids.push_back(learner.id);
    file.learners.emplace(learner.id, std::move(learner));
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& [path, line] : unknown) list += fmt::format("{}Pupil/{} (line {})", list.empty() ? "" : ", ", path, line);
    file.warnings.push_back(fmt::format("{}: {} element{} this tool does not know, not read into the pack: {}", ctf_path, unknown.size(),
                                        unknown.size() == 1 ? "" : "s", list));
  }
  return file;
}

}  // namespace waymark::transition
