#include "waymark/risk/rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/headings.hpp"
#include "waymark/json_input.hpp"
#include "waymark/risk/learner.hpp"

namespace waymark::embedded {
extern const std::string_view default_rules_json;
extern const std::string_view italy_rules_json;
}  // namespace waymark::embedded

namespace waymark::risk {

Sentence::Sentence(std::string_view text) {
  Piece piece;
  while (!text.empty()) {
    const auto open = text.find('{');
    piece.text.append(text.substr(0, open));
    if (open == std::string_view::npos) break;
    text.remove_prefix(open);
    const Fill fill = text.starts_with("{value}") ? Fill::value : text.starts_with("{s}") ? Fill::plural : Fill::nothing;
    if (fill == Fill::nothing) {  // a brace of the sentence itself
      piece.text.push_back('{');
      text.remove_prefix(1);
      continue;
    }
    text.remove_prefix(fill == Fill::value ? 7 : 3);
    piece.then = fill;
    pieces_.push_back(std::move(piece));
    piece = Piece{};
  }
  pieces_.push_back(std::move(piece));
}

void Sentence::append(double value, std::string& out, char decimal_mark) const {
  for (const auto& piece : pieces_) {
    out.append(piece.text);
    if (piece.then == Fill::value) {
      const auto from = out.size();
      append_number(out, value, 2);
      if (decimal_mark != '.') std::replace(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), '.', decimal_mark);
    } else if (piece.then == Fill::plural && value != 1)
      out.push_back('s');
  }
}

namespace {

constexpr std::array<std::string_view, field_count> field_names{"attendance",
                                                                "suspensions",
                                                                "permanent_exclusions",
                                                                "sen",
                                                                "eal",
                                                                "looked_after",
                                                                "young_carer",
                                                                "young_parent",
                                                                "fsm",
                                                                "youth_justice",
                                                                "custody",
                                                                "off_site",
                                                                "mid_term_moves",
                                                                "failing_english",
                                                                "failing_maths",
                                                                "reported_factors"};

constexpr std::array<std::string_view, 3> tier_names{"universal", "targeted", "intensive"};

// The types a declared field may have, as a rules file names them.
constexpr std::array<std::pair<std::string_view, Kind>, 6> declared_types{{{"number", Kind::number},
                                                                           {"percentage", Kind::percent},
                                                                           {"yes/no", Kind::flag},
                                                                           {"codes", Kind::category},
                                                                           {"date", Kind::date},
                                                                           {"count", Kind::count}}};
constexpr std::string_view declared_types_expected = "number, percentage, yes/no, codes, date or count";

// The longest window an events indicator may count in: ten years of days.
constexpr int max_window_days = 3660;

// Parses one rules document, reporting problems at the line where the offending text appears.
class RulesParser {
 public:
  RulesParser(std::string_view text, std::string source, const Catalogue& catalogue)
      : text_(text), source_(std::move(source)), catalogue_(catalogue) {}

