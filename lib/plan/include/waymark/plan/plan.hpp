// One learner's individual plan (Action 1 of the toolkit) as plan JSON, schema "waymark-plan/2"
// (man 5 waymark-plan): starting point, end goal, road map of stages and targets, the toolkit
// actions chosen, well-being, the three needs of Self-Determination Theory, reviews.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "waymark/catalogue.hpp"
#include "waymark/plan/profiles.hpp"
#include "waymark/plan/progress.hpp"
#include "waymark/plan/schedule.hpp"
#include "waymark/plan/targets.hpp"
#include "waymark/records.hpp"

namespace waymark::plan {

inline constexpr std::string_view plan_schema = "waymark-plan/2";

struct PlanSettings {
  std::chrono::year_month_day start;
  Interval review_every;
  int reviews = 3;
  std::optional<TermDates> terms;    // --term-dates: reviews fall on school days
  std::vector<std::string> actions;  // --actions for every learner; empty: each learner's recommended
  std::string key_person;            // when the learner has no key_person column
  // The young person's own plan never carries the support tier or the reasons written for staff
  // (identification "without labelling", seeds/000); the staff plan does.
  bool for_staff = false;
  nlohmann::ordered_json prompts;  // prompts.json: who the young person is in an owner column
  // Prompts for the tutor on autonomy, competence and relatedness, in the documents' language.
  nlohmann::ordered_json self_determination;
};

// A target that is not SMART enough to sign, and why.
struct SmartWarning {
  std::string source;  // "targets.csv:5"
  std::string learner;
  std::vector<std::string> problems;
};

class PlanBuilder {
 public:
  // Finds the learner columns once; throws Error if the records have no id column or `settings`
  // names an action the catalogue does not have.
  PlanBuilder(const RecordReader& reader, PlanSettings settings, const Catalogue& catalogue, const Profiles* profiles);

  std::string learner_id(const Record& record) const;
  // The day the plans start (PlanSettings::start).
  std::chrono::year_month_day start() const { return settings_.start; }
  // The learner's risk-factor codes (risk-check's risk_factors), for choosing what the young
  // person's own plan suggests; the young person's plan JSON leaves them out.
  std::vector<std::string> risk_factors(const Record& record) const { return list(record, "risk_factors"); }
  // The plan of the learner in `record`; `stages` may be null (no targets yet), `progress` null
  // without --progress.
  nlohmann::ordered_json build(const Record& record, const std::vector<Stage>* stages, std::vector<SmartWarning>& warnings,
                               ProgressBook* progress = nullptr) const;

 private:
  // A column of the learner's profile (--profiles) or, failing that, of the learner record.
  std::string text(const Record& record, std::string_view column) const;
  std::vector<std::string> list(const Record& record, std::string_view column) const;
  std::vector<std::string> action_ids(const Record& record) const;
  nlohmann::ordered_json target_json(const Target& target, const std::string& given_name, SmartWarning& warning) const;
  bool owned_by_young_person(const std::string& owner, const std::string& given_name) const;

  const RecordReader& reader_;
  PlanSettings settings_;
  const Catalogue& catalogue_;
  const Profiles* profiles_;  // may be null
};

}  // namespace waymark::plan
