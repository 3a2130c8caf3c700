#include "ctf.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark::transition {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Exit::no_input, "cannot open " + path + ": " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(Exit::io, "cannot read " + path + ": " + std::strerror(errno));
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
      : name_(std::move(name)), positions_(text), verbose_(verbose), dates_(dates) {}

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& problem, const std::string& expected) const {
    const std::string value = verbose_ && node.child_value()[0] != '\0' ? fmt::format(" in '{}'", node.child_value()) : "";
    throw data_error({name_, positions_.line(node.offset_debug()), {}},
                     fmt::format("element '{}': {}{}", node.name(), problem, value), expected);
  }

  std::string text(const pugi::xml_node& parent, const char* child) const {
    return std::string(trim(parent.child(child).child_value()));
  }
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
    learner.year_group = text(basic, "NCyearActual");
    if (!learner.year_group.empty()) record["nc_year"] = learner.year_group;
    auto languages = nlohmann::ordered_json::array();
    for (const auto type : basic.child("Languages").children("Type")) {
      if (const auto language = text(type, "Language"); !language.empty()) languages.push_back(language);
    }
    if (!languages.empty()) record["languages"] = languages;
    if (const auto status = text(basic, "EnrolStatus"); !status.empty()) record["enrol_status"] = status;
    if (const auto in_care = node.child("LookedAfter").child("InCare")) {
      try {
        if (const auto flag = parse_bool(trim(in_care.child_value()))) record["looked_after"] = *flag;
      } catch (const FieldError& e) {
        fail(in_care, e.what(), e.expected());
      }
    }
    auto fsm = nlohmann::ordered_json::array();
    for (const auto instance : node.child("FSMhistory").children("FSMinstance")) {
      fsm.push_back({{"start", date(instance, "FSMstartDate")}, {"end", date(instance, "FSMendDate")}});
    }
    if (!fsm.empty()) record["fsm_history"] = fsm;
    auto sen = nlohmann::ordered_json::array();
    for (const auto entry : node.child("SENhistory").children("SEN")) {
      auto needs = nlohmann::ordered_json::array();
      for (const auto need : entry.child("SENneeds").children("SENneed")) needs.push_back(text(need, "NeedType"));
      sen.push_back({{"start", date(entry, "StartDate")}, {"provision", text(entry, "SENprovision")}, {"needs", needs}});
    }
    if (!sen.empty()) record["sen_history"] = sen;
    auto attendance = nlohmann::ordered_json::array();
    for (const auto year : node.child("Attendance").children("YearData")) {
      nlohmann::ordered_json row{{"year", text(year, "Year")},
                                 {"school", text(year, "SchoolName")},
                                 {"sessions_possible", count(year, "SessionsPossible")},
                                 {"sessions_authorised_absence", count(year, "SessionsAuthorised")},
                                 {"sessions_unauthorised_absence", count(year, "SessionsUnauthorised")}};
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
};

std::string describe_parse_failure(const pugi::xml_parse_result& result, std::string_view text) {
  if (result.status == pugi::status_no_document_element) return "there is no XML element in the file (a CTF export: XML whose root is CTfile)";
  // pugixml stops at the end of the text when a tag or an element is still open: the file was cut short.
  const auto last = text.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos || static_cast<std::size_t>(result.offset) >= last) {
    return "the XML ends before its elements are closed: the file looks truncated (a complete CTF export)";
  }
  return fmt::format("not well-formed XML: {} (a CTF export as the school system wrote it)", result.description());
}

}  // namespace

CtfFile read_ctf(const Options& options) {
  const std::string text = read_file(options.ctf_path);
  // The CTF is XML whose dates are xs:date (ISO 8601), whatever the spreadsheets use.
  CtfReader reader(options.ctf_path, text, options.common.verbose, DateOrder::iso);
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    const auto& at = reader.positions();
    throw Error(Exit::data, fmt::format("{}:{}:{}: {}", options.ctf_path, at.line(parsed.offset), at.column(parsed.offset),
                                        describe_parse_failure(parsed, text)));
  }
  const auto root = doc.document_element();
  if (std::string_view(root.name()) != "CTfile") {
    throw data_error({options.ctf_path, reader.positions().line(root.offset_debug()), {}},
                     fmt::format("not a Common Transfer File: the root element is '{}'", root.name()),
                     "CTfile, as in a CTF export from SIMS, Arbor or Bromcom");
  }
  CtfFile file;
  file.source = options.ctf_path;
  const auto header = root.child("Header");
  if (!header) {
    throw data_error({options.ctf_path, reader.positions().line(root.offset_debug()), {}}, "element 'CTfile': there is no Header",
                     "a CTF with its Header (CTFversion, SourceSchool, DestSchool)");
  }
  file.version = reader.text(header, "CTFversion");
  const auto major = file.version.substr(0, file.version.find('.'));
  if (major != "24" && major != "25") {
    file.warnings.push_back(fmt::format("{}: CTF version {} is read as version 25 (this tool knows versions 24 and 25)", options.ctf_path,
                                        file.version.empty() ? "(none given)" : file.version));
  }
  const auto source = header.child("SourceSchool");
  file.source_school = reader.text(source, "SchoolName");
  if (file.source_school.empty()) file.source_school = reader.school_number(source);
  file.dest_school = reader.school_number(header.child("DestSchool"));
  for (const auto pupil : root.child("CTFpupilData").children("Pupil")) {
    auto learner = reader.pupil(pupil);
    if (const auto seen = file.learners.find(learner.id); seen != file.learners.end()) {
      throw data_error({options.ctf_path, learner.line, {}},
                       fmt::format("element 'UPN': the pupil appears twice (first on line {})", seen->second.line), "one Pupil per UPN");
    }
    file.ids.push_back(learner.id);
    file.learners.emplace(learner.id, std::move(learner));
  }
  return file;
}

}  // namespace waymark::transition
