// What every mode of gatsby-audit reads: the options turned into the audit's inputs, and its modes.
#include "options.hpp"

#include "waymark/errors.hpp"
#include "waymark/learners_chosen.hpp"

namespace waymark::gatsby {

Mode mode_of(Run run) {
  switch (run) {
    case Run::summary: return {"the summary", {"txt", "csv", "json"}, "--gaps writes ndjson; --report writes documents"};
    case Run::gaps: return {"--gaps", {"csv", "ndjson", "json"}};
    case Run::report: return {"the report", {"md", "html", "txt", "pdf", "docx"}};
  }
  return {};
}

Audit load_audit(const Options& options, const std::function<void(const std::string&)>& warn) {
  AuditInputs inputs;
  inputs.framework = options.framework;
  inputs.setting = options.setting_chosen();
  inputs.as_of = option_date_or_today("--as-of", options.as_of, DateOrder::iso);
  inputs.pupils = options.common.input_options(options.pupils_path);
  if (!options.school_path.empty()) inputs.school = options.common.input_options(options.school_path);
  inputs.activities = options.common.input_options();
  inputs.dates = options.common.date_order();
  inputs.verbose = options.common.verbose;
  Audit audit = gatsby::load_audit(inputs, warn);
  if (!options.since.empty()) {
    const auto since = option_date("--since", options.since, DateOrder::iso);
    if (std::chrono::sys_days{since} > std::chrono::sys_days{audit.as_of})
      throw Error(ErrorKind::usage, "--since: the date is after --as-of");
    audit.assess_from(since);
  }
  return audit;
}

}  // namespace waymark::gatsby
