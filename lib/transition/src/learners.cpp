#include "waymark/transition/learners.hpp"

#include "rows.hpp"
#include "waymark/codes.hpp"
#include "waymark/fields.hpp"
#include "waymark/plausibility.hpp"

namespace waymark::transition {

Learners read_learners(const InputFile& file, const std::set<std::string, std::less<>>& movers) {
  const auto reader = open_records(file.input);
  const Columns columns(*reader, file.verbose);
  const auto id = columns.require("id", "an id that identifies each learner");
  const auto given = columns.optional("given_name");
  const auto family = columns.optional("family_name");
  const auto birth = columns.optional("date_of_birth");
  const auto gender = columns.optional("gender");
  const auto year = columns.optional("year_group");
  const auto attendance = columns.optional("attendance_pct");
  const auto sen = columns.optional("sen");
  const auto looked_after = columns.optional("looked_after");
  std::array<std::optional<std::size_t>, profile_fields.size()> profile_columns;
  for (std::size_t i = 0; i < profile_fields.size(); ++i) profile_columns[i] = columns.optional(profile_fields[i].column);

  Learners learners;
  PercentScale attendance_scale;  // a fraction among percentages would print as under 1%
  Record record;
  while (reader->next(record)) {
    const auto learner_id = Columns::text(record, id);
    if (attendance) {
      // Every learner's value tells the column's scale, movers or not; a bad one is a mover's
      // error below, and no one's otherwise.
      if (const auto text = Columns::text(record, attendance); !text.empty()) {
        try {
          attendance_scale.add(text, *parse_percent(text), record.line);
        } catch (const FieldError&) {}
      }
    }
    if (!movers.contains(learner_id)) continue;
    if (const auto seen = learners.find(learner_id); seen != learners.end()) {
      columns.fail(record, id, "the learner appears twice (first on line " + std::to_string(seen->second.line) + ")",
                   "one record per learner");
    }
    Learner learner;
    learner.id = learner_id;
    learner.line = record.line;
    learner.given_name = Columns::text(record, given);
    learner.family_name = Columns::text(record, family);
    learner.gender = Columns::text(record, gender);
    learner.year_group = Columns::text(record, year);
    std::size_t at = id;
    try {
      if (birth) {
        at = *birth;
        if (const auto date = parse_date(Columns::text(record, birth), file.dates)) learner.date_of_birth = format_date(*date);
      }
      if (attendance) {
        at = *attendance;
        if (const auto percent = parse_percent(Columns::text(record, attendance))) learner.record["attendance_pct"] = *percent;
      }
      // Looked after brings the virtual school head, PEP and designated teacher steps.
      if (looked_after) {
        at = *looked_after;
        if (const auto flag = parse_bool(Columns::text(record, looked_after))) learner.record["looked_after"] = *flag;
      }
    } catch (const FieldError& e) {
      columns.fail(record, at, e.what(), e.expected());
    }
    if (const auto provision = Columns::text(record, sen); !provision.empty()) {
      learner.record["sen"] = provision;
      // The EHC plan steps of the checklist follow a learner record's SEN provision as a CTF's.
      learner.record["ehc_plan"] = parse_sen_provision(provision) == SenProvision::ehc_plan;
    }
    for (std::size_t i = 0; i < profile_fields.size(); ++i) {
      const auto text = Columns::text(record, profile_columns[i]);
      if (!text.empty()) learner.profile[std::string(profile_fields[i].column)] = text;
    }
    learners.emplace(learner.id, std::move(learner));
  }
  attendance_scale.check(*reader, "attendance_pct");
  return learners;
}

void read_profiles(const InputFile& file, Learners& learners) {
  const auto reader = open_records(file.input);
  const Columns columns(*reader, file.verbose);
  const auto id = columns.require("id", "the learner's id");
  std::array<std::optional<std::size_t>, profile_fields.size()> profile_columns;
  for (std::size_t i = 0; i < profile_fields.size(); ++i) profile_columns[i] = columns.optional(profile_fields[i].column);
  Record record;
  while (reader->next(record)) {
    const auto found = learners.find(Columns::text(record, id));
    if (found == learners.end()) continue;
    for (std::size_t i = 0; i < profile_fields.size(); ++i) {
      const auto text = Columns::text(record, profile_columns[i]);
      if (!text.empty()) found->second.profile[std::string(profile_fields[i].column)] = text;
    }
  }
}

}  // namespace waymark::transition
