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

// The nation whose law a setting follows: England's SEN system (EHC plans, SENCOs) or, since
// 2021, Wales's additional learning needs system (IDPs, ALNCos).
enum class Nation { england, wales };
inline constexpr std::size_t nation_count = 2;
std::string_view to_string(Nation nation);
std::optional<Nation> parse_nation(std::string_view name);  // case-insensitive

// Where an item comes from in the seed, and the words it rests on.
struct Source {
  std::string passage;  // "Action 11, development 1.4"
  std::string quote;
  std::array<bool, move_kind_count> kinds{};  // the kinds of move this passage speaks of
  std::array<bool, nation_count> nations{true, true};
};

// A date the law sets for a step, by the young person's year group (checklist.json, deadline).
struct DeadlineRule {
  std::vector<int> year_groups;  // empty: any year group, and one that is not known
  bool phase_transfer = true;    // false: the law sets no date for these year groups
  int month = 0, day = 0;        // in the calendar year of the move
  int months_before = 0;         // or this many months before the move
  std::string label;             // "15 February of the year of the move, ..."
};

struct Deadline {
  std::array<bool, move_kind_count> kinds{};  // the kinds of move the law's date applies to
  int days_before = 0;                        // the step falls this many days before the date
  std::vector<DeadlineRule> rules;            // the first that holds the year group applies
  std::vector<Source> sources;
};

// When a step falls: counted from the move, as soon as the move is known (the day the pack is
// made), or by a date the law sets.
enum class DueFrom { move, as_soon_as_known };

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
  DueFrom due_from = DueFrom::move;
  std::optional<Deadline> deadline;
  std::array<bool, nation_count> nations{true, true};  // the nations whose settings take this step
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
  // The nation of a local authority by its number (a CTF's LEA, "681"); nullopt if it is not a number.
  std::optional<Nation> nation_of_authority(std::string_view code) const;
  std::string kind_label(MoveKind kind) const;

 private:
  std::vector<ChecklistItem> items_;
  ChecklistItem settling_in_;  // the item every meeting is an instance of
  std::vector<MeetingRule> meetings_;
  std::vector<std::pair<std::string, std::string>> roles_;
  std::array<std::string, move_kind_count> kind_labels_;
  int wales_from_ = 0, wales_to_ = 0;  // Welsh authorities' numbers
};

using Date = std::chrono::year_month_day;

// `date` moved by whole days (negative: earlier).
Date add_days(Date date, int days);
// `date` moved by calendar months; a day the month lacks becomes its last day (31 Jan + 1 month
// is 28 or 29 Feb).
Date add_months(Date date, int months);
// The date itself on a weekday, else the Monday after: a meeting is not set on a weekend.
Date next_weekday(Date date);
// The date itself on a weekday, else the Friday before.
Date previous_weekday(Date date);
// The year group as a number: "6", "Year 6", "Y6", "year 11"; nullopt for "R", "N1" or text.
std::optional<int> year_number(std::string_view year_group);
// The date the law sets for `item` on a move of `kind` on `move_date` for a young person in
// `year_group`, and the rule's words; nullopt when the item has no deadline for this move.
struct DeadlineDate {
  Date date;
  const DeadlineRule* rule = nullptr;
};
std::optional<DeadlineDate> deadline_for(const ChecklistItem& item, MoveKind kind, Date move_date, std::string_view year_group);
// The rule's offset from the move date: a week, a month, three or six months.
Date meeting_due_date(Date move_date, const MeetingRule& rule);
// When the settling-in meeting falls if nobody booked it and no term dates are given: the
// rule's offset, on a weekday.
Date default_meeting_date(Date move_date, const MeetingRule& rule);

}  // namespace waymark::transition
