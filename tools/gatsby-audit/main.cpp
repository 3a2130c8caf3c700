// gatsby-audit: the eight Gatsby Benchmarks, per school and per pupil. The options and which mode
// they choose; the modes are a file each here (summary.cpp, gaps.cpp, report.cpp,
// list_criteria.cpp), the audit itself is lib/gatsby (the framework, the inputs, the checks, the
// tallies).
#include <unistd.h>

#include <iostream>

#include "options.hpp"
#include "waymark/errors.hpp"

int main(int argc, char** argv) {
  using namespace waymark;
  using namespace waymark::gatsby;
  Tool tool("gatsby-audit",
            "Audit a school's careers programme against the eight Gatsby Benchmarks (2014 or the 2024 refresh):\n"
            "each benchmark's percentage and status, beside the national average where one was measured on that framework;\n"
            "or, with --gaps, every pupil's unmet criteria with the date each falls due. The careers log streams.");
  Options options;
  tool.add_common_options(options.common, {"txt", "csv", "json", "ndjson", "md", "html", "pdf", "docx"});
  add_document_options(tool, options.documents);
  auto& app = tool.app();
  // The careers log takes the place of the usual positional input.
  app.remove_option(app.get_option("input"));
  app.add_option("--activities", options.common.input, "The careers log: CSV, JSON array or NDJSON (default: standard input, also '-')");
  app.add_option("--pupils", options.pupils_path,
                 "The pupils: id, year_group (7-13), given_name, family_name, tutor_group, send, considering_he,\n"
                 "left_on, destination_1y..3y");
  app.add_option("--school", options.school_path,
                 "The school's answers for the school criteria: TOML (.toml) or CSV (criterion, answer, evidence)");
  app.add_option("--framework", options.framework, "gatsby-2024 (default; statutory from September 2025) or gatsby-2014")
      ->check([](const std::string& name) {
        for (const auto& known : Framework::names())
          if (name == known) return std::string{};
        return name + " is not a framework (gatsby-2014, gatsby-2024)";
      });
  app.add_option("--setting", options.setting,
                 "school (default) or college (two employer encounters a year, guidance by the end of the programme)")
      ->check(CLI::IsMember({"school", "college"}));
  app.add_option("--as-of", options.as_of,
                 "Audit as of this date (default: today); activities after it are planned: listed, counted toward nothing");
  app.add_option("--since", options.since,
                 "The log starts on this date: deadlines before its academic year are not assessed\n"
                 "(default: the academic year of the earliest activity)");
  app.add_flag("--gaps", options.gaps,
               "One row per pupil and unmet criterion: pupil_id (given_name, family_name, tutor_group when the pupils file has them),\n"
               "benchmark, criterion, due_by, status (csv, ndjson, json)");
  app.add_flag("--report", options.report,
               "The careers leader's report to governors: md (default), html, txt or pdf;\n"
               "--format md, html or pdf imply it. School name: --set school.name=...");
  app.add_flag("--list-criteria", options.list_criteria, "Print the framework's criteria for the setting and exit");
  app.add_flag("--print-framework", options.print_framework, "Print the framework's data (JSON, with sources) and exit");

  // Which options take effect in which mode (docs/conventions.md, "Options by mode"); one mark per
  // mode: y takes effect, - is refused there.
  tool.set_option_modes(
      {{"the summary", "--gaps", "the report", "--list-criteria", "--print-framework", "--show-columns"},
       {
           {"--output", "yyyy--"},      {"--format", "yyy---"},        {"--input-format", "yyy--y"},    {"--delimiter", "yyy--y"},
           {"--encoding", "yyy--y"},    {"--sheet", "yyy--y"},         {"--columns", "yyy--y"},         {"--show-columns", "-----y"},
           {"--date-format", "yyy---"}, {"--verbose", "yyy---"},       {"--template", "--y---"},        {"--templates", "--y---"},
           {"--set", "--y---"},         {"--settings", "--y---"},      {"--paper", "--y---"},           {"--lang", "--y---"},
           {"--activities", "yyy--y"},  {"--pupils", "yyy---"},        {"--school", "yyy---"},          {"--framework", "yyyyy-"},
           {"--setting", "yyyy--"},     {"--as-of", "yyy---"},         {"--since", "yyy---"},           {"--gaps", "-y----"},
           {"--report", "--y---"},      {"--list-criteria", "---y--"}, {"--print-framework", "----y-"},
       }});
  return tool.run(argc, argv, [&] {
    if (options.print_framework) {
      tool.check_options("--print-framework");
      std::cout << Framework::builtin_text(options.framework);
      return 0;
    }
    if (options.list_criteria) {
      tool.check_options("--list-criteria");
      list_criteria(options);
      return completed(false);
    }
    if (options.pupils_path.empty()) throw Error(ErrorKind::usage, "--pupils is required: the pupils file (see man 5 waymark-records)");
    const std::string& format = options.common.format;
    const bool document = format == "md" || format == "html" || format == "pdf" || format == "docx";
    options.report = options.report || (document && !options.gaps);  // --gaps with pdf: the format is wrong
    if (options.report && options.gaps)
      throw Error(ErrorKind::usage, "--gaps and --report are separate outputs: run gatsby-audit once for each");
    const Run run = options.report ? Run::report : options.gaps ? Run::gaps : Run::summary;
    tool.check_options(mode_of(run).name);
    check_format(mode_of(run), format);
    if (options.report) check_report_template(options);
    // A careers leader who forgot --activities would otherwise face a terminal waiting in silence.
    if ((options.common.input.empty() || options.common.input == "-") && isatty(STDIN_FILENO))
      std::cerr << tool.name()
                << ": reading the careers log from standard input (type or paste CSV, end with Ctrl-D; "
                   "or give --activities FILE)\n";
    const Audit audit = load_audit(options, [&](const std::string& message) { tool.warn(message); });
    switch (run) {
      case Run::report: write_report(tool, options, audit); break;
      case Run::gaps: write_gaps(options, audit); break;
      case Run::summary: write_summary(options, audit); break;
    }
    return completed(false);
  });
}
