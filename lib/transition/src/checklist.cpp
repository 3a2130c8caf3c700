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

constexpr std::array<std::string_view, move_kind_count> kind_names{"end_of_key_stage", "mid_term", "managed_move",
                                                                   "alternative_provision"};

ChecklistItem read_item(const nlohmann::json& item) {
  ChecklistItem out;
  out.code = item.value("code", "");
  out.phase = item.value("phase", "after");
  out.due_days = item.value("due_days", 0);
  out.owner = item.at("owner").get<std::string>();
  out.action = item.at("action").get<std::string>();
  out.when = item.value("when", "");
  if (!out.when.empty() && out.when != "looked_after" && out.when != "medical_flag" && out.when != "ehc_plan") {
    throw std::runtime_error("checklist.json: item " + out.code + " has an unknown condition " + out.when);
  }
  for (const auto& name : item.at("kinds")) {
    const auto kind = parse_move_kind(name.get<std::string>());
    if (!kind) throw std::runtime_error("checklist.json: unknown kind of move " + name.dump());
    out.kinds[static_cast<std::size_t>(*kind)] = true;
  }
  for (const auto& source : item.at("sources")) {
    Source cited{source.at("passage").get<std::string>(), source.at("quote").get<std::string>(), out.kinds};
    // A passage may speak of fewer kinds of move than the item it supports.
    if (source.contains("kinds")) {
      cited.kinds = {};
      for (const auto& name : source.at("kinds")) cited.kinds[static_cast<std::size_t>(*parse_move_kind(name.get<std::string>()))] = true;
    }
    out.sources.push_back(std::move(cited));
  }
  return out;
}

}  // namespace

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
      c.meetings_.push_back({meeting.at("code").get<std::string>(), meeting.at("label").get<std::string>(),
                             meeting.value("days", 0), meeting.value("months", 0)});
    }
    for (const auto& [role, label] : doc.at("roles").items()) c.roles_.emplace_back(role, label.get<std::string>());
    for (std::size_t i = 0; i < move_kind_count; ++i) c.kind_labels_[i] = doc.at("kinds").at(std::string(kind_names[i])).get<std::string>();
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

Date meeting_due_date(Date move_date, const MeetingRule& rule) {
  return rule.months != 0 ? add_months(move_date, rule.months) : add_days(move_date, rule.days);
}

Date default_meeting_date(Date move_date, const MeetingRule& rule) { return next_weekday(meeting_due_date(move_date, rule)); }

}  // namespace waymark::transition
