// --impact with --format md, html, pdf or docx: the report for governors (lib/risk,
// impact_report.hpp) from the template in --lang (with --templates and --template), over the days
// --since-date and --as-of give, written to -o.
#include "waymark/risk/impact_report.hpp"

#include "options.hpp"
#include "waymark/learners_chosen.hpp"

namespace waymark::embedded {
extern const std::string_view risk_impact_template;
extern const std::span<const EmbeddedFile> risk_impact_translations;  // templates/risk-check/<lang>/
}  // namespace waymark::embedded

namespace waymark::risk_check {

namespace {

ChosenTemplates report_templates(const Options& options, const std::function<void(const std::string&)>& warn) {
  return options.documents.templates({{{"impact", embedded::risk_impact_template}}, embedded::risk_impact_translations}, {"impact"},
                                     "impact", warn);
}

}  // namespace

void check_impact_report(const Options& options) {
  report_templates(options, [](const std::string&) {}).templates.get("impact");
  options.documents.check_paper({options.documents.document_format(options.common.format)});
  check_report_groups(options.risk);
}

void write_impact_report(const Options& options, const Rules& rules) {
  const auto warn = [&](const std::string& message) {
    if (options.common.warn) options.common.warn(message);
  };
  const DocumentSettings settings = options.documents.settings();
  const ChosenTemplates chosen = report_templates(options, warn);
  ImpactReportOptions report;
  report.tmpl = &chosen.templates.get("impact");
  report.messages = &chosen.messages;
  report.settings = settings.values();
  const auto dates = options.common.date_order();
  if (!options.risk.since_date.empty()) report.from = option_date("--since-date", options.risk.since_date, dates);
  report.to = option_date_or_today("--as-of", options.risk.as_of, dates);
  const ImpactReport written = impact_report(options.risk, rules, report);
  DocumentOutput output(options.common.output, options.documents.document_format(options.common.format), options.documents.page(settings),
                        written.title, document_reporter("risk-check", options.common.warn));
  output.add("impact", written.markdown, written.title);
  output.finish();
}

}  // namespace waymark::risk_check
