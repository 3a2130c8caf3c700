#include "support_options.hpp"

namespace waymark::risk {

void add_support_options(CLI::App& app, Options& options) {
  app.add_option("--support", options.support_path,
                 "Support log (waymark-support(5)): scored records gain active_support (actions active on --as-of)\n"
                 "and support_received; with --unsupported, --impact or --tier-change left");
  app.add_option("--support-names", options.support_names_path,
                 "The school's own names for its support: lines 'A02 = Homework mentors', or 'none = Breakfast club'");
  app.add_option("--as-of", options.as_of, "The day the support log and --events are read as of (default today)");
  app.add_option("--events", options.events_path,
                 "The school's dated events (columns id, date, type): a rule's field events.<type> counts a learner's\n"
                 "events of that type up to --as-of, or with within_days those in the last N days");
  app.add_flag("--unsupported", options.unsupported,
               "With --support: learners in targeted or intensive support with no support active on --as-of:\n"
               "id, tier, reasons, recommended_actions, support_received (csv, json, ndjson)");
  app.add_flag("--impact", options.impact,
               "With --since and --support: per action, the learners who received it, their attendance change and\n"
               "tier moves beside comparable learners with no support, a 95% interval, and coverage (csv, json, ndjson);\n"
               "with --format md, html, pdf or docx, the report for governors, with charts and notes (--lang, --paper)");
  app.add_option("--since-date", options.since_date,
                 "With --impact: the day of the --since file; support counts if given from then to --as-of");
}

}  // namespace waymark::risk
