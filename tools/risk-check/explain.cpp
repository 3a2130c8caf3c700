// --explain ID: one learner's full reasoning, for the member of staff who has to act on it.
#include <fmt/format.h>

#include "options.hpp"
#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/output.hpp"
#include "waymark/risk/cohort.hpp"

namespace waymark::risk_check {

namespace {

void write_explanation(Output& out, const Learner& learner, const Assessment& a, const Assessor& assessor, const Rules& rules) {
  out.print("Learner {}\n\n", learner.id);
  out.print("Support tier: {} (score {})\n", to_string(a.tier), a.score);
  out.print("  Score {} gives {}: universal below {}, targeted from {}, intensive from {}.\n", a.score, to_string(a.score_tier),
            rules.targeted_from, rules.targeted_from, rules.intensive_from);
  if (a.need_score != a.score)
    out.print("  {} of the score is from indicators of need, which alone decide whether support is more than universal.\n", a.need_score);
  for (std::size_t i = a.fired.size(); i < a.indicators.size(); ++i) out.print("  {}: {}.\n", a.indicators[i], a.reasons[i]);

  out.print("\nIndicators that fired\n");
  if (a.fired.empty()) out.print("  none\n");
  int context = 0;
  for (std::size_t i = 0; i < a.fired.size(); ++i) {
    out.print("  +{}  {:<22} {}{}\n", a.fired[i]->points, a.indicators[i], a.reasons[i], a.fired[i]->context ? " (context)" : "");
    if (a.fired[i]->context) context += a.fired[i]->points;
  }
  if (context > rules.context_max) out.print("  Context adds at most {} to the score, not {}.\n", rules.context_max, context);
  if (!a.context_unscored.empty()) {
    out.print("\nContext, not scored: it adds weight only beside an indicator of need\n");
    for (const auto* indicator : a.context_unscored) {
      std::string reason;
      indicator->reason.append(learner[indicator->when.field] * indicator->when.shown, reason, rules.decimal_mark);
      out.print("  {:<26} {}\n", indicator->code, reason);
    }
  }

  out.print("\nRisk factors (Orienta4YEL taxonomy)\n");
  if (a.risk_factors.empty()) out.print("  none\n");
  for (const auto& code : a.risk_factors) {
    out.print("  {:<40} {}\n", code, rules.catalogue->find_risk_factor(code)->label);
  }

  out.print(
      "\nRecommended actions (first those specific to an indicator that fired, in the order of the rules;\n"
      "then by how many of the learner's risk factors each addresses, ties in the toolkit's order)\n");
  if (a.actions.empty()) out.print("  none: universal support\n");
  for (const auto& r : a.actions) {
    out.print("  {} {}\n     {}\n", r.action->id, r.action->title, assessor.why(r, a));
  }

  out.print("\nUnknown (not scored; fill these in to complete the picture)\n");
  out.print("  {}\n", a.missing.empty() ? std::string("none") : fmt::format("{}", fmt::join(a.missing, ", ")));
}

}  // namespace

void explain_learner(const Options& options, const Rules& rules) {
  CohortScan scan(options.risk, rules);
  // The whole file is still read, so that a duplicate or bad record later on is not missed.
  bool found = false;
  Output out(options.common.output);
  while (scan.next()) {
    if (scan.learner().id != options.explain_id) continue;
    write_explanation(out, scan.learner(), scan.assessment(), scan.assessor(), rules);
    found = true;
  }
  if (!found)
    throw data_error({scan.reader().source_name(), 0, {}}, "no learner has the id given to --explain", "an id from the id column");
  out.commit();
}

}  // namespace waymark::risk_check
