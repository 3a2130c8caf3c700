#include "waymark/gatsby/audit.hpp"

#include <algorithm>

#include "waymark/academic_year.hpp"

namespace waymark::gatsby {

void Audit::assess_from(std::chrono::year_month_day since) { log_from = academic_year_of(since); }

Audit load_audit(const AuditInputs& inputs, const std::function<void(const std::string&)>& warn) {
  Audit audit;
  audit.setting = inputs.setting;
  audit.framework = Framework::builtin(inputs.framework).for_setting(audit.setting);
  audit.as_of = inputs.as_of;
  for (const auto& criterion : audit.framework.criteria) audit.criteria.push_back(&criterion);

  audit.roll = Roll::read({inputs.pupils, inputs.dates, audit.as_of, inputs.verbose});

  if (inputs.school) {
    audit.school = SchoolAnswers::read(*inputs.school);
    for (const auto& message : audit.school.replaced()) warn(message);
  } else if (const auto unanswered =
                 std::count_if(audit.criteria.begin(), audit.criteria.end(), [](const Criterion* c) { return !c->per_pupil; })) {
    // Without answers the school criteria are unknown, not unmet: say so before any figure is read.
    warn(std::to_string(unanswered) +
         " school criteria are not answered (no --school): they are shown as not answered, "
         "count as not met in each benchmark's percentage, and no benchmark with one can be fully achieved");
  }

  audit.progress = std::make_unique<Progress>(audit.criteria, audit.roll.pupils().size());
  audit.log = read_activities({inputs.activities, inputs.dates, audit.as_of, inputs.verbose}, audit.roll, *audit.progress, warn);
  audit.log_from = audit.log.first_academic_year.value_or(academic_year_of(audit.as_of));
  return audit;
}

}  // namespace waymark::gatsby
