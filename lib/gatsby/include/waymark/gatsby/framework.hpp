// A Gatsby framework as data (gatsby-2014.json, gatsby-2024.json): its benchmarks, each criterion
// checked per school (answered in the school file) or per pupil (a rule over the careers log).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::gatsby {

// The kinds of activity in the careers log (man 5 waymark-records, ACTIVITY RECORD).
enum class Kind : std::uint8_t {
  employer_encounter,
  workplace_experience,
  provider_encounter,
  university_visit,
  guidance_interview,
  lmi_session,
  curriculum_link,
  advice_record,
};
inline constexpr std::size_t kind_count = 8;
std::optional<Kind> parse_kind(std::string_view name);
std::string_view to_string(Kind kind);
// "employer_encounter, workplace_experience, ..." for messages.
std::string kind_list();

// Providers of learning a pupil can meet (BM7's "full range").
enum class ProviderType : std::uint8_t { sixth_form, college, university, apprenticeship_provider, itp };
inline constexpr std::size_t provider_type_count = 5;
std::optional<ProviderType> parse_provider_type(std::string_view name);
std::string provider_type_list();

enum class Setting : std::uint8_t { school, college };

enum class RuleType : std::uint8_t {
  each_year,     // at least `min` matching activities in every academic year from from_year to to_year
  by_year,       // at least `min` matching activities while in from_year..to_year, by the end of to_year
  providers_by,  // matching activities with providers of every range (or min_ranges of them), by the end of to_year
  destinations,  // for leavers: a destination recorded for each of `years` years after leaving
};

struct Rule {
  RuleType type = RuleType::by_year;
  std::uint8_t kinds = 0;             // bit per Kind
  bool meaningful = false;            // only activities marked meaningful count
  std::vector<std::string> subjects;  // if not empty, the activity's subject must be one of these
  int from_year = 7;
  int to_year = 13;
  int min = 1;
  int min_in_subject = 0;            // each_year: how many of them through a curriculum subject
  std::vector<std::uint8_t> ranges;  // providers_by: bit per ProviderType, one mask per range
  int min_ranges = 0;                // providers_by: how many ranges must be met (0: every one)
  bool only_if_considering_he = false;
  int years = 0;  // destinations

  bool counts(Kind kind) const { return (kinds >> static_cast<unsigned>(kind)) & 1U; }
};

struct Criterion {
  std::string id;
  int benchmark = 0;
  std::string text;
  std::string source;  // where the criterion was checked (see the framework's notes)
  bool per_pupil = false;
  std::optional<Setting> setting;  // applies in this setting only; nullopt: in both
  Rule rule;                       // per-pupil criteria only
};

struct Benchmark {
  int number = 0;
  std::string title;
};

// A published national figure, quoted only beside the framework it was measured on.
struct NationalAverage {
  double benchmarks_achieved = 0;
  int of = 8;
  std::string year;
  std::string source;
};

struct Framework {
  std::string name;
  std::string title;
  std::string source;
  std::optional<NationalAverage> national_average;  // none published for this framework
  std::string national_average_note;                // why there is none, when there is none
  std::vector<Benchmark> benchmarks;
  std::vector<Criterion> criteria;  // in benchmark order
  // School criteria an earlier version of this framework's file had, each with the criterion
  // that now checks it (a pupil criterion, from the log): a school file still answering one is
  // read with a warning, not refused.
  std::map<std::string, std::string> replaced;

  // The built-in frameworks' names: gatsby-2014, gatsby-2024.
  static const std::vector<std::string>& names();
  // A built-in framework. Throws Error(usage) for a name that is not one.
  static Framework builtin(std::string_view name);
  // The built-in framework's JSON text, for --print-framework.
  static std::string_view builtin_text(std::string_view name);

  // The framework as it applies in `setting`: criteria for the other setting dropped and, in a
  // college, pupil criteria counted over Years 12 and 13 only (its learners' time there).
  Framework for_setting(Setting setting) const;
  // Whether any built-in framework has a school criterion with this id.
  static bool is_school_criterion_anywhere(std::string_view id);
  // The criterion that replaced a former school criterion of any built-in framework, if `id` is one.
  static std::optional<std::string> replacement_anywhere(std::string_view id);
};

}  // namespace waymark::gatsby
