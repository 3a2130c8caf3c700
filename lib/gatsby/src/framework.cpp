#include "waymark/gatsby/framework.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "waymark/errors.hpp"

namespace waymark::embedded {
extern const std::string_view gatsby_2014_json;
extern const std::string_view gatsby_2024_json;
}  // namespace waymark::embedded

namespace waymark::gatsby {

namespace {

constexpr std::array<std::string_view, kind_count> kind_names{"employer_encounter", "workplace_experience", "provider_encounter",
                                                              "university_visit",   "guidance_interview",   "lmi_session",
                                                              "curriculum_link",    "advice_record"};

constexpr std::array<std::string_view, provider_type_count> provider_type_names{"sixth_form", "college", "university",
                                                                                "apprenticeship_provider", "itp"};

std::string joined(const auto& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

// The framework files are ours and compiled in: a mistake in them is a bug, reported as one.
[[noreturn]] void bad_framework(std::string_view name, const std::string& problem) {
  throw Error(ErrorKind::internal, "built-in framework " + std::string(name) + ": " + problem);
}

Rule parse_rule(std::string_view framework, const std::string& id, const nlohmann::json& json) {
  Rule rule;
  const auto type = json.at("type").get<std::string>();
  if (type == "each_year")
    rule.type = RuleType::each_year;
  else if (type == "by_year")
    rule.type = RuleType::by_year;
  else if (type == "providers_by")
    rule.type = RuleType::providers_by;
  else if (type == "destinations")
    rule.type = RuleType::destinations;
  else
    bad_framework(framework, "criterion " + id + " has an unknown rule type " + type);
  for (const auto& name : json.value("kinds", std::vector<std::string>{})) {
    const auto kind = parse_kind(name);
    if (!kind) bad_framework(framework, "criterion " + id + " counts an unknown kind " + name);
    rule.kinds = static_cast<std::uint8_t>(rule.kinds | (1U << static_cast<unsigned>(*kind)));
  }
  rule.meaningful = json.value("meaningful", false);
  rule.subjects = json.value("subjects", std::vector<std::string>{});
  rule.from_year = json.value("from_year", 7);
  rule.to_year = json.value("to_year", 13);
  rule.min = json.value("min", 1);
  rule.min_in_subject = json.value("min_in_subject", 0);
  rule.years = json.value("years", 0);
  for (const auto& range : json.value("ranges", std::vector<std::vector<std::string>>{})) {
    std::uint8_t mask = 0;
    for (const auto& name : range) {
      const auto provider = parse_provider_type(name);
      if (!provider) bad_framework(framework, "criterion " + id + " names an unknown provider type " + name);
      mask = static_cast<std::uint8_t>(mask | (1U << static_cast<unsigned>(*provider)));
    }
    rule.ranges.push_back(mask);
  }
  rule.min_ranges = json.value("min_ranges", 0);
  if (rule.min_ranges < 0 || rule.min_ranges > static_cast<int>(rule.ranges.size()))
    bad_framework(framework, "criterion " + id + " asks for more provider ranges than it names");
  if (const auto only_if = json.value("only_if", std::string{}); !only_if.empty()) {
    if (only_if != "considering_he") bad_framework(framework, "criterion " + id + " has an unknown only_if " + only_if);
    rule.only_if_considering_he = true;
  }
  if (rule.from_year < 7 || rule.to_year > 13 || rule.from_year > rule.to_year)
    bad_framework(framework, "criterion " + id + " has year groups outside 7 to 13");
  if (rule.min < 1 || rule.min > 200 || rule.min_in_subject > rule.min)
    bad_framework(framework, "criterion " + id + " has a minimum outside 1 to 200");
  return rule;
}

Framework parse_framework(std::string_view name, std::string_view text) {
  Framework framework;
  try {
    const auto doc = nlohmann::json::parse(text);
    framework.name = doc.at("name").get<std::string>();
    framework.title = doc.at("title").get<std::string>();
    framework.source = doc.at("source").get<std::string>();
    // A national figure belongs to the framework it was measured on; a file quoting one measured
    // on another framework is a mistake in our data.
    if (const auto& average = doc.at("national_average"); !average.is_null()) {
      if (average.at("measured_on").get<std::string>() != framework.name)
        bad_framework(name, "its national average was measured on " + average.at("measured_on").get<std::string>());
      framework.national_average = NationalAverage{average.at("benchmarks_achieved").get<double>(), average.at("of").get<int>(),
                                                   average.at("year").get<std::string>(), average.at("source").get<std::string>()};
    } else {
      framework.national_average_note = doc.at("national_average_note").get<std::string>();
    }
    const auto replaced = doc.value("replaced", nlohmann::json::object());
    for (const auto& [old_id, new_id] : replaced.items()) framework.replaced[old_id] = new_id.get<std::string>();
    for (const auto& benchmark : doc.at("benchmarks")) {
      const int number = benchmark.at("benchmark").get<int>();
      framework.benchmarks.push_back({number, benchmark.at("title").get<std::string>()});
      for (const auto& item : benchmark.at("criteria")) {
        Criterion criterion;
        criterion.id = item.at("id").get<std::string>();
        criterion.benchmark = number;
        criterion.text = item.at("text").get<std::string>();
        criterion.source = item.at("source").get<std::string>();
        if (criterion.source.empty()) bad_framework(name, "criterion " + criterion.id + " cites no source");
        const auto scope = item.at("scope").get<std::string>();
        if (scope != "school" && scope != "pupil") bad_framework(name, "criterion " + criterion.id + " has scope " + scope);
        criterion.per_pupil = scope == "pupil";
        if (const auto setting = item.value("setting", std::string{}); !setting.empty())
          criterion.setting = setting == "college" ? Setting::college : Setting::school;
        if (criterion.per_pupil) criterion.rule = parse_rule(name, criterion.id, item.at("rule"));
        framework.criteria.push_back(std::move(criterion));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    bad_framework(name, e.what());
  }
  return framework;
}

}  // namespace

std::optional<Kind> parse_kind(std::string_view name) {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == name) return static_cast<Kind>(i);
  return std::nullopt;
}

std::string_view to_string(Kind kind) { return kind_names[static_cast<std::size_t>(kind)]; }

std::string kind_list() { return joined(kind_names); }

std::optional<ProviderType> parse_provider_type(std::string_view name) {
  for (std::size_t i = 0; i < provider_type_names.size(); ++i)
    if (provider_type_names[i] == name) return static_cast<ProviderType>(i);
  return std::nullopt;
}

std::string provider_type_list() { return joined(provider_type_names); }

const std::vector<std::string>& Framework::names() {
  static const std::vector<std::string> all{"gatsby-2014", "gatsby-2024"};
  return all;
}

std::string_view Framework::builtin_text(std::string_view name) {
  if (name == "gatsby-2014") return embedded::gatsby_2014_json;
  if (name == "gatsby-2024") return embedded::gatsby_2024_json;
  throw Error(ErrorKind::usage, "--framework: " + std::string(name) + " is not a framework (" + joined(names()) + ")");
}

Framework Framework::builtin(std::string_view name) { return parse_framework(name, builtin_text(name)); }

Framework Framework::for_setting(Setting setting) const {
  constexpr int first_college_year = 12;
  Framework applied = *this;
  applied.criteria.clear();
  for (const auto& criterion : criteria) {
    if (criterion.setting && *criterion.setting != setting) continue;
    applied.criteria.push_back(criterion);
    auto& rule = applied.criteria.back().rule;
    if (setting == Setting::college && criterion.per_pupil && rule.type != RuleType::destinations) {
      if (rule.to_year < first_college_year)
        applied.criteria.pop_back();  // a deadline before college: not the college's
      else
        rule.from_year = std::max(rule.from_year, first_college_year);
    }
  }
  return applied;
}

bool Framework::is_school_criterion_anywhere(std::string_view id) {
  static const std::vector<Framework> all{builtin("gatsby-2014"), builtin("gatsby-2024")};
  for (const auto& framework : all)
    for (const auto& criterion : framework.criteria)
      if (!criterion.per_pupil && criterion.id == id) return true;
  return false;
}

std::optional<std::string> Framework::replacement_anywhere(std::string_view id) {
  static const std::vector<Framework> all{builtin("gatsby-2014"), builtin("gatsby-2024")};
  for (const auto& framework : all)
    if (const auto it = framework.replaced.find(std::string(id)); it != framework.replaced.end()) return it->second;
  return std::nullopt;
}

}  // namespace waymark::gatsby
