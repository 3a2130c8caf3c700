// The governors' report (--format md, html, txt or pdf with --report): the summary rendered through
// the shared document pipeline from templates/gatsby-audit/report.md.mustache; its bar chart is a
// `bar-chart` block, which HTML draws as inline SVG, text with block characters and PDF as bars.
#include <fmt/format.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "options.hpp"
#include "waymark/academic_year.hpp"
#include "waymark/gatsby/summary.hpp"
#include "waymark/render.hpp"
#include "waymark/small_counts.hpp"

namespace waymark::embedded {
extern const std::string_view gatsby_report_template;
extern const std::span<const EmbeddedFile> gatsby_report_translations;  // templates/gatsby-audit/<lang>/
}  // namespace waymark::embedded

namespace waymark::gatsby {

namespace {

// One bar of the chart: the benchmark's percentage (as in the summary), none when it has nothing
// scored yet. The label is the tool's own text, inserted as it is: it sits in a code block, where
// escapes would show.
nlohmann::json chart_bar(const BenchmarkTally& tally) {
  if (!tally.percent) return nullptr;
  return {{"label", fmt::format("{}. {}", tally.benchmark->number, tally.benchmark->title)},
          {"percent", fmt::format("{:.1f}", *tally.percent)}};
}

nlohmann::json report_data(const Audit& audit, const Summary& summary, const DocumentSettings& settings) {
  nlohmann::json data = settings.values();
  data["framework"] = audit.framework.title;
  data["framework_source"] = audit.framework.source;
  data["setting"] = audit.setting == Setting::college ? "college" : "school";
  data["as_of"] = format_date(audit.as_of);
  data["academic_year"] = academic_year_name(academic_year_of(audit.as_of));
  data["achieved"] = summary.achieved;
  data["benchmark_count"] = summary.benchmarks.size();
  data["national"] = national_text(audit.framework, summary.achieved, summary.benchmarks.size());
  data["planned"] = planned_text(audit.log);
  long unanswered = 0;
  for (const auto& tally : summary.benchmarks) unanswered += tally.school_unanswered;
  data["unanswered"] = unanswered;
  auto benchmarks = nlohmann::json::array();
  auto gaps = nlohmann::json::array();
  auto send = nlohmann::json::array();
  auto school_criteria = nlohmann::json::array();
  for (const auto& tally : summary.benchmarks) {
    const bool has_pupil_criteria = tally.pupils_assessed > 0;
    benchmarks.push_back({{"number", tally.benchmark->number},
                          {"title", tally.benchmark->title},
                          {"percent", percent_text(tally)},
                          {"status", to_string(tally.status)},
                          {"chart", chart_bar(tally)},
                          {"pupils", has_pupil_criteria ? fmt::format("{} of {}", tally.pupils_meeting_all, tally.pupils_assessed) : "-"},
                          {"school", school_answers_text(tally)}});
    for (const auto& c : tally.criteria) {
      if (!c.criterion->per_pupil) {
        school_criteria.push_back(
            {{"benchmark", tally.benchmark->number},
             {"text", c.criterion->text},
             {"answer", c.answer.answer == SchoolAnswer::unanswered ? std::string_view("not answered") : to_string(c.answer.answer)},
             {"evidence", c.answer.evidence}});
        continue;
      }
      if (c.overdue + c.due > 0)
        gaps.push_back({{"benchmark", tally.benchmark->number}, {"criterion", c.criterion->text}, {"overdue", c.overdue}, {"due", c.due}});
      if (c.assessed > 0)
        send.push_back({{"criterion", c.criterion->text},
                        {"all", fmt::format("{} ({} of {})", share(c.met, c.assessed), c.met, c.assessed)},
                        {"send", c.send_assessed >= smallest_shown_count
                                     ? fmt::format("{} ({} of {})", share(c.send_met, c.send_assessed), c.send_met, c.send_assessed)
                                     : send_share(c.send_met, c.send_assessed)}});
    }
  }
  data["benchmarks"] = benchmarks;
  data["has_gaps"] = !gaps.empty();
  data["gaps"] = gaps;
  data["send"] = send;
  data["school_criteria"] = school_criteria;
  data["pupils"] = {{"on_roll", summary.on_roll}, {"send", send_count(summary.send)}, {"leavers", summary.leavers}};
  data["log"] = {{"read", audit.log.activities},
                 {"from", academic_year_name(audit.log_from)},
                 {"unknown_pupil", audit.log.unknown_pupil},
                 {"outside_years", audit.log.outside_years},
                 {"planned", audit.log.planned_total()},
                 {"meaningful_unknown", audit.log.meaningful_unknown}};
  return data;
}

// The report's template in --lang; what is not translated stays English, with one warning (given
// `warn`: the check before reading warns nothing, the report itself does).
TemplateSet report_templates(const Options& options, const std::function<void(const std::string&)>& warn) {
  return options.documents
      .templates({{{"report", embedded::gatsby_report_template}}, embedded::gatsby_report_translations}, {"report"}, "report", warn)
      .templates;
}

}  // namespace

void check_report_template(const Options& options) {
  report_templates(options, [](const std::string&) {}).get("report");
  options.documents.check_paper({options.documents.document_format(options.common.format.empty() ? "md" : options.common.format)});
}

void write_report(const Tool& tool, const Options& options, const Audit& audit) {
  const DocumentSettings settings = options.documents.settings();
  const TemplateSet templates = report_templates(options, [&](const std::string& message) { tool.warn(message); });
  const Template& tmpl = templates.get("report");
  const std::string& format = options.common.format.empty() ? "md" : options.common.format;
  DocumentOutput documents(options.common.output, options.documents.document_format(format), options.documents.page(settings),
                           "Careers programme: the Gatsby Benchmarks", document_reporter(tool.name(), options.common.warn));
  documents.add("gatsby-report", render_markdown(tmpl, report_data(audit, summarise(audit), settings)),
                "Careers programme: the Gatsby Benchmarks");
  documents.finish();
}

}  // namespace waymark::gatsby
