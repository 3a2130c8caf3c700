// gatsby-audit's options as given on the command line, its modes, and the audit they read.
#pragma once

#include <functional>
#include <string>

#include "waymark/cli.hpp"
#include "waymark/document_options.hpp"
#include "waymark/gatsby/audit.hpp"

namespace waymark::gatsby {

struct Options {
  CommonOptions common;  // common.input is the careers log (--activities)
  std::string pupils_path;
  std::string school_path;
  std::string framework = "gatsby-2024";
  std::string setting = "school";
  std::string as_of;  // empty: today
  std::string since;  // empty: the academic year of the log's earliest activity
  bool gaps = false;
  bool report = false;        // the governors' report (also implied by --format md, html or pdf)
  DocumentOptions documents;  // --template, --set, ... for the report
  bool list_criteria = false;
  bool print_framework = false;

  Setting setting_chosen() const { return setting == "college" ? Setting::college : Setting::school; }
};

// gatsby-audit's modes, and the formats each writes: checked before any input is read.
enum class Run { summary, gaps, report };
Mode mode_of(Run run);

// The inputs the options name, read into one Audit (audit.cpp).
Audit load_audit(const Options& options, const std::function<void(const std::string&)>& warn);

// The modes, a file each.
void write_summary(const Options& options, const Audit& audit);  // summary.cpp
void write_gaps(const Options& options, const Audit& audit);     // gaps.cpp
void list_criteria(const Options& options);                      // list_criteria.cpp
// The report's template is checked before any input is read.
void check_report_template(const Options& options);  // report.cpp
void write_report(const Tool& tool, const Options& options, const Audit& audit);

}  // namespace waymark::gatsby
