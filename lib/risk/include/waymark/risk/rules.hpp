// The scoring rules of risk-check: data (rules.json, or --rules FILE), not code.
#pragma once

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/catalogue.hpp"

namespace waymark::risk {

enum class Tier { universal = 0, targeted = 1, intensive = 2 };
std::string_view to_string(Tier tier);
std::optional<Tier> parse_tier(std::string_view name);

// The learner fields a rule can test (see learner.hpp for how each is read from a record).
enum class Field {
  attendance,
  suspensions,
  permanent_exclusions,
  sen,
  eal,
  looked_after,
  young_carer,
  young_parent,
  fsm,
  youth_justice,
  custody,
  off_site,
  mid_term_moves,
  failing_english,
  failing_maths,
  reported_factors,
};
inline constexpr std::size_t field_count = 16;
std::string_view to_string(Field field);

// What kind of value a field holds, which decides how it is read and which tests apply. number
// and date are for the fields a rules file declares (a date is read as the days from it to --as-of).
enum class Kind { percent, count, category, flag, codes, number, date };
constexpr Kind kind_of(Field field) {
  switch (field) {
    case Field::attendance: return Kind::percent;
    case Field::suspensions:
    case Field::permanent_exclusions:
    case Field::mid_term_moves: return Kind::count;
    case Field::sen: return Kind::category;
    case Field::reported_factors: return Kind::codes;
    default: return Kind::flag;
  }
}
std::optional<Field> parse_field(std::string_view name);

// The values of the one category field, sen, in the order of the numbers a learner holds for them.
inline constexpr std::array<std::string_view, 3> sen_provisions{"none", "sen_support", "ehcp"};

// A field beyond the built-in ones, numbered from field_count (Field values past the named ones):
// one a rules file declares (a column of the school's own, such as a wellbeing score), or one
// worked out for a rule: a field's change since the --since file, or a count of --events.
struct RuleField {
  enum class Source { declared, change, events };
  Source source = Source::declared;
  std::string name;  // as a column, in `missing` and messages: wellbeing, attendance_pct_change, events.removal
  Kind kind = Kind::number;
  // declared: the values allowed (a percentage's are 0 to 100), the headings schools write for it,
  // and a code list's codes, in order (the learner's number is the code's position).
  double min = -std::numeric_limits<double>::infinity(), max = std::numeric_limits<double>::infinity();
  std::vector<std::string> headings;
  std::vector<std::string> codes;
  Field of{};              // change: the field that changed (this term's value less the earlier one)
  std::string event_type;  // events: the school's word for the kind of event
  int within_days = 0;     // events: only those in the N days up to --as-of; 0: all up to it
};

// Built-in fields, then the rules' own: a learner holds at most this many numbers.
inline constexpr std::size_t max_fields = 64;

// What a rule tests: below, at_most, at_least or equals a value, or is_true, as a range of the
// learner's number for the field (see Learner): it holds when low <= number < high. Unknown (NaN)
// is in no range. fell_by and rose_by test a change field; `shown` is -1 for fell_by, so that the
// reason says the fall as a positive number.
struct Condition {
  Field field;
  double low = 0, high = 0;
  double shown = 1;
};

// A reason: a sentence split where the learner's value goes, once, when the rules are read.
// `{value}` is the value; `{s}` pluralises ("1 time", "2 times").
class Sentence {
 public:
  Sentence() = default;
  explicit Sentence(std::string_view text);
  // The sentence for `value`, appended to `out`; the value with `decimal_mark` (',' in Italian).
  void append(double value, std::string& out, char decimal_mark = '.') const;

 private:
  enum class Fill { nothing, value, plural };
  struct Piece {
    std::string text;
    Fill then = Fill::nothing;  // what follows the text
  };
  std::vector<Piece> pieces_;
};

// Scores points when its condition holds. Of the indicators sharing a group, only the one with
// the most points fires (attendance at or below 85% scores 2, not 1 + 2).
struct Indicator {
  std::string code;
  Condition when;
  int points = 0;
  std::string group;
  Sentence reason;
  std::vector<std::string> risk_factors;
  // Context (a characteristic such as free school meals) rather than a need: it fires only beside
  // an indicator of need that scores, and counts towards intensive support only (the points of
  // needs alone decide targeted), so that who a learner is never flags them.
  bool context = false;
  // Actions (A01-A13) that answer this indicator specifically, recommended before broader ones.
  std::vector<std::string> actions;
  // The reason in other languages ("reason_it"), by language tag; Rules::use_language picks one.
  std::vector<std::pair<std::string, Sentence>> reasons_in;
};

// Lifts the tier to at least `tier` when its condition holds, whatever the score.
struct Override {
  std::string code;
  Condition when;
  Tier tier = Tier::targeted;
  Sentence reason;
  std::vector<std::pair<std::string, Sentence>> reasons_in;  // as Indicator's
};

// Indicators and overrides are evaluated as bit sets of 64.
inline constexpr std::size_t max_rules = 64;

struct Rules {
  int targeted_from = 2;
  int intensive_from = 4;
  // The most points context adds to a score, however many context indicators fire (no limit
  // unless the rules set one).
  int context_max = std::numeric_limits<int>::max();
  std::vector<Indicator> indicators;
  std::vector<Override> overrides;
  // Risk factor each reported taxonomy code maps to is the code itself; this is the indicator
  // that scores the count of reported codes.
  std::vector<bool> uses_field = std::vector<bool>(field_count, false);
  // The fields beyond the built-in ones: fields[i] is Field(field_count + i).
  std::vector<RuleField> fields;
  std::size_t field_total() const { return field_count + fields.size(); }
  // The field's name as a column (attendance: attendance_pct; wellbeing; events.removal).
  std::string_view name_of(Field field) const;
  Kind kind(Field field) const;
  // The rule field `field` is, or nullptr for a built-in one.
  const RuleField* rule_field(Field field) const;
  // The catalogue whose risk factors and actions the rules name; it must outlive the rules.
  const Catalogue* catalogue = nullptr;

  // The language of risk-check's own words (--lang), and of the reasons (use_language sets it
  // when the rules have some in it), which the phrase saying how attendance was worked out follows.
  std::string language = "en";
  std::string reasons_language = "en";
  // The actions' titles in that language, by catalogue position (empty: the catalogue's English),
  // and its decimal mark for the values in reasons.
  std::vector<std::string> action_titles;
  char decimal_mark = '.';
  // Writes the reasons in `lang` ("it") where the rules give them ("reason_it"); returns the codes
  // of the indicators and overrides that give none, whose reasons stay as written.
  std::vector<std::string> use_language(std::string_view lang);

  // The default rules compiled into risk-check.
  static Rules builtin(const Catalogue& catalogue);
  // The Italian rules compiled into risk-check (risk-check --rules italy).
  static Rules italy(const Catalogue& catalogue);
  // The text of shipped rules by name ("defaults", "italy"), or nullopt.
  static std::optional<std::string_view> shipped(std::string_view name);
  // Parses rules JSON (comments allowed). Throws Error(bad_data) naming the file and line on a
  // problem; every risk-factor code and action must be in `catalogue`.
  static Rules parse(std::string_view text, const std::string& source_name, const Catalogue& catalogue);
  static Rules load(const std::string& path, const Catalogue& catalogue);
};

}  // namespace waymark::risk
