#include "waymark/risk/rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <iterator>
#include <nlohmann/json.hpp>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/json_input.hpp"

namespace waymark::embedded {
extern const std::string_view default_rules_json;
}

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

void Sentence::append(double value, std::string& out) const {
  for (const auto& piece : pieces_) {
    out.append(piece.text);
    if (piece.then == Fill::value) append_number(out, value, 2);
    else if (piece.then == Fill::plural && value != 1) out.push_back('s');
  }
}

namespace {

constexpr std::array<std::string_view, field_count> field_names{
    "attendance", "suspensions", "permanent_exclusions", "sen", "eal", "looked_after", "young_carer", "young_parent",
    "fsm", "youth_justice", "custody", "off_site", "mid_term_moves", "failing_english", "failing_maths",
    "reported_factors"};

constexpr std::array<std::string_view, 3> tier_names{"universal", "targeted", "intensive"};

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
      const auto& tiers = doc.at("tiers");
      rules.targeted_from = whole(tiers, "targeted_from", 0, max_score, "tiers");
      rules.intensive_from = whole(tiers, "intensive_from", 0, max_score, "tiers");
      rules.context_max = tiers.contains("context_max") ? whole(tiers, "context_max", 0, max_score, "tiers") : std::numeric_limits<int>::max();
      if (rules.targeted_from > rules.intensive_from) {
        fail(line_of("\"targeted_from\""), "targeted_from is above intensive_from", "targeted_from <= intensive_from");
      }
      for (const auto& item : doc.at("indicators")) {
        Indicator indicator;
        indicator.code = item.at("code").get<std::string>();
        indicator.when = condition(item, "indicator " + indicator.code);
        indicator.points = whole(item, "points", 0, max_points, "indicator " + indicator.code);
        indicator.group = item.value("group", indicator.code);
        indicator.reason = Sentence(item.at("reason").get<std::string>());
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
            fail(line_of("\"" + id + "\""), "indicator " + indicator.code + ": unknown action '" + id + "'", "an action of the toolkit, A01 to A13");
          }
        }
        rules.uses_field[static_cast<std::size_t>(indicator.when.field)] = true;
        rules.indicators.push_back(std::move(indicator));
      }
      for (const auto& item : doc.value("overrides", nlohmann::json::array())) {
        Override lift;
        lift.code = item.at("code").get<std::string>();
        lift.when = condition(item, "override " + lift.code);
        const auto tier_name = item.at("tier").get<std::string>();
        const auto tier = parse_tier(tier_name);
        if (!tier) fail(line_of("\"" + tier_name + "\""), "override " + lift.code + ": unknown tier '" + tier_name + "'", "universal, targeted or intensive");
        lift.tier = *tier;
        lift.reason = Sentence(item.at("reason").get<std::string>());
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
    return rules;
  }

 private:
  // `code` names the rule in messages: "indicator x" or "override y". Each test becomes a range
  // of the field's number (Condition).
  Condition condition(const nlohmann::json& item, const std::string& code) {
    Condition when;
    const auto field_name = item.at("field").get<std::string>();
    const auto field = parse_field(field_name);
    if (!field) fail(line_of("\"" + field_name + "\""), code + ": unknown field '" + field_name + "'", "a field of man 5 waymark-records, such as attendance");
    when.field = *field;
    const auto test = item.at("test").get<std::string>();
    if (test != "below" && test != "at_most" && test != "at_least" && test != "equals" && test != "is_true")
      fail(line_of("\"" + test + "\""), code + ": unknown test '" + test + "'", "below, at_most, at_least, equals or is_true");
    // Each kind of field has its tests: numbers compare, sen equals a provision, yes/no is_true.
    const Kind kind = kind_of(when.field);
    const bool fits = test == "equals"    ? kind == Kind::category
                      : test == "is_true" ? kind == Kind::flag
                                          : kind == Kind::percent || kind == Kind::count || kind == Kind::codes;
    if (!fits) {
      fail(line_of("\"" + test + "\""), code + ": test '" + test + "' does not apply to " + field_name,
           "below, at_most or at_least for numbers and lists, equals for sen, is_true for yes/no fields");
    }
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (test == "equals") {
      // A provision that is not one of sen_provisions holds for no learner: the range stays empty.
      const auto provision = item.at("value").get<std::string>();
      const auto it = std::find(sen_provisions.begin(), sen_provisions.end(), provision);
      if (it != sen_provisions.end()) when.low = static_cast<double>(it - sen_provisions.begin()), when.high = when.low + 1;
    } else if (test == "is_true") {
      when.low = 1, when.high = infinity;
    } else {
      const auto value = threshold(item, kind, code);
      if (test == "below") when.low = -infinity, when.high = value;
      else if (test == "at_most") when.low = -infinity, when.high = std::nextafter(value, infinity);
      else when.low = value, when.high = infinity;  // at_least
    }
    return when;
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

  // A test's value: a percentage from 0 to 100, or a count (or number of codes) from 0 to 10000.
  double threshold(const nlohmann::json& item, Kind kind, const std::string& code) {
    const auto& value = item.at("value");
    const double high = kind == Kind::percent ? 100 : 10000;
    const double number = value.is_number() ? value.get<double>() : std::nan("");
    if (!value.is_number() || !std::isfinite(number) || number < 0 || number > high) {
      fail(line_of(fmt::format("\"code\": \"{}\"", code.substr(code.find(' ') + 1))),
           fmt::format("{}: the value is not a number from 0 to {}", code, high), fmt::format("a number from 0 to {}", high));
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

Rules Rules::load(const std::string& path, const Catalogue& catalogue) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::missing_input, "cannot open rules file " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse(text, path, catalogue);
}

}  // namespace waymark::risk
