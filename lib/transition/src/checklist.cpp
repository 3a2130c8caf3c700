#include "waymark/transition/checklist.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "waymark/errors.hpp"

namespace waymark::embedded {
extern const std::string_view checklist_json;
}

namespace waymark::transition {

namespace {

constexpr std::array<std::string_view, move_kind_count> kind_names{"end_of_key_stage", "mid_term", "managed_move", "alternative_provision"};

std::array<bool, move_kind_count> read_kinds(const nlohmann::json& names) {
  std::array<bool, move_kind_count> kinds{};
  for (const auto& name : names) {
    const auto kind = parse_move_kind(name.get<std::string>());
    if (!kind) throw std::runtime_error("checklist.json: unknown kind of move " + name.dump());
    kinds[static_cast<std::size_t>(*kind)] = true;
  }
  return kinds;
}

std::array<bool, nation_count> read_nations(const nlohmann::json& parent) {
  if (!parent.contains("nations")) return {true, true};
  std::array<bool, nation_count> nations{};
  for (const auto& name : parent.at("nations")) {
    const auto nation = parse_nation(name.get<std::string>());
    if (!nation) throw std::runtime_error("checklist.json: unknown nation " + name.dump());
    nations[static_cast<std::size_t>(*nation)] = true;
  }
  return nations;
}

std::vector<Source> read_sources(const nlohmann::json& sources, const std::array<bool, move_kind_count>& kinds) {
  std::vector<Source> out;
  for (const auto& source : sources) {
    Source cited{source.at("passage").get<std::string>(), source.at("quote").get<std::string>(), kinds, read_nations(source)};
    // A passage may speak of fewer kinds of move than the item it supports.
    if (source.contains("kinds")) cited.kinds = read_kinds(source.at("kinds"));
    out.push_back(std::move(cited));
  }
  return out;
}

Deadline read_deadline(const nlohmann::json& deadline) {
  Deadline out;
  out.kinds = read_kinds(deadline.at("kinds"));
  out.days_before = deadline.value("days_before", 0);
  for (const auto& rule : deadline.at("rules")) {
    DeadlineRule read;
    read.year_groups = rule.value("year_groups", std::vector<int>{});
    read.phase_transfer = rule.value("phase_transfer", true);
    read.month = rule.value("month", 0);
    read.day = rule.value("day", 0);
    read.months_before = rule.value("months_before", 0);
    read.label = rule.at("label").get<std::string>();
    if (read.phase_transfer && (read.month == 0) == (read.months_before == 0))
      throw std::runtime_error("checklist.json: a deadline rule needs a month and day or months_before: " + read.label);
    out.rules.push_back(std::move(read));
  }
  out.sources = read_sources(deadline.at("sources"), out.kinds);
  return out;
}

ChecklistItem read_item(const nlohmann::json& item) {
  ChecklistItem out;
  out.code = item.value("code", "");
  out.phase = item.value("phase", "after");
  out.due_days = item.value("due_days", 0);
  out.owner = item.at("owner").get<std::string>();
  out.action = item.at("action").get<std::string>();
  out.when = item.value("when", "");
  if (!out.when.empty() && out.when != "looked_after" && out.when != "medical_flag" && out.when != "ehc_plan" && out.when != "aln") {
    throw std::runtime_error("checklist.json: item " + out.code + " has an unknown condition " + out.when);
  }
  out.kinds = read_kinds(item.at("kinds"));
  out.nations = read_nations(item);
  out.sources = read_sources(item.at("sources"), out.kinds);
  const auto schedule = item.value("schedule", "from_move");
  if (schedule != "from_move" && schedule != "as_soon_as_known")
    throw std::runtime_error("checklist.json: item " + out.code + " has an unknown schedule " + schedule);
  if (schedule == "as_soon_as_known") out.due_from = DueFrom::as_soon_as_known;
  if (item.contains("deadline")) out.deadline = read_deadline(item.at("deadline"));
  return out;
}

}  // namespace

std::string_view to_string(Nation nation) { return nation == Nation::wales ? "wales" : "england"; }

std::optional<Nation> parse_nation(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "england") return Nation::england;
  if (lower == "wales") return Nation::wales;
  return std::nullopt;
}

std::string_view to_string(MoveKind kind) { return kind_names[static_cast<std::size_t>(kind)]; }

std::optional<MoveKind> parse_move_kind(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == lower) return static_cast<MoveKind>(i);
  return std::nullopt;
}

