// --list-criteria: the framework's criteria for the setting, one a line.
#include "options.hpp"
#include "waymark/output.hpp"

namespace waymark::gatsby {

void list_criteria(const Options& options) {
  const auto framework = Framework::builtin(options.framework).for_setting(options.setting_chosen());
  Output out(options.common.output);
  out.print("{} ({} setting)\n{:<3} {:<36} {:<7} {}\n", framework.title, options.setting, "BM", "criterion", "scope", "text");
  for (const auto& criterion : framework.criteria)
    out.print("{:<3} {:<36} {:<7} {}\n", criterion.benchmark, criterion.id, criterion.per_pupil ? "pupil" : "school", criterion.text);
  out.commit();
}

}  // namespace waymark::gatsby
