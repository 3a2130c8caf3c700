// --gaps: one row per pupil and unmet criterion, with the date it falls due, for mail-merge and
// follow-up. Rows come pupil by pupil, in the order of the pupils file, criteria in framework order.
#include <fmt/format.h>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"

namespace waymark::gatsby {

void write_gaps(const Options& options, const Audit& audit) {
  const auto format = parse_record_format(options.common.format.empty() ? "csv" : options.common.format);
  Output out(options.common.output);
  const auto writer = RecordWriter::create(*format, out);
  // Names and form, where the pupils file has them, so the rows can be mail-merged or split per form.
  const auto& roll = audit.roll;
  std::vector<std::string> columns{"pupil_id"};
  if (roll.has_given_name()) columns.emplace_back("given_name");
  if (roll.has_family_name()) columns.emplace_back("family_name");
  if (roll.has_tutor_group()) columns.emplace_back("tutor_group");
  columns.insert(columns.end(), {"benchmark", "criterion", "due_by", "status"});
  writer->begin(columns);
  const auto evaluator = audit.evaluator();
  const auto& pupils = audit.roll.pupils();
  for (std::uint32_t index = 0; index < pupils.size(); ++index) {
    for (const auto* criterion : audit.criteria) {
      if (!criterion->per_pupil) continue;
      evaluator.evaluate(pupils[index], index, *criterion, [&](const Gap& gap) {
        writer->start_record();
        writer->text(gap.pupil->id);
        if (roll.has_given_name()) writer->text(gap.pupil->given_name);
        if (roll.has_family_name()) writer->text(gap.pupil->family_name);
        if (roll.has_tutor_group()) writer->text(gap.pupil->tutor_group);
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
}

}  // namespace waymark::gatsby
