#include "waymark/gatsby/audit.hpp"

#include <algorithm>

#include "waymark/academic_year.hpp"
#include "waymark/errors.hpp"
#include "waymark/today.hpp"

namespace waymark::gatsby {

namespace {

// A date given on the command line; a bad one is a usage error.
std::chrono::year_month_day option_date(const std::string& option, const std::string& text) {
  try {
    if (const auto date = parse_date(text)) return *date;
  } catch (const FieldError& e) {
    throw Error(ErrorKind::usage, option + ": " + e.what() + " (" + e.expected() + ")");
  }
  throw Error(ErrorKind::usage, option + ": the date is empty (an ISO 8601 date such as 2026-07-15)");
}

}  // namespace

Mode mode_of(Run run) {
  switch (run) {
    case Run::summary: return {"the summary", {"txt", "csv", "json"}, "--gaps writes ndjson; --report writes documents"};
    case Run::gaps: return {"--gaps", {"csv", "ndjson", "json"}};
    case Run::report: return {"the report", {"md", "html", "txt", "pdf", "docx"}};
  }
  return {};
}

OptionModes option_modes() {
  // One mark per mode: y takes effect, - is refused there.
  return {{"the summary", "--gaps", "the report", "--list-criteria", "--print-framework", "--show-columns"},
          {
              {"--output", "yyyy--"},
              {"--format", "yyy---"},
              {"--input-format", "yyy--y"},
              {"--delimiter", "yyy--y"},
              {"--encoding", "yyy--y"},
              {"--sheet", "yyy--y"},
              {"--columns", "yyy--y"},
              {"--show-columns", "-----y"},
              {"--date-format", "yyy---"},
              {"--verbose", "yyy---"},
              {"--template", "--y---"},
              {"--templates", "--y---"},
              {"--set", "--y---"},
              {"--settings", "--y---"},
              {"--paper", "--y---"},
              {"--lang", "--y---"},
              {"--activities", "yyy--y"},
              {"--pupils", "yyy---"},
              {"--school", "yyy---"},
              {"--framework", "yyyyy-"},
              {"--setting", "yyyy--"},
              {"--as-of", "yyy---"},
              {"--since", "yyy---"},
              {"--gaps", "-y----"},
              {"--report", "--y---"},
              {"--list-criteria", "---y--"},
              {"--print-framework", "----y-"},
          }};
}

Audit load_audit(const Options& options, const std::function<void(const std::string&)>& warn) {
  Audit audit;
  audit.setting = options.setting == "college" ? Setting::college : Setting::school;
  audit.framework = Framework::builtin(options.framework).for_setting(audit.setting);
  audit.as_of = options.as_of.empty() ? today() : option_date("--as-of", options.as_of);
  for (const auto& criterion : audit.framework.criteria) audit.criteria.push_back(&criterion);

  audit.roll = Roll::read({options.common.input_options(options.pupils_path), options.common.date_order(), audit.as_of, options.common.verbose});

  if (!options.school_path.empty()) {
    audit.school = SchoolAnswers::read(options.common.input_options(options.school_path));
    for (const auto& message : audit.school.replaced()) warn(message);
  } else if (const auto unanswered = std::count_if(audit.criteria.begin(), audit.criteria.end(), [](const Criterion* c) { return !c->per_pupil; })) {
    // Without answers the school criteria are unknown, not unmet: say so before any figure is read.
    warn(std::to_string(unanswered) + " school criteria are not answered (no --school): they are shown as not answered, "
         "count as not met in each benchmark's percentage, and no benchmark with one can be fully achieved");
  }

  audit.progress = std::make_unique<Progress>(audit.criteria, audit.roll.pupils().size());
  audit.log = read_activities({options.common.input_options(), options.common.date_order(), audit.as_of, options.common.verbose},
                              audit.roll, *audit.progress, warn);
  const int current_year = academic_year_of(audit.as_of);
  if (!options.since.empty()) {
    const auto since = option_date("--since", options.since);
    if (std::chrono::sys_days{since} > std::chrono::sys_days{audit.as_of}) throw Error(ErrorKind::usage, "--since: the date is after --as-of");
    audit.log_from = academic_year_of(since);
  } else {
    audit.log_from = audit.log.first_academic_year.value_or(current_year);
  }
  return audit;
}

}  // namespace waymark::gatsby
