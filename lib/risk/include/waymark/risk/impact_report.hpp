// --impact as a document for governors and the local authority (--format md, html, pdf or docx):
// the table --impact writes (support.hpp, write_impact), rendered through the shared document
// pipeline from templates/risk-check/impact.md.mustache, in --lang, with charts of attendance change
// beside the comparison (with its 95% interval), tier movement and coverage by group, and notes on
// what the figures can and cannot show. Aggregate only: no learner's id or name is printed.
// A library of its own (waymark::risk_report) so that waymark::risk does not need Pango and Cairo.
// The tool chooses the template and the days, and writes the document (tools/risk-check).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "waymark/messages.hpp"
#include "waymark/render.hpp"
#include "waymark/risk/cohort.hpp"

namespace waymark::risk {

// What the report is written with: its template in the reader's language and the words of that
// language, the settings (school.name, ...), and the period support is counted in.
struct ImpactReportOptions {
  const Template* tmpl = nullptr;
  const Messages* messages = nullptr;
  nlohmann::json settings = nlohmann::json::object();
  std::optional<std::chrono::year_month_day> from;  // --since-date; none: whenever given
  std::chrono::year_month_day to;                   // --as-of
};

// Checked before any input is read: that no --by column is a learner's id, name or date of birth,
// which the report would print as a group's name (by its name, or by its heading in the --since
// file). Throws Error(usage).
void check_report_groups(const Options& options);

struct ImpactReport {
  std::string markdown;
  std::string title;  // its first heading, in the template's language
};

// Reads the inputs as --impact does and renders the report.
ImpactReport impact_report(const Options& options, const Rules& rules, const ImpactReportOptions& report);

}  // namespace waymark::risk