  Rules parse() {
    nlohmann::json doc;
    if (const auto refusal = parse_json(text_, doc, /*allow_comments=*/true)) {
      if (refusal->number_too_large) fail(refusal->line, refusal->reason, "numbers in the ranges of man 1 risk-check, RULES");
      fail(refusal->line, "the rules are not valid JSON: " + refusal->reason, "JSON, with // comments allowed");
    }
    if (!doc.is_object()) fail(1, "the rules are not a JSON object", "an object with tiers, indicators and overrides");
    Rules rules;
    try {
      // "extends": "defaults": the default rules, then this file's fields, indicators and
      // overrides, and its tiers if it gives them; a school adds its own evidence to the defaults.
      const bool extends = doc.contains("extends");
      if (extends) {
        const auto& base = doc.at("extends");
        if (!base.is_string() || (base.get<std::string>() != "defaults" && base.get<std::string>() != "italy"))
          fail(line_of("\"extends\""), "extends names rules risk-check does not have", "\"extends\": \"defaults\" or \"italy\"");
        rules = base.get<std::string>() == "italy" ? Rules::italy(catalogue_) : Rules::builtin(catalogue_);
      }
      if (!extends || doc.contains("tiers")) {
        const auto& tiers = doc.at("tiers");
        rules.targeted_from = whole(tiers, "targeted_from", 0, max_score, "tiers");
        rules.intensive_from = whole(tiers, "intensive_from", 0, max_score, "tiers");
        rules.context_max =
            tiers.contains("context_max") ? whole(tiers, "context_max", 0, max_score, "tiers") : std::numeric_limits<int>::max();
      }
      if (rules.targeted_from > rules.intensive_from) {
        fail(line_of("\"targeted_from\""), "targeted_from is above intensive_from", "targeted_from <= intensive_from");
      }
      for (const auto& item : doc.value("fields", nlohmann::json::array())) rules.fields.push_back(declared(item, rules));
      for (const auto& item : extends ? doc.value("indicators", nlohmann::json::array()) : doc.at("indicators")) {
        Indicator indicator;
        indicator.code = item.at("code").get<std::string>();
        for (const auto& other : rules.indicators)
          if (extends && other.code == indicator.code)
            fail(line_of("\"" + indicator.code + "\""), "indicator " + indicator.code + " is already in the default rules",
                 "a code of its own");
        indicator.when = condition(item, "indicator " + indicator.code, rules);
        indicator.points = whole(item, "points", 0, max_points, "indicator " + indicator.code);
        indicator.group = item.value("group", indicator.code);
        indicator.reason = Sentence(item.at("reason").get<std::string>());
        indicator.reasons_in = translations(item, "indicator " + indicator.code);
        indicator.risk_factors = item.value("risk_factors", std::vector<std::string>{});
        for (const auto& code : indicator.risk_factors) {
          if (!catalogue_.find_risk_factor(code)) {
            fail(line_of("\"" + code + "\""), "indicator " + indicator.code + ": unknown risk factor '" + code + "'",
                 "a code of the taxonomy, see man 5 waymark-records");
          }
        }
        indicator.context = item.value("context", false);
        indicator.actions = item.value("actions", std::vector<std::string>{});
        for (const auto& id : indicator.actions) {
          if (!catalogue_.find_action(id)) {
            fail(line_of("\"" + id + "\""), "indicator " + indicator.code + ": unknown action '" + id + "'",
                 "an action of the toolkit, A01 to A13");
          }
        }
        rules.uses_field.resize(rules.field_total());
        rules.uses_field[static_cast<std::size_t>(indicator.when.field)] = true;
        rules.indicators.push_back(std::move(indicator));
      }
      for (const auto& item : doc.value("overrides", nlohmann::json::array())) {
        Override lift;
        lift.code = item.at("code").get<std::string>();
        lift.when = condition(item, "override " + lift.code, rules);
        const auto tier_name = item.at("tier").get<std::string>();
        const auto tier = parse_tier(tier_name);
        if (!tier)
          fail(line_of("\"" + tier_name + "\""), "override " + lift.code + ": unknown tier '" + tier_name + "'",
               "universal, targeted or intensive");
        lift.tier = *tier;
        lift.reason = Sentence(item.at("reason").get<std::string>());
        lift.reasons_in = translations(item, "override " + lift.code);
        rules.uses_field.resize(rules.field_total());
        rules.uses_field[static_cast<std::size_t>(lift.when.field)] = true;
        rules.overrides.push_back(std::move(lift));
      }
      for (const auto& [kind, count] : {std::pair{"indicators", rules.indicators.size()}, std::pair{"overrides", rules.overrides.size()}}) {
        if (count > max_rules) {
          fail(line_of(fmt::format("\"{}\"", kind)), fmt::format("{} {}, more than risk-check evaluates", count, kind),
               fmt::format("at most {} indicators and {} overrides", max_rules, max_rules));
        }
      }
    } catch (const nlohmann::json::exception& e) {
      // A missing key or a value of the wrong type; nlohmann names the key.
      std::string reason = e.what();
      if (const auto bracket = reason.find("] "); bracket != std::string::npos) reason = reason.substr(bracket + 2);
      fail(0, "the rules are incomplete: " + reason, "see the default rules: risk-check --print-rules");
    }
    rules.uses_field.resize(rules.field_total());
    return rules;
  }

