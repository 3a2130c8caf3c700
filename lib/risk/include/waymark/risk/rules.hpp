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
  attendance, suspensions, permanent_exclusions, sen, eal, looked_after, young_carer, young_parent, fsm,
  youth_justice, custody, off_site, mid_term_moves, failing_english, failing_maths, reported_factors,
};
inline constexpr std::size_t field_count = 16;
std::string_view to_string(Field field);

// What kind of value a field holds, which decides how it is read and which tests apply.
enum class Kind { percent, count, category, flag, codes };
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

// What a rule tests: below, at_most, at_least or equals a value, or is_true, as a range of the
// learner's number for the field (see Learner): it holds when low <= number < high. Unknown (NaN)
// is in no range.
struct Condition {
  Field field;
  double low = 0, high = 0;
};

// A reason: a sentence split where the learner's value goes, once, when the rules are read.
// `{value}` is the value; `{s}` pluralises ("1 time", "2 times").
class Sentence {
 public:
  Sentence() = default;
  explicit Sentence(std::string_view text);
  // The sentence for `value`, appended to `out`.
  void append(double value, std::string& out) const;

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
};

// Lifts the tier to at least `tier` when its condition holds, whatever the score.
struct Override {
  std::string code;
  Condition when;
  Tier tier = Tier::targeted;
  Sentence reason;
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
  // The catalogue whose risk factors and actions the rules name; it must outlive the rules.
  const Catalogue* catalogue = nullptr;

  // The default rules compiled into risk-check.
  static Rules builtin(const Catalogue& catalogue);
  // Parses rules JSON (comments allowed). Throws Error(bad_data) naming the file and line on a
  // problem; every risk-factor code and action must be in `catalogue`.
  static Rules parse(std::string_view text, const std::string& source_name, const Catalogue& catalogue);
  static Rules load(const std::string& path, const Catalogue& catalogue);
};

}  // namespace waymark::risk
