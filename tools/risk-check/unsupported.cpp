// --unsupported: the learners in targeted or intensive support with no support active on the
// day (--as-of), id first, with their tier, reasons and recommended actions: the list a pastoral
// lead works through, and with --fail-on unsupported a nightly check.
#include "options.hpp"
#include "waymark/risk/support.hpp"

#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"

namespace waymark::risk_check {

bool write_unsupported(const Options& options, const Rules& rules) {
  auto support = read_support(options.risk);
  CohortScan scan(options.risk, rules);
  std::vector<bool> shown_tiers(3, options.tiers.empty());
  for (const auto& name : options.tiers) shown_tiers[static_cast<std::size_t>(*parse_tier(name))] = true;
  const auto format = options.common.format.empty() ? RecordFormat::csv : *parse_record_format(options.common.format);
  Output out(options.common.output);
  auto writer = RecordWriter::create(format, out);
  writer->begin({"id", "tier", "reasons", "recommended_actions", std::string(support_received_column)});
  LearnerSupport got;
  bool found = false;
  std::string pseudonym;
  while (scan.next()) {
    const auto& a = scan.assessment();
    learner_support(*support, scan.learner().id, got);
    if (a.tier < Tier::targeted || !got.active.empty()) continue;
    found = true;
    if (!shown_tiers[static_cast<std::size_t>(a.tier)]) continue;
    writer->start_record();
    if (const auto* pseudonymiser = scan.pseudonymiser()) {
      pseudonym = pseudonymiser->pseudonym(scan.learner().id);
      writer->text(pseudonym);
    } else {
      writer->text(scan.learner().id);
    }
    writer->text(to_string(a.tier));
    writer->list(std::span<const std::string>(a.reasons));
    writer->list(std::span<const std::string_view>(a.action_ids));
    writer->list(std::span<const std::string_view>(got.received));
    writer->end_record();
  }
  writer->finish();
  out.commit();
  support->log.warn_unknown_learners(options.common.warn, scan.reader().source_name());
  return found && options.fail_on == "unsupported";
}

}  // namespace waymark::risk_check