 private:
  // "reason_it": the reason in another language, for risk-check --lang; the tag is two or three
  // lower-case letters, as --lang takes them.
  std::vector<std::pair<std::string, Sentence>> translations(const nlohmann::json& item, const std::string& code) {
    std::vector<std::pair<std::string, Sentence>> found;
    for (const auto& [key, value] : item.items()) {
      if (!key.starts_with("reason_")) continue;
      const auto tag = key.substr(7);
      const bool well_formed =
          (tag.size() == 2 || tag.size() == 3) && std::all_of(tag.begin(), tag.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!well_formed || !value.is_string())
        fail(line_of("\"" + key + "\""), code + ": '" + key + "' is not a reason in a language",
             "\"reason_it\": \"...\", a language tag of two or three letters");
      found.emplace_back(tag, Sentence(value.get<std::string>()));
    }
    return found;
  }

  // `code` names the rule in messages: "indicator x" or "override y". Each test becomes a range
  // of the field's number (Condition).
  Condition condition(const nlohmann::json& item, const std::string& code, Rules& rules) {
    Condition when;
    const auto field_name = item.at("field").get<std::string>();
    const auto field = find_field(field_name, item, code, rules);
    when.field = field;
    const auto test = item.at("test").get<std::string>();
    if (test != "below" && test != "at_most" && test != "at_least" && test != "equals" && test != "is_true" && test != "fell_by" &&
        test != "rose_by")
      fail(line_of("\"" + test + "\""), code + ": unknown test '" + test + "'",
           "below, at_most, at_least, equals, is_true, fell_by or rose_by");
    // Each kind of field has its tests: numbers compare (and change), codes equal one, yes/no is_true.
    const Kind kind = rules.kind(field);
    const bool number = kind == Kind::percent || kind == Kind::count || kind == Kind::number;
    const bool fits = test == "equals"                         ? kind == Kind::category
                      : test == "is_true"                      ? kind == Kind::flag
                      : test == "fell_by" || test == "rose_by" ? number
                                                               : number || kind == Kind::codes || kind == Kind::date;
    if (!fits) {
      fail(line_of("\"" + test + "\""), code + ": test '" + test + "' does not apply to " + field_name,
           "below, at_most or at_least for numbers, dates and lists, fell_by or rose_by for numbers, equals for sen and code lists, "
           "is_true for yes/no fields");
    }
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (test == "equals") {
      const auto value = item.at("value").get<std::string>();
      if (const auto* own = rules.rule_field(field)) {
        // A declared code list is the school's own: a code not in it is a slip, refused.
        const auto it = std::find_if(own->codes.begin(), own->codes.end(),
                                     [&](const std::string& c) { return fold_heading(c) == fold_heading(value); });
        if (it == own->codes.end())
          fail(line_of("\"" + value + "\""), code + ": '" + value + "' is not a code of " + field_name,
               "one of the codes the field declares");
        when.low = static_cast<double>(it - own->codes.begin()), when.high = when.low + 1;
      } else {
        // A provision that is not one of sen_provisions holds for no learner: the range stays empty.
        const auto it = std::find(sen_provisions.begin(), sen_provisions.end(), value);
        if (it != sen_provisions.end()) when.low = static_cast<double>(it - sen_provisions.begin()), when.high = when.low + 1;
      }
    } else if (test == "is_true") {
      when.low = 1, when.high = infinity;
    } else if (test == "fell_by" || test == "rose_by") {
      // A change is this term's value less the --since file's: a fall of 5 points is -5 or less.
      const double value = threshold(item, kind == Kind::percent ? Kind::percent : Kind::count, code, nullptr);
      when.field = change_field(field, rules);
      if (test == "fell_by")
        when.low = -infinity, when.high = std::nextafter(-value, infinity), when.shown = -1;
      else
        when.low = value, when.high = infinity;
    } else {
      const auto value = threshold(item, kind, code, rules.rule_field(field));
      if (test == "below")
        when.low = -infinity, when.high = value;
      else if (test == "at_most")
        when.low = -infinity, when.high = std::nextafter(value, infinity);
      else
        when.low = value, when.high = infinity;  // at_least
    }
    const auto* counted = rules.rule_field(field);
    if (item.contains("within_days") && !(counted && counted->source == RuleField::Source::events)) {
      fail(line_of("\"within_days\""), code + ": within_days counts events: it applies to an events.<type> field",
           "a field such as events.removal");
    }
    return when;
  }

