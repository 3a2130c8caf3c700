// risk-check's rules file: what Rules::parse reads from a rules document, and every kind of
// document it refuses, with the line and the words of the message a school would see.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "helpers.hpp"
#include "waymark/risk/rules.hpp"

using namespace waymark::risk;

namespace {

const waymark::Catalogue& catalogue() { return waymark::Catalogue::builtin(); }

Rules parse(const std::string& text) { return Rules::parse(text, "my-rules.json", catalogue()); }

// The message of the bad_data error that parsing `text` throws (the test fails if there is none).
std::string refusal(const std::string& text) {
  const auto error = test::error_from([&] { parse(text); });
  if (!error) FAIL("the rules were accepted:\n" + text);
  CHECK(error->kind() == waymark::ErrorKind::bad_data);
  return error->what();
}

// A rules document with one indicator, `indicator` being its members after "code".
std::string with_indicator(const std::string& indicator) {
  return "{\"tiers\": {\"targeted_from\": 2, \"intensive_from\": 4},\n"
         " \"indicators\": [\n"
         "  {\"code\": \"x\", " +
         indicator +
         "}\n"
         " ]}\n";
}

std::string with_tiers(const std::string& tiers) { return "{\"tiers\": {" + tiers + "},\n \"indicators\": []}\n"; }

}  // namespace

TEST_CASE("a rules document with comments is read into tiers, indicators and overrides", "[rules]") {
  const Rules rules = parse(R"(// a school's own rules
{
  "tiers": {"targeted_from": 2, "intensive_from": 5, "context_max": 1},
  "indicators": [
    // 90% or less, tested unrounded
    {"code": "pa", "field": "attendance", "test": "at_most", "value": 90, "points": 1, "group": "att",
     "reason": "attendance is {value}%", "risk_factors": ["institutional.absenteeism_exclusion"], "actions": ["A12"]},
    {"code": "low", "field": "attendance", "test": "below", "value": 80, "points": 3, "group": "att", "reason": "low"},
    {"code": "sus", "field": "suspensions", "test": "at_least", "value": 2, "points": 2, "reason": "suspended {value} time{s}"},
    {"code": "lac", "field": "looked_after", "test": "is_true", "points": 2, "reason": "looked after"},
    {"code": "ehcp", "field": "sen", "test": "equals", "value": "ehcp", "points": 1, "context": true, "reason": "EHC plan"}
  ],
  "overrides": [
    {"code": "severe", "field": "attendance", "test": "at_most", "value": 50, "tier": "intensive", "reason": "severe"}
  ]
})");
  CHECK(rules.targeted_from == 2);
  CHECK(rules.intensive_from == 5);
  CHECK(rules.context_max == 1);
  REQUIRE(rules.indicators.size() == 5);
  REQUIRE(rules.overrides.size() == 1);

  // Each test is a range of the field's number: low <= number < high.
  const auto& pa = rules.indicators[0];
  CHECK(pa.code == "pa");
  CHECK(pa.when.field == Field::attendance);
  CHECK(std::isinf(pa.when.low));
  CHECK(pa.when.high > 90.0);  // at_most includes 90 itself
  CHECK(pa.when.high == std::nextafter(90.0, std::numeric_limits<double>::infinity()));
  CHECK(pa.points == 1);
  CHECK(pa.group == "att");
  CHECK(pa.risk_factors == std::vector<std::string>{"institutional.absenteeism_exclusion"});
  CHECK(pa.actions == std::vector<std::string>{"A12"});
  CHECK_FALSE(pa.context);

  CHECK(rules.indicators[1].when.high == 80.0);  // below excludes 80
  CHECK(rules.indicators[2].when.low == 2.0);
  CHECK(std::isinf(rules.indicators[2].when.high));
  CHECK(rules.indicators[2].group == "sus");   // no group: its own code
  CHECK(rules.indicators[3].when.low == 1.0);  // is_true: yes is 1
  const auto& ehcp = rules.indicators[4];
  CHECK(ehcp.when.low == 2.0);  // ehcp is the third of sen_provisions
  CHECK(ehcp.when.high == 3.0);
  CHECK(ehcp.context);

  CHECK(rules.overrides[0].tier == Tier::intensive);
  CHECK(rules.overrides[0].when.field == Field::attendance);

  CHECK(rules.uses_field[static_cast<std::size_t>(Field::attendance)]);
  CHECK(rules.uses_field[static_cast<std::size_t>(Field::sen)]);
  CHECK_FALSE(rules.uses_field[static_cast<std::size_t>(Field::eal)]);
  CHECK(rules.catalogue == &catalogue());
}

