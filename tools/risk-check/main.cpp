// risk-check: early identification without labelling. The options and which mode they choose;
// the modes are a file each here (score.cpp, summary.cpp, since_summary.cpp, explain.cpp,
// evaluate.cpp, unsupported.cpp, leavers.cpp, impact_table.cpp, impact_report.cpp), the scoring
// itself is lib/risk (the rules, the assessment, last term's comparison, the support log's figures).
#include <fmt/format.h>
#include <iostream>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/messages.hpp"
#include "waymark/risk/since.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk_check {

ReadOptions read_options(const CommonOptions& common) {
  ReadOptions read;
  read.input = common.input;
  read.input_format = common.input_format;
  read.dates = common.date_order();
  read.verbose = common.verbose;
  read.max_errors = common.max_errors;
  read.warn = common.warn;
  read.report_error = common.report_error;
  // The delimiter, encodings, sheet and headings (--columns, and the rules' own fields) as the
  // options every tool shares give them, when the file is opened.
  read.file = [&common](const std::string& path) { return common.input_options(path); };
  return read;
}

Mode mode_of(Run run) {
  switch (run) {
    case Run::records:
      return {"scoring",
              {"csv", "json", "ndjson"},
              "txt is for --summary, --evaluate and --explain; md, html, pdf and docx for the --impact report"};
    case Run::summary: return {"--summary", {"txt", "csv", "json"}};
    case Run::explain: return {"--explain", {"txt"}};
    case Run::evaluate: return {"--evaluate", {"txt", "csv", "json"}};
  }
  return {};
}

OptionModes option_modes() {
  // One mark per mode: y takes effect, - is refused there. --impact with md, html, pdf or docx is the
  // report (impact_report.hpp).
  return {{"scoring", "--summary", "--explain", "--evaluate", "--print-rules", "--show-columns", "--unsupported", "--tier-change left",
           "--impact", "the --impact report"},
          {
              {"input", "yyyy-yyyyy"},
              {"--output", "yyyy--yyyy"},
              {"--format", "yyyy--yyyy"},
              {"--input-format", "yyyy-yyyyy"},
              {"--delimiter", "yyyy-yyyyy"},
              {"--encoding", "yyyy-yyyyy"},
              {"--sheet", "yyyy-yyyyy"},
              {"--columns", "yyyy-yyyyy"},
              {"--show-columns", "-----y----"},
              {"--date-format", "yyyy--yyyy"},
              {"--verbose", "yyyy--yyyy"},
              {"--rules", "yyyy-yyyyy"},  // --show-columns: the headings of the fields it declares
              {"--print-rules", "----y-----"},
              {"--tier", "y-----yy--"},
              {"--max-errors", "yyyy--yyyy"},
              {"--actions", "y-y---yy--"},
              {"--fail-on", "yy----y---"},  // --summary: the tier counts, or with --since the changes
              {"--since", "yy-----yyy"},
              {"--tier-change", "y------y--"},
              {"--pseudonymise", "yy-y--yy--"},  // --summary, --evaluate: which --by columns may be shown
              {"--keep", "yy-y--yy--"},
              {"--explain", "--y-------"},
              {"--summary", "-y--------"},
              {"--by", "-y-y----yy"},
              {"--evaluate", "---y------"},
              {"--require-all-fields", "yyyy--yyyy"},  // every mode that scores learners
              {"--support", "y-----yyyy"},             // the support log: scoring adds active_support and support_received
              {"--support-names", "y-----yyyy"},
              {"--as-of", "yyyy--yyyy"},   // the day of the support log, the --events and date fields
              {"--events", "yyyy--yyyy"},  // every mode that scores learners
              {"--unsupported", "------y---"},
              {"--impact", "--------yy"},
              {"--since-date", "--------yy"},
              // The documents' options: the --impact report is the one document risk-check writes.
              {"--template", "---------y"},
              {"--templates", "---------y"},
              {"--set", "---------y"},
              {"--settings", "---------y"},
              {"--paper", "---------y"},
              {"--lang", "y-y---yy-y"},  // the reasons and actions of scored learners, and the --impact report
          }};
}

}  // namespace waymark::risk_check