  // A built-in field, a declared one, or events.<type> (counted within_days, when given).
  Field find_field(const std::string& name, const nlohmann::json& item, const std::string& code, Rules& rules) {
    if (const auto field = parse_field(name)) return *field;
    for (std::size_t i = 0; i < rules.fields.size(); ++i)
      if (rules.fields[i].source == RuleField::Source::declared && rules.fields[i].name == name) return static_cast<Field>(field_count + i);
    if (name.starts_with("events.") && !fold_heading(name.substr(7)).empty()) {
      int days = 0;
      if (item.contains("within_days")) days = whole(item, "within_days", 1, max_window_days, code);
      RuleField events;
      events.source = RuleField::Source::events;
      events.kind = Kind::count;
      events.event_type = name.substr(7);
      events.within_days = days;
      events.name = days ? fmt::format("{} within {} days", name, days) : name;
      return add_field(std::move(events), rules);
    }
    std::string problem = code + ": unknown field '" + name + "'";
    if (const auto near = nearest_field(name, rules)) problem += "; did you mean " + *near + "?";
    fail(line_of("\"" + name + "\""), problem,
         "a field of man 5 waymark-records such as attendance, one the rules declare in \"fields\", or events.<type>");
  }

  // The rules' name for a field a typing slip away from `name`, as HeadingVocabulary suggests headings.
  static std::optional<std::string> nearest_field(const std::string& name, const Rules& rules) {
    std::vector<std::string> names(field_names.begin(), field_names.end());
    for (const auto& own : rules.fields)
      if (own.source == RuleField::Source::declared) names.push_back(own.name);
    for (const auto& known : names)
      if (edit_distance(name, known) <= (name.size() < 9 ? 1u : 2u)) return known;
    return std::nullopt;
  }

  Field change_field(Field of, Rules& rules) {
    RuleField change;
    change.source = RuleField::Source::change;
    change.kind = rules.kind(of);
    change.of = of;
    change.min = -std::numeric_limits<double>::infinity();
    change.name = std::string(rules.name_of(of)) + "_change";
    return add_field(std::move(change), rules);
  }

  // The rule field, added once however many rules test it.
  Field add_field(RuleField field, Rules& rules) {
    for (std::size_t i = 0; i < rules.fields.size(); ++i)
      if (rules.fields[i].name == field.name) return static_cast<Field>(field_count + i);
    if (rules.field_total() >= max_fields) {
      fail(line_of("\"" + field.name + "\""), fmt::format("more than {} fields to test", max_fields),
           "fewer declared fields and event counts");
    }
    rules.fields.push_back(std::move(field));
    return static_cast<Field>(rules.field_total() - 1);
  }