TEST_CASE("a reason's {value} and {s} are filled with the learner's value", "[rules]") {
  const Sentence sentence("suspended {value} time{s} in {braces}");
  std::string one, two, fraction;
  sentence.append(1, one);
  sentence.append(2, two);
  sentence.append(84.25, fraction);
  CHECK(one == "suspended 1 time in {braces}");
  CHECK(two == "suspended 2 times in {braces}");
  CHECK(fraction == "suspended 84.25 times in {braces}");
}

TEST_CASE("without context_max, context adds all its points; the shipped rules cap it at 1", "[rules]") {
  CHECK(parse(with_tiers("\"targeted_from\": 1, \"intensive_from\": 3")).context_max == std::numeric_limits<int>::max());
  const Rules shipped = Rules::builtin(catalogue());
  CHECK(shipped.targeted_from == 3);
  CHECK(shipped.intensive_from == 8);
  CHECK(shipped.context_max == 1);
  // English as an additional language scores nothing in the shipped rules.
  CHECK_FALSE(shipped.uses_field[static_cast<std::size_t>(Field::eal)]);
}

TEST_CASE("tiers that cannot work are refused at the line that sets them", "[rules]") {
  CHECK(refusal(with_tiers("\"targeted_from\": 5,\n \"intensive_from\": 3")) ==
        "my-rules.json:1: targeted_from is above intensive_from (targeted_from <= intensive_from)");
  CHECK(refusal(with_tiers("\"targeted_from\": 1.5, \"intensive_from\": 3")) ==
        "my-rules.json:1: tiers: targeted_from is not a whole number from 0 to 6400 (a whole number from 0 to 6400)");
  CHECK(refusal(with_tiers("\"targeted_from\": 1,\n \"intensive_from\": -1")) ==
        "my-rules.json:2: tiers: intensive_from is not a whole number from 0 to 6400 (a whole number from 0 to 6400)");
  CHECK(refusal(with_tiers("\"targeted_from\": 1, \"intensive_from\": 3,\n \"context_max\": \"one\"")) ==
        "my-rules.json:2: tiers: context_max is not a whole number from 0 to 6400 (a whole number from 0 to 6400)");
}

TEST_CASE("an indicator's field, test, value and points are checked against each other", "[rules]") {
  CHECK(refusal(with_indicator(R"("field": "atendance", "test": "below", "value": 80, "points": 1, "reason": "r")")) ==
        "my-rules.json:3: indicator x: unknown field 'atendance'; did you mean attendance? (a field of man 5 waymark-records "
        "such as attendance, one the rules declare in \"fields\", or events.<type>)");
  CHECK(refusal(with_indicator(R"("field": "attendance", "test": "under", "value": 80, "points": 1, "reason": "r")")) ==
        "my-rules.json:3: indicator x: unknown test 'under' (below, at_most, at_least, equals, is_true, fell_by or rose_by)");
  CHECK(refusal(with_indicator(R"("field": "attendance", "test": "is_true", "points": 1, "reason": "r")")) ==
        "my-rules.json:3: indicator x: test 'is_true' does not apply to attendance (below, at_most or at_least for numbers, "
        "dates and lists, fell_by or rose_by for numbers, equals for sen and code lists, is_true for yes/no fields)");
  CHECK(refusal(with_indicator(R"("field": "attendance", "test": "below", "value": 120, "points": 1, "reason": "r")")) ==
        "my-rules.json:3: indicator x: the value is not a number from 0 to 100 (a number from 0 to 100)");
  CHECK(refusal(with_indicator(R"("field": "suspensions", "test": "at_least", "value": "2", "points": 1, "reason": "r")")) ==
        "my-rules.json:3: indicator x: the value is not a number from 0 to 10000 (a number from 0 to 10000)");
  CHECK(refusal(with_indicator(R"("field": "fsm", "test": "is_true", "points": 101, "reason": "r")")) ==
        "my-rules.json:3: indicator x: points is not a whole number from 0 to 100 (a whole number from 0 to 100)");
}

