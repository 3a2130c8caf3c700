// The targets a tutor and young person wrote (targets.csv), grouped by learner and stage.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark::plan {

struct Target {
  std::string area, target, measure, owner, support;
  std::optional<std::chrono::year_month_day> due;
  std::string source;  // "targets.csv:5", for warnings
  long line = 0;
};

struct Stage {
  std::string name;
  std::vector<Target> targets;
};

// All targets, held in memory: a school's targets are a few per learner.
class TargetBook {
 public:
  // Reads id, stage, area, target, measure, owner, due, support. Throws Error on bad data (a due
  // date that is not a date, a missing column).
  static TargetBook load(const InputOptions& input, DateOrder dates, bool verbose);

  // The learner's stages in the order the file first names them; nullptr if the learner has none.
  // Marks the learner as seen.
  const std::vector<Stage>* take(const std::string& id);
  // The first target of each learner never asked for, in file order.
  struct Unclaimed {
    std::string id;
    const Target* first;
  };
  std::vector<Unclaimed> unclaimed() const;

 private:
  std::map<std::string, std::vector<Stage>> by_learner_;
  std::map<std::string, const Target*> first_target_;
  std::map<std::string, bool> claimed_;  // learners asked for
};

}  // namespace waymark::plan
