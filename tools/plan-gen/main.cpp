// plan-gen: individual plans (Action 1 of the toolkit). Options and wiring only; the plan is built
// in plan.cpp, the targets read in targets.cpp, the plans written in write_plans.cpp.
#include "waymark/plan/schedule.hpp"
#include "write_plans.hpp"

int main(int argc, char** argv) {
  using namespace waymark;
  using namespace waymark::plan;
  Tool tool("plan-gen",
            "Build each learner's individual plan: starting point, end goal, road map of stages and SMART targets,\n"
            "the toolkit actions chosen with their activities, well-being, and the review schedule. Learner records\n"
            "(often risk-check's output) are joined by id with the targets the tutor and young person wrote.\n"
            "Writes plan JSON for contract-print (json, ndjson) or the printable plan (md, html, txt, pdf).");
  Options options;
  tool.add_common_options(options.common, {"md", "html", "txt", "pdf", "docx", "json", "ndjson"});
  add_document_options(tool, options.documents);
  auto& app = tool.app();
  app.add_option("--targets", options.targets_path, "Targets (CSV, JSON or NDJSON): id, stage, area, target, measure, owner, due, support");
  app.add_option("--profiles", options.profiles_path,
                 "Profile columns by id, where the learner records lack them: aspiration, strengths, interests, barriers,\n"
                 "support_needs, motivations, wellbeing, key_person (a value here wins over the learner record's)");
  app.add_option("--actions", options.actions, "Toolkit actions for every plan, e.g. A01,A11 (default: each learner's recommended_actions)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("--progress", options.progress_path,
                 "Reviews of targets (CSV, JSON or NDJSON): id, date, target (its text as in --targets), status\n"
                 "(met, partly_met, not_met, dropped), comment, and optionally reviewed_by");
  app.add_option("--start", options.start, "The date the plans start (default: today)");
  app.add_option("--review-every", options.review_every, "Time between reviews: days, weeks or months, e.g. 14d, 6w, 2m (default 6w)")
      ->check(
          [](const std::string& text) { return parse_interval(text) ? std::string{} : std::string{"a number and d, w or m, such as 6w"}; });
  app.add_option("--reviews", options.reviews, "Number of reviews to schedule (default 3)")->check(CLI::Range(0, 52));
  app.add_option("--term-dates", options.term_dates_path,
                 "The school's terms: a CSV with start and end columns (man 5 waymark-records);\n"
                 "each review falls on the nearest school day to its date");
  app.add_option("--audience", options.audience,
                 "Who reads the plan: young-person (default: no support tier, score or staff reasons) or staff\n"
                 "(adds why support is offered, in risk-check's words about circumstances)")
      ->check(CLI::IsMember({"young-person", "staff"}));
  options.chosen.add_option(tool, "plans", "an id the learner records do not have");
  app.add_option("--support-log", options.support_log_path,
                 "Also write a support log (CSV, man 5 waymark-support) of the plans' actions: one row a learner and action,\n"
                 "status planned, starting on the plan's start, delivered by its key person; risk-check --support reads it")
      ->check([](const std::string& path) {
        return path.empty() ? std::string{"an empty path (give a file name, or - for standard output)"} : std::string{};
      });
  app.add_flag("--strict", options.strict, "Exit 1 if any target is not SMART (no measure, owner or due date, or due before the start)");
  // Which options take effect in which mode (docs/conventions.md, "Options by mode"); y takes
  // effect, - is refused. The documents' own options do nothing to plan JSON, which is the same
  // whatever the language or paper; its key person comes from --set or --settings.
  tool.set_option_modes(
      {{"documents", "json and ndjson", "--show-columns"},
       {
           {"input", "yyy"},      {"--output", "yy-"},   {"--format", "yy-"},       {"--input-format", "yyy"}, {"--delimiter", "yyy"},
           {"--encoding", "yyy"}, {"--sheet", "yyy"},    {"--columns", "yyy"},      {"--show-columns", "--y"}, {"--date-format", "yy-"},
           {"--verbose", "yy-"},  {"--template", "y--"}, {"--templates", "y--"},    {"--set", "yy-"},          {"--settings", "yy-"},
           {"--paper", "y--"},    {"--lang", "y--"},     {"--targets", "yy-"},      {"--profiles", "yy-"},     {"--actions", "yy-"},
           {"--progress", "yy-"}, {"--start", "yy-"},    {"--review-every", "yy-"}, {"--reviews", "yy-"},      {"--term-dates", "yy-"},
           {"--audience", "yy-"}, {"--id", "yy-"},       {"--strict", "yy-"},       {"--support-log", "yy-"},
       }});
  return tool.run(argc, argv, [&] { return write_plans(tool, options); });
}
