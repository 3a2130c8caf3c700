// --impact as a document for governors and the local authority (--format md, html, pdf or docx):
// the table --impact writes (support.hpp, write_impact), rendered through the shared document
// pipeline from templates/risk-check/impact.md.mustache, in --lang, with charts of attendance change
// beside the comparison (with its 95% interval), tier movement and coverage by group, and notes on
// what the figures can and cannot show. Aggregate only: no learner's id or name is printed.
// A library of its own (waymark::risk_report) so that waymark::risk does not need Pango and Cairo.
#pragma once

#include "waymark/document_options.hpp"
#include "waymark/risk/cohort.hpp"

namespace waymark::risk {

// Checked before any input is read: the template (--lang, --template, --templates), --paper against
// the format, and that no --by column is a learner's id, name or date of birth, which the report
// would print as a group's name. Throws Error.
void check_impact_report(const Options& options, const DocumentOptions& documents);

// Reads the inputs as --impact does and writes the report to -o (or standard output).
void write_impact_report(const Options& options, const DocumentOptions& documents, const Rules& rules);

}  // namespace waymark::risk