int main(int argc, char** argv) {
  using namespace waymark;
  using namespace waymark::risk_check;
  Tool tool("risk-check",
            "Score learner records against transparent early-warning rules: each learner gets a support tier\n"
            "(universal, targeted, intensive), the indicators that fired with a sentence each, the risk factors\n"
            "they point to and the Orienta4YEL actions that address them. Output keeps the input's columns.");
  risk_check::Options options;
  tool.add_common_options(options.common, {"csv", "json", "ndjson", "txt", "md", "html", "pdf", "docx"});
  add_document_options(tool, options.documents);
  auto& app = tool.app();
  app.add_option("--rules", options.risk.rules_path,
                 "Scoring rules (JSON with comments) instead of the defaults, or italy: the rules for Italian schools;\n"
                 "see --print-rules");
  std::string print_rules_name;
  app.add_option("--print-rules", print_rules_name, "Print the default rules (or italy: the Italian ones), with their sources, and exit")
      ->expected(0, 1);
  std::string tier_list, by_list;
  app.add_option("--tier", tier_list, "Output only learners in these tiers, e.g. targeted,intensive (universal, targeted, intensive)")
      ->check([](const std::string& text) {
        for (const auto name : split_list(text, ','))
          if (!parse_tier(name)) return std::string(name) + " is not a tier (universal, targeted, intensive)";
        return std::string{};
      });
  app.add_option("--max-errors", options.common.max_errors,
                 "Report up to N bad values before stopping (default 20; 0: all); any bad value fails the run, and no -o file is written");
  app.add_flag("--require-all-fields", options.risk.require_all_fields,
               "Refuse the input (exit 65) if a field the rules test has no column, instead of warning:\n"
               "for pipelines that must not score half-blind");
  app.add_option("--actions", options.risk.max_actions, "Recommend at most N actions per learner (default 3)")->check(CLI::Range(0, 13));
  app.add_option("--fail-on", options.fail_on,
                 "Exit 1 if any learner is in this tier or above (targeted, intensive), or with --since\n"
                 "if any learner's tier changed so (up, down, new, same); with --support, unsupported: if any learner\n"
                 "in targeted or intensive support has none active on --as-of")
      ->check(CLI::IsMember({"targeted", "intensive", "up", "down", "new", "same", "unsupported"}));
  std::string change_list;
  auto* since = app.add_option("--since", options.risk.since_path,
                               "Last term's file (raw, or risk-check's output), scored with the same rules: each learner\n"
                               "gains previous_tier, tier_change (new, up, down, same) and attendance_change (points)");
  app.add_option("--tier-change", change_list,
                 "With --since, output only learners whose tier changed so, e.g. up,new;\n"
                 "left alone: the earlier file's learners not in this one, as last scored")
      ->check([](const std::string& text) {
        for (const auto name : split_list(text, ','))
          if (!parse_tier_change(name) && name != "left") return std::string(name) + " is not a tier change (new, up, down, same, left)";
        return std::string{};
      })
      ->needs(since);
  auto* pseudonymise = app.add_option("--pseudonymise", options.risk.key_path,
                                      "Replace ids with HMAC-SHA-256 under the key in this file (64 lowercase hex digits, mode 600)\n"
                                      "and keep only the columns risk-check scores, gender, year_group and its results");
  std::string keep_list;
  app.add_option("--keep", keep_list, "With --pseudonymise, also keep these columns, e.g. tutor_group")->needs(pseudonymise);
  auto* explain = app.add_option("--explain", options.explain_id, "Print one learner's full reasoning (by id) as text");
  auto* summary =
      app.add_flag("--summary", options.summary, "Counts and shares by tier, by group (--by), and data completeness (txt, csv, json)");
  app.add_option("--by", by_list, "Group columns for --summary and --evaluate, e.g. gender,fsm");
  auto* evaluate = app.add_option("--evaluate", options.outcomes_path,
                                  "Compare with known outcomes (CSV: id, outcome = left_early|neet|stayed): confusion matrix,\n"
                                  "flag rate, precision, recall and false-positive rate, per group of --by (txt, csv, json)");
  explain->excludes(summary)->excludes(evaluate)->excludes(pseudonymise);
  summary->excludes(evaluate);
  since->excludes(explain)->excludes(evaluate);
  add_support_options(app, options);

  tool.suggest_values("--tier", {"universal", "targeted", "intensive"});
  tool.suggest_values("--print-rules", {"defaults", "italy"});
  tool.suggest_values("--tier-change", {"new", "up", "down", "same", "left"});
  tool.set_option_modes(option_modes());
  // --show-columns --rules FILE: the headings matched to the fields the rules file declares too.
  tool.before_show_columns([&] {
    if (options.risk.rules_path.empty()) return;
    const Rules rules = Rules::load(options.risk.rules_path, Catalogue::builtin());
    for (const auto& own : rules.fields)
      if (own.source == RuleField::Source::declared) options.common.declared_fields.push_back({own.name, own.headings});
  });

  return tool.run(argc, argv, [&] {
    options.risk.common = read_options(options.common);
    for (const auto name : split_list(tier_list, ',')) options.tiers.emplace_back(name);
    for (const auto name : split_list(by_list, ',')) options.risk.by.emplace_back(name);
    for (const auto name : split_list(change_list, ',')) options.tier_changes.emplace_back(name);
    if (is_tier_change_word(options.fail_on) && options.risk.since_path.empty())
      throw Error(ErrorKind::usage, "--fail-on " + options.fail_on + " is a tier change: it needs --since");
    for (const auto name : split_list(keep_list, ',')) options.risk.keep.emplace_back(name);
    options.print_rules = app.count("--print-rules") > 0;
    if (options.print_rules) {
      tool.check_options("--print-rules");
      const auto name = print_rules_name.empty() ? std::string("defaults") : print_rules_name;
      const auto text = Rules::shipped(name);
      if (!text)
        throw Error(ErrorKind::usage, "--print-rules " + name +
                                          ": risk-check ships no rules of that name (defaults, italy); an input file has no "
                                          "effect in --print-rules");
      std::cout << *text;
      return 0;
    }
    // The mode, its options and its format checked before the rules or any input are read.
    const auto support_mode = support_run(options);
    const Run run = !options.explain_id.empty()      ? Run::explain
                    : options.summary                ? Run::summary
                    : !options.outcomes_path.empty() ? Run::evaluate
                                                     : Run::records;
    const Mode mode = support_mode ? mode_of(*support_mode) : mode_of(run);
    tool.check_options(mode.name);
    check_support_options(options);
    check_format(mode, options.common.format);
    if (support_mode == SupportRun::impact_report) check_impact_report(options);
    const Catalogue& catalogue = Catalogue::builtin();  // the 13 actions and their risk factors
    // "italy" names the shipped Italian rules (a file of that name is ./italy).
    Rules rules = options.risk.rules_path.empty()      ? Rules::builtin(catalogue)
                  : options.risk.rules_path == "italy" ? Rules::italy(catalogue)
                                                       : Rules::load(options.risk.rules_path, catalogue);
    // --lang: the reasons and the actions' titles in the staff's language, where the rules and the
    // catalogue have them; what they lack stays English, named once.
    if (Messages language(options.documents.lang); language.lang() != "en" && support_mode != SupportRun::impact_report) {
      const auto untranslated = rules.use_language(language.lang());
      if (untranslated.size() == rules.indicators.size() + rules.overrides.size())
        options.common.warn(fmt::format("--lang {}: the rules give no reasons in this language: printed as written{}", language.lang(),
                                        language.lang() == "it" ? " (--rules italy gives every reason in Italian)" : ""));
      else if (!untranslated.empty())
        options.common.warn(fmt::format("--lang {}: the rules give no reason in this language for {}: printed as written", language.lang(),
                                        fmt::join(untranslated, ", ")));
      // The values in reasons take the language's decimal mark where the reasons are in it;
      // risk-check's own words (why an action, how attendance was worked out) follow --lang
      // whether or not the rules' reasons do.
      if (const auto& mark = language.text("/decimal_mark"); rules.language == language.lang() && mark.size() == 1)
        rules.decimal_mark = mark[0];
      rules.language = language.lang();
      for (const auto& action : catalogue.actions()) {
        const auto& title = language.text("/actions/" + action.id + "/title");
        rules.action_titles.push_back(title == action.title ? std::string{} : title);
      }
    } else if (!language.found() && support_mode != SupportRun::impact_report) {
      options.common.warn(
          fmt::format("--lang {}: there is no catalogue in this language; reasons and actions are in English", options.documents.lang));
    }
    // The rules' own fields are read by their headings as waymark's are (and --columns may name them).
    bool dated = !options.risk.support_path.empty() || !options.risk.events_path.empty();
    for (const auto& own : rules.fields) {
      if (own.source == RuleField::Source::declared) options.common.declared_fields.push_back({own.name, own.headings});
      dated = dated || own.kind == Kind::date;
    }
    if (!options.risk.as_of.empty() && !dated)
      throw Error(ErrorKind::usage,
                  "--as-of is the day a support log, events or the rules' date fields are read as of: it needs --support, "
                  "--events or a date field");
    if (support_mode) {
      switch (*support_mode) {
        case SupportRun::unsupported: return completed(write_unsupported(options, rules));
        case SupportRun::leavers: return completed(write_leavers(options, rules));
        case SupportRun::impact: write_impact_table(options, rules); return completed(false);
        case SupportRun::impact_report: write_impact_report(options, rules); return completed(false);
      }
    }
    switch (run) {
      case Run::explain: explain_learner(options, rules); return completed(false);
      case Run::summary:
        if (!options.risk.since_path.empty()) return completed(write_movement_summary(options, rules));
        return completed(write_summary(options, rules));
      case Run::evaluate: write_evaluation(options, rules); return completed(false);
      case Run::records: break;
    }
    return completed(write_scored_records(options, rules));
  });
}
