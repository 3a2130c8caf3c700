// One audit of a school's careers programme: the framework as it applies in the setting, the
// pupils, the school's answers and the per-pupil progress from the streamed log, as of a date.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/gatsby/activities.hpp"
#include "waymark/gatsby/evaluate.hpp"
#include "waymark/gatsby/framework.hpp"
#include "waymark/gatsby/progress.hpp"
#include "waymark/gatsby/pupils.hpp"
#include "waymark/gatsby/school.hpp"

namespace waymark::gatsby {

// What an audit reads, and as of when.
struct AuditInputs {
  std::string framework = "gatsby-2024";  // one of Framework::names()
  Setting setting = Setting::school;
  std::chrono::year_month_day as_of;
  InputOptions pupils;
  std::optional<InputOptions> school;  // the school's answers; none: the school criteria are not answered
  InputOptions activities;             // the careers log, streamed
  DateOrder dates = DateOrder::iso;
  bool verbose = false;  // messages may quote values
};

struct Audit {
  Framework framework;  // as it applies in the setting
  Setting setting = Setting::school;
  std::chrono::year_month_day as_of;
  int log_from = 0;  // first academic year the log covers
  Roll roll;
  SchoolAnswers school;
  LogCounts log;
  std::vector<const Criterion*> criteria;  // framework's, in order
  std::unique_ptr<Progress> progress;

  Evaluator evaluator() const { return Evaluator(*progress, as_of, log_from); }
  // The log starts on `since`: deadlines before its academic year are not assessed (without
  // this, the log covers the academic year of its earliest activity).
  void assess_from(std::chrono::year_month_day since);
};

// Reads every input; warnings (activities for unknown pupils, school criteria not answered) go
// through `warn`.
Audit load_audit(const AuditInputs& inputs, const std::function<void(const std::string&)>& warn);

}  // namespace waymark::gatsby
