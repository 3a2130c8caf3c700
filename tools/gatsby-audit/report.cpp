// The governors' report (--format md, html, txt or pdf with --report): the summary rendered through
// the shared document pipeline from templates/gatsby-audit/report.md.mustache.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "summary.hpp"
#include "waymark/academic_year.hpp"
#include "waymark/render.hpp"

namespace waymark::embedded {
extern const std::string_view gatsby_report_template;
}

namespace waymark::gatsby {

namespace {

constexpr int bar_width = 10;  // narrow enough for a table cell on A4

// A bar of block characters for a share: the chart that Markdown, text and PDF can all show.
std::string bar(long met, long of) {
  if (of == 0) return "n/a";
  const auto filled = static_cast<int>((static_cast<double>(bar_width) * static_cast<double>(met)) / static_cast<double>(of) + 0.5);
  std::string text;
  for (int i = 0; i < bar_width; ++i) text += i < filled ? "\u2588" : "\u2591";
  return text + " " + share(met, of);
}

nlohmann::json report_data(const Audit& audit, const Summary& summary, const DocumentSettings& settings) {
  const auto& average = audit.framework.national_average;
  nlohmann::json data = settings.values();
  data["framework"] = audit.framework.title;
  data["framework_source"] = audit.framework.source;
  data["setting"] = audit.setting == Setting::college ? "college" : "school";
  data["as_of"] = format_date(audit.as_of);
  data["academic_year"] = academic_year_name(academic_year_of(audit.as_of));
  data["achieved"] = summary.achieved;
  data["benchmark_count"] = summary.benchmarks.size();
  data["national"] = {{"achieved", format_number(average.benchmarks_achieved, 2)}, {"of", average.of}, {"year", average.year},
                      {"source", average.source}};
  auto benchmarks = nlohmann::json::array();
  auto gaps = nlohmann::json::array();
  auto send = nlohmann::json::array();
  auto school_criteria = nlohmann::json::array();
  for (const auto& tally : summary.benchmarks) {
    const bool has_pupil_criteria = tally.pupils_assessed > 0;
    benchmarks.push_back({{"number", tally.benchmark->number},
                          {"title", tally.benchmark->title},
                          {"status", to_string(tally.status)},
                          {"bar", has_pupil_criteria ? bar(tally.pupils_meeting_all, tally.pupils_assessed)
                                                     : bar(tally.school_yes, tally.school_criteria)},
                          {"pupils", has_pupil_criteria ? fmt::format("{} of {}", tally.pupils_meeting_all, tally.pupils_assessed) : "-"},
                          {"school", tally.school_criteria ? fmt::format("{} of {}", tally.school_yes, tally.school_criteria) : "-"}});
    for (const auto& c : tally.criteria) {
      if (!c.criterion->per_pupil) {
        school_criteria.push_back({{"benchmark", tally.benchmark->number}, {"text", c.criterion->text},
                                   {"answer", to_string(c.answer.answer)}, {"evidence", c.answer.evidence}});
        continue;
      }
      if (c.overdue + c.due > 0)
        gaps.push_back({{"benchmark", tally.benchmark->number}, {"criterion", c.criterion->text}, {"overdue", c.overdue}, {"due", c.due}});
      if (c.assessed > 0)
        send.push_back({{"criterion", c.criterion->text},
                        {"all", fmt::format("{} ({} of {})", share(c.met, c.assessed), c.met, c.assessed)},
                        {"send", c.send_assessed >= 5 ? fmt::format("{} ({} of {})", share(c.send_met, c.send_assessed), c.send_met, c.send_assessed)
                                                       : send_share(c.send_met, c.send_assessed)}});
    }
  }
  data["benchmarks"] = benchmarks;
  data["has_gaps"] = !gaps.empty();
  data["gaps"] = gaps;
  data["send"] = send;
  data["school_criteria"] = school_criteria;
  data["pupils"] = {{"on_roll", summary.on_roll}, {"send", send_count(summary.send)}, {"leavers", summary.leavers}};
  data["log"] = {{"read", audit.log.activities}, {"from", academic_year_name(audit.log_from)}, {"unknown_pupil", audit.log.unknown_pupil},
                 {"outside_years", audit.log.outside_years}, {"meaningful_unknown", audit.log.meaningful_unknown}};
  return data;
}

}  // namespace

void check_report_template(const Options& options) {
  TemplateSet templates;
  templates.add_builtin("report", embedded::gatsby_report_template);
  options.documents.apply_overrides(templates, "report");
  check_template(templates.get("report"));
}

int write_report(const Tool& tool, const Options& options, const Audit& audit) {
  const DocumentSettings settings = options.documents.settings();
  TemplateSet templates;
  templates.add_builtin("report", embedded::gatsby_report_template);
  options.documents.apply_overrides(templates, "report");
  const Template& tmpl = templates.get("report");
  const std::string& format = options.common.format.empty() ? "md" : options.common.format;
  DocumentOutput documents(tool.name(), options.common.output, options.documents.document_format(format),
                           options.documents.page(settings), "Careers programme: the Gatsby Benchmarks");
  documents.add("gatsby-report", render_markdown(tmpl, report_data(audit, summarise(audit), settings)),
                "Careers programme: the Gatsby Benchmarks");
  documents.finish();
  return 0;
}

}  // namespace waymark::gatsby