TEST_CASE("risk factors, actions and tiers must be the toolkit's", "[rules]") {
  CHECK(refusal(with_indicator(R"("field": "fsm", "test": "is_true", "points": 1, "reason": "r", "risk_factors": ["personal.nope"])")) ==
        "my-rules.json:3: indicator x: unknown risk factor 'personal.nope' (a code of the taxonomy, see man 5 waymark-records)");
  CHECK(refusal(with_indicator(R"("field": "fsm", "test": "is_true", "points": 1, "reason": "r", "actions": ["A14"])")) ==
        "my-rules.json:3: indicator x: unknown action 'A14' (an action of the toolkit, A01 to A13)");
  const std::string override_rules =
      "{\"tiers\": {\"targeted_from\": 2, \"intensive_from\": 4}, \"indicators\": [],\n"
      " \"overrides\": [\n"
      "  {\"code\": \"o\", \"field\": \"custody\", \"test\": \"is_true\", \"tier\": \"urgent\", \"reason\": \"r\"}]}";
  CHECK(refusal(override_rules) == "my-rules.json:3: override o: unknown tier 'urgent' (universal, targeted or intensive)");
}

TEST_CASE("a document that is not rules is refused, saying where and what is missing", "[rules]") {
  CHECK(refusal("{\"tiers\": {\"targeted_from\": 2,\n \"intensive_from\": 4}\n \"indicators\": []}") ==
        "my-rules.json:3: the rules are not valid JSON: syntax error while parsing object - unexpected string literal; "
        "expected '}' (JSON, with // comments allowed)");
  CHECK(refusal("[1, 2]") == "my-rules.json:1: the rules are not a JSON object (an object with tiers, indicators and overrides)");
  CHECK(refusal("{\"indicators\": []}") ==
        "my-rules.json: the rules are incomplete: key 'tiers' not found (see the default rules: risk-check --print-rules)");
  CHECK(refusal(with_indicator(R"("field": "fsm", "test": "is_true", "points": 1)")) ==
        "my-rules.json: the rules are incomplete: key 'reason' not found (see the default rules: risk-check --print-rules)");
}

TEST_CASE("more indicators than risk-check evaluates at once are refused", "[rules]") {
  std::string text = "{\"tiers\": {\"targeted_from\": 2, \"intensive_from\": 4},\n \"indicators\": [";
  for (std::size_t i = 0; i <= max_rules; ++i) {
    text += (i ? ",\n" : "\n") + std::string("  {\"code\": \"i") + std::to_string(i) +
            "\", \"field\": \"fsm\", \"test\": \"is_true\", \"points\": 1, \"reason\": \"r\"}";
  }
  text += "]}";
  CHECK(refusal(text) == "my-rules.json:2: 65 indicators, more than risk-check evaluates (at most 64 indicators and 64 overrides)");
}

// Issue 28: a school's own indicators.

