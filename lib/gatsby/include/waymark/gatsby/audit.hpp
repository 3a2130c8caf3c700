// What every mode of gatsby-audit shares: the options, and loading the inputs into one Audit (the
// framework, the pupils, the school's answers and the per-pupil progress from the streamed log).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "waymark/gatsby/activities.hpp"
#include "waymark/gatsby/evaluate.hpp"
#include "waymark/gatsby/framework.hpp"
#include "waymark/gatsby/progress.hpp"
#include "waymark/gatsby/pupils.hpp"
#include "waymark/gatsby/school.hpp"
#include "waymark/cli.hpp"
#include "waymark/document_options.hpp"

namespace waymark::gatsby {

struct Options {
  CommonOptions common;  // common.input is the careers log (--activities)
  std::string pupils_path;
  std::string school_path;
  std::string framework = "gatsby-2024";
  std::string setting = "school";
  std::string as_of;     // empty: today
  std::string since;     // empty: the academic year of the log's earliest activity
  bool gaps = false;
  bool report = false;           // the governors' report (also implied by --format md, html or pdf)
  DocumentOptions documents;     // --template, --set, ... for the report
  bool list_criteria = false;
  bool print_framework = false;
};

struct Audit {
  Framework framework;                     // as it applies in the setting
  Setting setting = Setting::school;
  std::chrono::year_month_day as_of;
  int log_from = 0;  // first academic year the log covers
  Roll roll;
  SchoolAnswers school;
  LogCounts log;
  std::vector<const Criterion*> criteria;  // framework's, in order
  std::unique_ptr<Progress> progress;

  Evaluator evaluator() const { return Evaluator(*progress, as_of, log_from); }
};

// Reads every input; warnings (activities for unknown pupils) go through `warn`.
Audit load_audit(const Options& options, const std::function<void(const std::string&)>& warn);

// gatsby-audit's modes, and the formats each writes: checked before any input is read.
enum class Run { summary, gaps, report };
Mode mode_of(Run run);
// Which options take effect in which mode, these three and --list-criteria, --print-framework and
// --show-columns: the one place to add an option to (docs/conventions.md shows it;
// tests/options/option-modes tries it).
OptionModes option_modes();

// The modes.
void write_summary(const Options& options, const Audit& audit);
void write_gaps(const Options& options, const Audit& audit);
void list_criteria(const Options& options);
// The report's template is checked before any input is read.
void check_report_template(const Options& options);
void write_report(const Tool& tool, const Options& options, const Audit& audit);

}  // namespace waymark::gatsby
