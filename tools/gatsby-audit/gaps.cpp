// --gaps: one row per pupil and unmet criterion, with the date it falls due, for mail-merge and
// follow-up. Rows come pupil by pupil, in the order of the pupils file, criteria in framework order.
#include <fmt/format.h>

#include "audit.hpp"
#include "waymark/errors.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"

namespace waymark::gatsby {

int write_gaps(const Options& options, const Audit& audit) {
  const auto format = parse_record_format(options.common.format.empty() ? "csv" : options.common.format);
  Output out(options.common.output);
  const auto writer = RecordWriter::create(*format, out);
  writer->begin({"pupil_id", "benchmark", "criterion", "due_by", "status"});
  const auto evaluator = audit.evaluator();
  const auto& pupils = audit.roll.pupils();
  for (std::uint32_t index = 0; index < pupils.size(); ++index) {
    for (const auto* criterion : audit.criteria) {
      if (!criterion->per_pupil) continue;
      evaluator.evaluate(pupils[index], index, *criterion, [&](const Gap& gap) {
        writer->start_record();
        writer->text(gap.pupil->id);
        writer->integer(gap.criterion->benchmark);
        writer->text(gap.criterion->id);
        writer->text(format_date(gap.due_by));
        writer->text(to_string(gap.status));
        writer->end_record();
      });
    }
  }
  writer->finish();
  out.commit();
  return 0;
}

int list_criteria(const Options& options) {
  const auto framework = Framework::builtin(options.framework).for_setting(options.setting == "college" ? Setting::college : Setting::school);
  Output out(options.common.output);
  out.print("{} ({} setting)\n{:<3} {:<34} {:<7} {}\n", framework.title, options.setting, "BM", "criterion", "scope", "text");
  for (const auto& criterion : framework.criteria)
    out.print("{:<3} {:<34} {:<7} {}\n", criterion.benchmark, criterion.id, criterion.per_pupil ? "pupil" : "school", criterion.text);
  out.commit();
  return 0;
}

}  // namespace waymark::gatsby