// The file is ours and compiled in: a fault in it is a bug, reported as an internal error (exit 70).
const Checklist& Checklist::builtin() {
  static const Checklist checklist = [] {
    const auto doc = nlohmann::json::parse(embedded::checklist_json);
    Checklist c;
    for (const auto& item : doc.at("items")) c.items_.push_back(read_item(item));
    auto settling = doc.at("settling_in");
    settling["code"] = "settling_in";
    settling["phase"] = "after";
    c.settling_in_ = read_item(settling);
    for (const auto& meeting : settling.at("meetings")) {
      c.meetings_.push_back({meeting.at("code").get<std::string>(), meeting.at("label").get<std::string>(), meeting.value("days", 0),
                             meeting.value("months", 0)});
    }
    for (const auto& [role, label] : doc.at("roles").items()) c.roles_.emplace_back(role, label.get<std::string>());
    for (std::size_t i = 0; i < move_kind_count; ++i) c.kind_labels_[i] = doc.at("kinds").at(std::string(kind_names[i])).get<std::string>();
    c.wales_from_ = doc.at("nations").at("wales_authorities").at("from").get<int>();
    c.wales_to_ = doc.at("nations").at("wales_authorities").at("to").get<int>();
    // Items in the order they fall due, so every reader of the pack sees the move's timeline.
    std::stable_sort(c.items_.begin(), c.items_.end(), [](const auto& a, const auto& b) { return a.due_days < b.due_days; });
    for (const auto& item : c.items_) {
      if (c.role_label(item.owner).empty()) throw std::runtime_error("checklist.json: item " + item.code + " has an unknown owner");
    }
    return c;
  }();
  return checklist;
}

std::string Checklist::role_label(std::string_view role) const {
  for (const auto& [name, label] : roles_)
    if (name == role) return label;
  return {};
}

std::optional<Nation> Checklist::nation_of_authority(std::string_view code) const {
  if (code.empty() || code.size() > 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const int number = std::stoi(std::string(code));
  return number >= wales_from_ && number <= wales_to_ ? Nation::wales : Nation::england;
}

std::string Checklist::kind_label(MoveKind kind) const { return kind_labels_[static_cast<std::size_t>(kind)]; }

Date add_days(Date date, int days) { return Date{std::chrono::sys_days{date} + std::chrono::days{days}}; }

Date add_months(Date date, int months) {
  const Date moved = date + std::chrono::months{months};
  if (moved.ok()) return moved;
  return Date{std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}}};
}

Date next_weekday(Date date) {
  const std::chrono::weekday day{std::chrono::sys_days{date}};
  if (day == std::chrono::Saturday) return add_days(date, 2);
  if (day == std::chrono::Sunday) return add_days(date, 1);
  return date;
}

Date previous_weekday(Date date) {
  const std::chrono::weekday day{std::chrono::sys_days{date}};
  if (day == std::chrono::Saturday) return add_days(date, -1);
  if (day == std::chrono::Sunday) return add_days(date, -2);
  return date;
}

std::optional<int> year_number(std::string_view year_group) {
  std::string text;
  for (const char c : year_group) text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest(text);
  for (const std::string_view prefix : {"year", "yr", "y"}) {
    if (rest.starts_with(prefix)) {
      rest.remove_prefix(prefix.size());
      break;
    }
  }
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '-')) rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  if (rest.empty() || rest.size() > 2 || !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(std::string(rest));
}

std::optional<DeadlineDate> deadline_for(const ChecklistItem& item, MoveKind kind, Date move_date, std::string_view year_group) {
  if (!item.deadline || !item.deadline->kinds[static_cast<std::size_t>(kind)]) return std::nullopt;
  const auto year = year_number(year_group);
  for (const auto& rule : item.deadline->rules) {
    const bool holds =
        rule.year_groups.empty() || (year && std::find(rule.year_groups.begin(), rule.year_groups.end(), *year) != rule.year_groups.end());
    if (!holds) continue;
    if (!rule.phase_transfer) return std::nullopt;
    Date date = rule.months_before != 0 ? add_months(move_date, -rule.months_before)
                                        : Date{move_date.year(), std::chrono::month{static_cast<unsigned>(rule.month)},
                                               std::chrono::day{static_cast<unsigned>(rule.day)}};
    // The date of the year of the move can only bind a move after it (a phase transfer in
    // January would be due before it starts): then the day before the move.
    if (!(date < move_date)) date = add_days(move_date, -1);
    return DeadlineDate{date, &rule};
  }
  return std::nullopt;
}

Date meeting_due_date(Date move_date, const MeetingRule& rule) {
  return rule.months != 0 ? add_months(move_date, rule.months) : add_days(move_date, rule.days);
}

Date default_meeting_date(Date move_date, const MeetingRule& rule) { return next_weekday(meeting_due_date(move_date, rule)); }

}  // namespace waymark::transition
