// risk-check's --impact report (waymark/risk/impact_report.hpp): the table --impact writes, as a
// document in the reader's language, aggregate only.
#include "waymark/risk/impact_report.hpp"

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "waymark/catalogue.hpp"
#include "waymark/fields.hpp"
#include "waymark/risk/rules.hpp"

namespace {

using Catch::Matchers::Contains;
using waymark::ErrorKind;

// Two terms: twelve learners, five of them given A02 and two the school's own support, whose name
// holds what would break a chart line ('|', backticks); two learners in a group of their own.
struct Terms {
  test::TempDir dir;
  waymark::risk::Options options;
  std::string lang = "en";
  Terms() {
    std::string before = "id,gender,attendance_pct,suspensions\n", now = before;
    std::string log = "id,action,start\n";
    for (int i = 1; i <= 12; ++i) {
      const std::string id = "P" + std::to_string(100 + i);
      const std::string gender = i > 10 ? "other" : i % 2 ? "female" : "male";
      before += id + "," + gender + "," + std::to_string(80 + i % 5) + ",0\n";
      now += id + "," + gender + "," + std::to_string(84 + (i % 5) + (i <= 5 ? 4 : 0)) + ",0\n";
      if (i <= 5) log += id + ",A02,01/11/2026\n";
      if (i == 6 || i == 7) log += id + ",\"Homework | `club`\",01/11/2026\n";
    }
    options.common.input = dir.write("now.csv", now).string();
    options.common.warn = [](const std::string&) {};
    options.since_path = dir.write("before.csv", before).string();
    options.support_path = dir.write("log.csv", log).string();
    options.support_names_path = dir.write("names.txt", "none = Homework | `club`\n").string();
    options.since_date = "2026-10-23";
    options.as_of = "2027-03-26";
    options.by = {"gender"};
  }
  // The report as risk-check writes it with --lang and --format md: the template of that language
  // (the tool's, from templates/risk-check/), over the days --since-date and --as-of give.
  std::string report() {
    const auto& catalogue = waymark::Catalogue::builtin();
    waymark::risk::check_report_groups(options);
    const std::string text = test::slurp(std::filesystem::path(WAYMARK_TEMPLATES_DIR) / "risk-check" /
                                         (lang == "en" ? "impact.md.mustache" : lang + "/impact.md.mustache"));
    waymark::TemplateSet templates;
    templates.add_builtin("impact", text);
    const waymark::Messages messages(lang);
    waymark::risk::ImpactReportOptions report;
    report.tmpl = &templates.get("impact");
    report.messages = &messages;
    report.from = waymark::parse_date("2026-10-23");
    report.to = *waymark::parse_date("2027-03-26");
    const auto written = waymark::risk::impact_report(options, waymark::risk::Rules::builtin(catalogue), report);
    waymark::DocumentOutput output((dir / "report.md").string(), waymark::DocumentFormat::md, {}, written.title);
    output.add("impact", written.markdown, written.title);
    output.finish();
    return test::slurp(dir / "report.md");
  }
};

}  // namespace

TEST_CASE("the impact report charts each action beside its comparison, and names no learner", "[impact-report]") {
  Terms terms;
  const std::string md = terms.report();
  CHECK_THAT(md, Contains("``` bar-chart points\nA02: received it | "));
  CHECK_THAT(md, Contains("A02: difference | "));
  CHECK_THAT(md, Contains("| A02 Blended media mentoring | 5 |"));  // the catalogue's title in the table
  CHECK_THAT(md, Contains("Support given from 23 October 2026 up to 26 March 2027"));
  // A group of two: named, withheld, none of its figures shown.
  CHECK_THAT(md, Contains("gender: other | withheld: fewer than 5 learners"));
  CHECK_THAT(md, Contains("### gender: other\n\nWithheld: fewer than 5 learners in this group."));
  // The school's name for its support, made safe for a chart line; the table keeps it as written.
  CHECK_THAT(md, Contains("Homework / 'club' | withheld: fewer than 5 learners"));
  CHECK_THAT(md, Contains("| Homework \\| \\`club\\` | \\<5 |"));
  CHECK_THAT(md, !Contains("P10"));
}

TEST_CASE("the impact report in Italian: its template, dates and decimal comma", "[impact-report]") {
  Terms terms;
  terms.lang = "it";
  const std::string md = terms.report();
  CHECK_THAT(md, Contains("# Sostegno e frequenza"));
  CHECK_THAT(md, Contains("dal 23 ottobre 2026 fino al 26 marzo 2027"));
  CHECK_THAT(md, Contains("| A02 Mentoring in modalità mista | 5 |"));
  // The chart reads the number with a point and prints it with a comma.
  // A02's learners gained 8 points, the comparable ones 4, every one alike (an interval of no width).
  CHECK_THAT(md, Contains("A02: destinatari | 8.0 | +8,0"));
  CHECK_THAT(md, Contains("A02: differenza | 4.0 | 4.0 | 4.0 | +4,0 (da +4,0 a +4,0)"));
}

TEST_CASE("the impact report refuses a --by that would print who learners are", "[impact-report]") {
  Terms terms;
  for (const char* column : {"id", "family_name", "date_of_birth"}) {
    terms.options.by = {column};
    CHECK_THROWS_MATCHES(waymark::risk::check_report_groups(terms.options), waymark::Error,
                         Catch::Matchers::Predicate<waymark::Error>([](const waymark::Error& e) { return e.kind() == ErrorKind::usage; }));
  }
  // By a heading that stands for the id in the earlier file.
  terms.options.since_path = terms.dir.write("upn.csv", "UPN,gender,attendance_pct\nP101,female,80\n").string();
  terms.options.by = {"UPN"};
  CHECK_THROWS_AS(waymark::risk::check_report_groups(terms.options), waymark::Error);
  terms.options.by = {"gender"};
  CHECK_NOTHROW(waymark::risk::check_report_groups(terms.options));
}