  // One entry of "fields": a column of the school's own, read and checked like a built-in one.
  RuleField declared(const nlohmann::json& item, const Rules& rules) {
    RuleField field;
    field.name = item.at("name").get<std::string>();
    const auto at = line_of("\"" + field.name + "\"");
    const bool well_formed = !field.name.empty() && field.name.size() <= 64 && field.name[0] >= 'a' && field.name[0] <= 'z' &&
                             std::all_of(field.name.begin(), field.name.end(),
                                         [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
    if (!well_formed)
      fail(at, "field '" + field.name + "': not a field name",
           "lower-case letters, digits and '_', starting with a letter, such as wellbeing");
    // A field risk-check reads or writes already has its meaning; one only other tools read (a
    // plan's wellbeing) may be declared, and keeps the headings columns.json gives it.
    const auto& vocabulary = HeadingVocabulary::builtin();
    constexpr std::array<std::string_view, 17> reserved{
        "attendance_pct", "id",          "sessions_possible", "sessions_attended", "date_of_birth",       "score",
        "tier",           "indicators",  "reasons",           "risk_factors",      "recommended_actions", "missing",
        "previous_tier",  "tier_change", "attendance_change", "active_support",    "support_received"};
    if (parse_field(field.name) || std::find(reserved.begin(), reserved.end(), field.name) != reserved.end())
      fail(at, "field '" + field.name + "' is already a field risk-check reads or writes",
           "a new name; test a built-in field by its name, without declaring it");
    for (const auto& other : rules.fields)
      if (other.name == field.name) fail(at, "field '" + field.name + "' is declared twice", "each field once");
    const auto type = item.at("type").get<std::string>();
    const auto known = std::find_if(declared_types.begin(), declared_types.end(), [&](const auto& t) { return t.first == type; });
    if (known == declared_types.end())
      fail(line_of("\"" + type + "\""), "field '" + field.name + "': unknown type '" + type + "'", std::string(declared_types_expected));
    field.kind = known->second;
    const std::string where = "field " + field.name;
    const auto bound = [&](const char* key, double fallback) {
      if (!item.contains(key)) return fallback;
      const auto& value = item.at(key);
      const double number = value.is_number() ? value.get<double>() : std::nan("");
      const bool in_range = field.kind != Kind::percent || (number >= 0 && number <= 100);
      if (!std::isfinite(number) || !in_range)
        fail(line_of(fmt::format("\"{}\"", key)),
             fmt::format("{}: {} is not a number{}", where, key, field.kind == Kind::percent ? " from 0 to 100" : ""),
             field.kind == Kind::percent ? "a number from 0 to 100" : "a number");
      return number;
    };
    if ((item.contains("min") || item.contains("max")) && field.kind != Kind::number && field.kind != Kind::percent)
      fail(line_of(item.contains("min") ? "\"min\"" : "\"max\""), where + ": min and max are for number and percentage fields",
           "no min or max");
    const double infinity = std::numeric_limits<double>::infinity();
    field.min = bound("min", field.kind == Kind::percent ? 0 : -infinity);
    field.max = bound("max", field.kind == Kind::percent ? 100 : infinity);
    if (field.min > field.max) fail(line_of("\"min\""), where + ": min is above max", "min <= max");
    if (field.kind == Kind::category) {
      field.codes = item.at("codes").get<std::vector<std::string>>();
      if (field.codes.empty()) fail(at, where + ": a code list without codes", "\"codes\": [\"none\", ...]");
      for (std::size_t i = 0; i < field.codes.size(); ++i) {
        if (fold_heading(field.codes[i]).empty()) fail(at, where + ": an empty code", "codes with letters or digits");
        for (std::size_t j = 0; j < i; ++j)
          if (fold_heading(field.codes[j]) == fold_heading(field.codes[i]))
            fail(line_of("\"" + field.codes[i] + "\""), where + ": code '" + field.codes[i] + "' is listed twice", "each code once");
      }
    } else if (item.contains("codes")) {
      fail(line_of("\"codes\""), where + ": codes are for a field of type codes", "no codes");
    }
    // Its headings join waymark's, so each must stand for this field alone.
    field.headings = item.value("headings", std::vector<std::string>{});
    for (const auto& heading : field.headings) {
      const auto heading_at = line_of("\"" + heading + "\"");
      if (fold_heading(heading).empty()) fail(heading_at, where + ": an empty heading", "the heading the school's file writes");
      if (const auto meaning = vocabulary.meaning(heading); meaning && meaning->field != field.name)
        fail(heading_at, where + ": heading '" + heading + "' already stands for " + meaning->field, "a heading no other field has");
      for (const auto& other : rules.fields) {
        const bool taken = fold_heading(other.name) == fold_heading(heading) ||
                           std::any_of(other.headings.begin(), other.headings.end(),
                                       [&](const std::string& h) { return fold_heading(h) == fold_heading(heading); });
        if (taken) fail(heading_at, where + ": heading '" + heading + "' already stands for " + other.name, "a heading no other field has");
      }
    }
    if (rules.field_total() >= max_fields) fail(at, fmt::format("more than {} fields to test", max_fields), "fewer declared fields");
    return field;
  }

  // Points and tier thresholds are whole numbers in a range, so a score can never overflow:
  // at most max_rules indicators of max_points each.
  static constexpr int max_points = 100;
  static constexpr int max_score = static_cast<int>(max_rules) * max_points;

  int whole(const nlohmann::json& object, const char* key, int low, int high, const std::string& where) {
    const auto& value = object.at(key);
    const double number = value.is_number() ? value.get<double>() : std::nan("");
    if (!value.is_number() || !std::isfinite(number) || number != std::floor(number) || number < low || number > high) {
      fail(line_of(fmt::format("\"{}\"", key)), fmt::format("{}: {} is not a whole number from {} to {}", where, key, low, high),
           fmt::format("a whole number from {} to {}", low, high));
    }
    return static_cast<int>(number);
  }

  // A test's value: a percentage from 0 to 100, a count (or number of codes, or days) from 0 to
  // 10000, or a declared number within the field's own range (any number without one).
  double threshold(const nlohmann::json& item, Kind kind, const std::string& code, const RuleField* own) {
    const auto& value = item.at("value");
    double low = 0, high = kind == Kind::percent ? 100 : 10000;
    if (own && (kind == Kind::number || kind == Kind::percent)) low = std::max(own->min, -1e9), high = std::min(own->max, 1e9);
    const double number = value.is_number() ? value.get<double>() : std::nan("");
    if (!value.is_number() || !std::isfinite(number) || number < low || number > high) {
      fail(line_of(fmt::format("\"code\": \"{}\"", code.substr(code.find(' ') + 1))),
           fmt::format("{}: the value is not a number from {} to {}", code, format_number(low, 0), format_number(high, 0)),
           fmt::format("a number from {} to {}", format_number(low, 0), format_number(high, 0)));
    }
    return number;
  }

  long line_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    return 1 + static_cast<long>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  }
  long line_of(const std::string& needle) const {
    const auto at = text_.find(needle);
    return at == std::string_view::npos ? 0 : line_at(at);
  }
  [[noreturn]] void fail(long line, const std::string& problem, const std::string& expected) const {
    throw data_error({source_, line, {}}, problem, expected);
  }

  std::string_view text_;
  std::string source_;
  const Catalogue& catalogue_;
};

}  // namespace

std::string_view to_string(Tier tier) { return tier_names[static_cast<std::size_t>(tier)]; }

std::optional<Tier> parse_tier(std::string_view name) {
  for (std::size_t i = 0; i < tier_names.size(); ++i)
    if (tier_names[i] == name) return static_cast<Tier>(i);
  return std::nullopt;
}

std::string_view to_string(Field field) { return field_names[static_cast<std::size_t>(field)]; }

const RuleField* Rules::rule_field(Field field) const {
  const auto i = static_cast<std::size_t>(field);
  return i < field_count ? nullptr : &fields[i - field_count];
}

std::string_view Rules::name_of(Field field) const {
  const auto* own = rule_field(field);
  return own ? std::string_view(own->name) : LearnerReader::column_of(field);
}

Kind Rules::kind(Field field) const {
  const auto* own = rule_field(field);
  return own ? own->kind : kind_of(field);
}

std::optional<Field> parse_field(std::string_view name) {
  for (std::size_t i = 0; i < field_names.size(); ++i)
    if (field_names[i] == name) return static_cast<Field>(i);
  return std::nullopt;
}

Rules Rules::parse(std::string_view text, const std::string& source_name, const Catalogue& catalogue) {
  Rules rules = RulesParser(text, source_name, catalogue).parse();
  rules.catalogue = &catalogue;
  return rules;
}

Rules Rules::builtin(const Catalogue& catalogue) { return parse(embedded::default_rules_json, "rules.json", catalogue); }

Rules Rules::italy(const Catalogue& catalogue) { return parse(embedded::italy_rules_json, "rules-italy.json", catalogue); }

std::optional<std::string_view> Rules::shipped(std::string_view name) {
  if (name == "defaults") return embedded::default_rules_json;
  if (name == "italy") return embedded::italy_rules_json;
  return std::nullopt;
}

std::vector<std::string> Rules::use_language(std::string_view lang) {
  std::vector<std::string> untranslated;
  bool any = false;
  const auto pick = [&](const std::string& code, Sentence& reason, const std::vector<std::pair<std::string, Sentence>>& reasons_in) {
    const auto it = std::find_if(reasons_in.begin(), reasons_in.end(), [&](const auto& entry) { return entry.first == lang; });
    if (it == reasons_in.end()) return untranslated.push_back(code);
    reason = it->second;
    any = true;
  };
  for (auto& indicator : indicators) pick(indicator.code, indicator.reason, indicator.reasons_in);
  for (auto& lift : overrides) pick(lift.code, lift.reason, lift.reasons_in);
  if (any) language = reasons_language = std::string(lang);
  return untranslated;
}

Rules Rules::load(const std::string& path, const Catalogue& catalogue) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::missing_input, "cannot open rules file " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse(text, path, catalogue);
}

}  // namespace waymark::risk