TEST_CASE("a declared field is read as the toolkit's own, with its type, range and headings", "[rules]") {
  const Rules rules = parse(R"({
  "tiers": {"targeted_from": 1, "intensive_from": 4},
  "fields": [
    {"name": "wellbeing", "type": "number", "min": 0, "max": 100, "headings": ["Wellbeing score", "PASS score"]},
    {"name": "plan", "type": "codes", "codes": ["none", "cin", "cp"]}
  ],
  "indicators": [
    {"code": "low", "field": "wellbeing", "test": "below", "value": 40, "points": 1, "reason": "wellbeing {value}"},
    {"code": "cp", "field": "plan", "test": "equals", "value": "CP", "points": 2, "reason": "a child-protection plan"}
  ]})");
  REQUIRE(rules.fields.size() == 2);
  CHECK(rules.fields[0].name == "wellbeing");
  CHECK(rules.fields[0].kind == Kind::number);
  CHECK(rules.fields[0].min == 0);
  CHECK(rules.fields[0].max == 100);
  CHECK(rules.fields[0].headings == std::vector<std::string>{"Wellbeing score", "PASS score"});
  const auto wellbeing = static_cast<Field>(field_count);
  CHECK(rules.indicators[0].when.field == wellbeing);
  CHECK(rules.name_of(wellbeing) == "wellbeing");
  CHECK(rules.uses_field.size() == rules.field_total());
  CHECK(rules.uses_field[field_count]);
  // A code is compared as headings are: CP is cp, the third code.
  CHECK(rules.indicators[1].when.low == 2.0);
  CHECK(rules.indicators[1].when.high == 3.0);
  CHECK(rules.name_of(Field::attendance) == "attendance_pct");
}

TEST_CASE("a declared field that cannot be read as the school means is refused at its line", "[rules]") {
  const auto with_field = [](const std::string& field) {
    return "{\"tiers\": {\"targeted_from\": 2, \"intensive_from\": 4},\n \"fields\": [\n  " + field + "\n ],\n \"indicators\": []}\n";
  };
  CHECK_THAT(
      refusal(with_field(R"({"name": "wellbeing", "type": "score"})")),
      Catch::Contains("my-rules.json:3: field 'wellbeing': unknown type 'score' (number, percentage, yes/no, codes, date or count)"));
  CHECK_THAT(refusal(with_field(R"({"name": "attendance", "type": "number"})")),
             Catch::Contains("is already a field risk-check reads or writes"));
  CHECK_THAT(refusal(with_field(R"({"name": "score", "type": "number"})")),
             Catch::Contains("is already a field risk-check reads or writes"));
  // A field only other tools read (a plan's wellbeing, headed 'Well-being') may be declared.
  CHECK(parse(with_field(R"({"name": "wellbeing", "type": "number", "headings": ["Well-being", "PASS score"]})")).fields.size() == 1);
  CHECK_THAT(refusal(with_field(R"({"name": "Wellbeing Score", "type": "number"})")), Catch::Contains("not a field name"));
  CHECK_THAT(refusal(with_field(R"({"name": "w", "type": "number", "headings": ["UPN"]})")),
             Catch::Contains("heading 'UPN' already stands for id"));
  CHECK_THAT(refusal(with_field(R"({"name": "w", "type": "percentage", "max": 120})")),
             Catch::Contains("max is not a number from 0 to 100"));
  CHECK_THAT(refusal(with_field(R"({"name": "w", "type": "number", "min": 10, "max": 1})")), Catch::Contains("min is above max"));
  CHECK_THAT(refusal(with_field(R"({"name": "w", "type": "yes/no", "min": 0})")),
             Catch::Contains("min and max are for number and percentage"));
  CHECK_THAT(refusal(with_field(R"({"name": "w", "type": "codes", "codes": []})")), Catch::Contains("a code list without codes"));
  CHECK_THAT(refusal(with_field(R"({"name": "w", "type": "codes", "codes": ["CIN", "cin"]})")), Catch::Contains("listed twice"));
}

