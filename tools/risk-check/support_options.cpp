// risk-check's options for a support log (waymark-support(5)), and the modes they choose.
#include <algorithm>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk_check {

void add_support_options(CLI::App& app, Options& options) {
  app.add_option("--support", options.risk.support_path,
                 "Support log (waymark-support(5)): scored records gain active_support (actions active on --as-of)\n"
                 "and support_received; with --unsupported, --impact or --tier-change left");
  app.add_option("--support-names", options.risk.support_names_path,
                 "The school's own names for its support: lines 'A02 = Homework mentors', or 'none = Breakfast club'");
  app.add_option("--as-of", options.risk.as_of, "The day the support log and --events are read as of (default today)");
  app.add_option("--events", options.risk.events_path,
                 "The school's dated events (columns id, date, type): a rule's field events.<type> counts a learner's\n"
                 "events of that type up to --as-of, or with within_days those in the last N days");
  app.add_flag("--unsupported", options.unsupported,
               "With --support: learners in targeted or intensive support with no support active on --as-of:\n"
               "id, tier, reasons, recommended_actions, support_received (csv, json, ndjson)");
  app.add_flag("--impact", options.impact,
               "With --since and --support: per action, the learners who received it, their attendance change and\n"
               "tier moves beside comparable learners with no support, a 95% interval, and coverage (csv, json, ndjson);\n"
               "with --format md, html, pdf or docx, the report for governors, with charts and notes (--lang, --paper)");
  app.add_option("--since-date", options.risk.since_date,
                 "With --impact: the day of the --since file; support counts if given from then to --as-of");
}

std::optional<SupportRun> support_run(const Options& options) {
  if (options.impact) {
    const auto& format = options.common.format;
    const bool document = format == "md" || format == "html" || format == "pdf" || format == "docx";
    return document ? SupportRun::impact_report : SupportRun::impact;
  }
  if (options.unsupported) return SupportRun::unsupported;
  if (std::find(options.tier_changes.begin(), options.tier_changes.end(), "left") != options.tier_changes.end()) return SupportRun::leavers;
  return std::nullopt;
}

Mode mode_of(SupportRun run) {
  switch (run) {
    case SupportRun::unsupported: return {"--unsupported", {"csv", "json", "ndjson"}};
    case SupportRun::leavers: return {"--tier-change left", {"csv", "json", "ndjson"}};
    case SupportRun::impact: return {"--impact", {"csv", "json", "ndjson"}, "the report to read is md, html, pdf or docx"};
    case SupportRun::impact_report: return {"the --impact report", {"md", "html", "pdf", "docx"}};
  }
  return {};
}

void check_support_options(const Options& options) {
  const auto usage = [](const std::string& message) { throw Error(ErrorKind::usage, message); };
  const bool support = !options.risk.support_path.empty();
  if (!support) {
    if (!options.risk.support_names_path.empty()) usage("--support-names names the school's support in a log: it needs --support");
    if (options.unsupported) usage("--unsupported lists learners with no support in a log: it needs --support LOG");
    if (options.impact) usage("--impact compares learners by the support in a log: it needs --support LOG");
    if (options.fail_on == "unsupported") usage("--fail-on unsupported needs --support LOG");
  }
  if (!options.risk.since_date.empty() && !options.impact)
    usage("--since-date is the start of the period --impact counts support in: it needs --impact");
  const bool leavers = std::find(options.tier_changes.begin(), options.tier_changes.end(), "left") != options.tier_changes.end();
  if (leavers && options.tier_changes.size() > 1)
    usage("--tier-change left lists the earlier file's learners, the others this file's: give left alone");
  const bool other_mode = options.summary || !options.explain_id.empty() || !options.outcomes_path.empty();
  if (options.impact) {
    if (options.risk.since_path.empty()) usage("--impact compares two files: it needs --since BEFORE");
    if (other_mode || options.unsupported || leavers || !options.tier_changes.empty() || !options.tiers.empty() ||
        !options.risk.key_path.empty() || !options.fail_on.empty())
      usage(
          "--impact takes --since, --support, --as-of, --since-date, --support-names and --by; not --summary, --explain, "
          "--evaluate, --unsupported, --tier, --tier-change, --pseudonymise or --fail-on");
  }
  // The days, checked before any input is read.
  if (support && since_day(options.risk) > as_of_day(options.risk))
    usage("--since-date is after --as-of (the period --impact counts support in)");
  if (options.unsupported && (other_mode || !options.risk.since_path.empty()))
    usage("--unsupported lists this file's learners: not with --summary, --explain, --evaluate or --since");
  if (!options.unsupported && !options.impact && leavers && (other_mode || !options.fail_on.empty()))
    usage("--tier-change left lists learners: not with --summary, --explain, --evaluate or --fail-on");
  if (options.fail_on == "unsupported" && other_mode)
    usage("--fail-on unsupported is for scoring and --unsupported: not with --summary, --explain or --evaluate");
  if (!options.risk.by.empty() && (options.unsupported || (leavers && !options.impact)))
    usage("--by groups --summary, --evaluate and --impact, not a list of learners");
  if (support && other_mode)
    usage("--support is for scoring, --unsupported, --tier-change left and --impact: not with --summary, --explain or --evaluate");
}

}  // namespace waymark::risk_check
