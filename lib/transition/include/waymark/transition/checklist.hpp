// The support actions of a move (checklist.json, from the seed's Action 11 and Action 12) and
// their dates: each item falls a number of days before or after the move date, and the
// settling-in meetings a week, a month, three and six months after it.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::transition {

enum class MoveKind { end_of_key_stage, mid_term, managed_move, alternative_provision };
inline constexpr std::size_t move_kind_count = 4;

std::string_view to_string(MoveKind kind);
std::optional<MoveKind> parse_move_kind(std::string_view name);  // case-insensitive

// Where an item comes from in the seed, and the words it rests on.
struct Source {
  std::string passage;  // "Action 11, development 1.4"
  std::string quote;
  std::array<bool, move_kind_count> kinds{};  // the kinds of move this passage speaks of
};

struct ChecklistItem {
  std::string code;
  std::string phase;  // before, at, after
  int due_days = 0;   // from the move date
  std::string owner;  // a role of Checklist::role_label
  std::array<bool, move_kind_count> kinds{};
  // Empty: every move of its kinds. Otherwise a fact of the academic record that must be true:
  // looked_after, medical_flag or ehc_plan.
  std::string when;
  std::string action;
  std::vector<Source> sources;
};

struct MeetingRule {
  std::string code;   // one_week, one_month, ...
  std::string label;  // "after the first week"
  int days = 0;       // one of days and months is set
  int months = 0;
};

class Checklist {
 public:
  // The checklist compiled into the binary.
  static const Checklist& builtin();

  const std::vector<ChecklistItem>& items() const { return items_; }
  const std::vector<MeetingRule>& meetings() const { return meetings_; }
  const ChecklistItem& settling_in() const { return settling_in_; }
  std::string role_label(std::string_view role) const;
  std::string kind_label(MoveKind kind) const;

 private:
  std::vector<ChecklistItem> items_;
  ChecklistItem settling_in_;  // the item every meeting is an instance of
  std::vector<MeetingRule> meetings_;
  std::vector<std::pair<std::string, std::string>> roles_;
  std::array<std::string, move_kind_count> kind_labels_;
};

using Date = std::chrono::year_month_day;

// `date` moved by whole days (negative: earlier).
Date add_days(Date date, int days);
// `date` moved by calendar months; a day the month lacks becomes its last day (31 Jan + 1 month
// is 28 or 29 Feb).
Date add_months(Date date, int months);
// The date itself on a weekday, else the Monday after: a meeting is not set on a weekend.
Date next_weekday(Date date);
// The rule's offset from the move date: a week, a month, three or six months.
Date meeting_due_date(Date move_date, const MeetingRule& rule);
// When the settling-in meeting falls if nobody booked it and no term dates are given: the
// rule's offset, on a weekday.
Date default_meeting_date(Date move_date, const MeetingRule& rule);

}  // namespace waymark::transition