TEST_CASE("a test of a declared field is checked against its type and range", "[rules]") {
  const std::string fields = R"({"tiers": {"targeted_from": 2, "intensive_from": 4},
 "fields": [{"name": "wellbeing", "type": "number", "min": 0, "max": 100}, {"name": "plan", "type": "codes", "codes": ["cin", "cp"]}],
 "indicators": [
)";
  CHECK_THAT(refusal(fields + R"({"code": "x", "field": "wellbeing", "test": "below", "value": 140, "points": 1, "reason": "r"}]})"),
             Catch::Contains("indicator x: the value is not a number from 0 to 100"));
  CHECK_THAT(refusal(fields + R"({"code": "x", "field": "plan", "test": "equals", "value": "cpp", "points": 1, "reason": "r"}]})"),
             Catch::Contains("indicator x: 'cpp' is not a code of plan"));
  CHECK_THAT(refusal(fields + R"({"code": "x", "field": "welbeing", "test": "below", "value": 40, "points": 1, "reason": "r"}]})"),
             Catch::Contains("unknown field 'welbeing'; did you mean wellbeing?"));
  CHECK_THAT(refusal(fields + R"({"code": "x", "field": "plan", "test": "fell_by", "value": 1, "points": 1, "reason": "r"}]})"),
             Catch::Contains("test 'fell_by' does not apply to plan"));
  CHECK_THAT(refusal(fields +
                     R"({"code": "x", "field": "wellbeing", "within_days": 7, "test": "below", "value": 4, "points": 1, "reason": "r"}]})"),
             Catch::Contains("within_days counts events"));
}

TEST_CASE("fell_by and rose_by test a change since --since; events.<type> counts events in a window", "[rules]") {
  const Rules rules = parse(with_indicator(R"("field": "attendance", "test": "fell_by", "value": 5, "points": 1, "reason": "fell {value}"},
  {"code": "up", "field": "attendance", "test": "rose_by", "value": 5, "points": 1, "reason": "rose {value}"},
  {"code": "rm", "field": "events.removal", "within_days": 42, "test": "at_least", "value": 2, "points": 2, "reason": "r"},
  {"code": "rm_all", "field": "events.removal", "test": "at_least", "value": 1, "points": 1, "reason": "r")"));
  // One change field serves both tests: this term less the earlier file.
  REQUIRE(rules.fields.size() == 3);
  CHECK(rules.fields[0].source == RuleField::Source::change);
  CHECK(rules.fields[0].name == "attendance_pct_change");
  CHECK(rules.fields[0].of == Field::attendance);
  const auto& fell = rules.indicators[0].when;
  CHECK(fell.field == static_cast<Field>(field_count));
  CHECK(std::isinf(fell.low));
  CHECK(fell.high == std::nextafter(-5.0, std::numeric_limits<double>::infinity()));  // a fall of exactly 5 holds
  CHECK(fell.shown == -1);                                                            // the reason says the fall as a positive number
  CHECK(rules.indicators[1].when.low == 5.0);
  CHECK(rules.indicators[1].when.field == fell.field);
  CHECK(rules.fields[1].source == RuleField::Source::events);
  CHECK(rules.fields[1].event_type == "removal");
  CHECK(rules.fields[1].within_days == 42);
  CHECK(rules.fields[1].name == "events.removal within 42 days");
  CHECK(rules.fields[2].within_days == 0);
  CHECK(rules.fields[2].name == "events.removal");
  CHECK_THAT(
      refusal(with_indicator(R"("field": "events.removal", "within_days": 0, "test": "at_least", "value": 1, "points": 1, "reason": "r")")),
      Catch::Contains("within_days is not a whole number from 1 to 3660"));
}

TEST_CASE("rules that extend the defaults keep them and add their own", "[rules]") {
  const Rules base = Rules::builtin(catalogue());
  const Rules rules = parse(R"({"extends": "defaults",
  "indicators": [{"code": "removals", "field": "events.removal", "test": "at_least", "value": 2, "points": 2, "reason": "r"}]})");
  CHECK(rules.targeted_from == base.targeted_from);
  CHECK(rules.intensive_from == base.intensive_from);
  CHECK(rules.context_max == base.context_max);
  REQUIRE(rules.indicators.size() == base.indicators.size() + 1);
  CHECK(rules.indicators.back().code == "removals");
  CHECK(rules.overrides.size() == base.overrides.size());
  CHECK_THAT(
      refusal(
          R"({"extends": "defaults", "indicators": [{"code": "absence_15", "field": "attendance", "test": "below", "value": 1, "points": 1, "reason": "r"}]})"),
      Catch::Contains("indicator absence_15 is already in the default rules"));
  CHECK_THAT(refusal(R"({"extends": "mine.json"})"), Catch::Contains("extends names rules risk-check does not have"));
}
