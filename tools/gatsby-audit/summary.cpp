// The summary (--format txt, csv or json): per benchmark and criterion, beside the national average.
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "options.hpp"
#include "waymark/academic_year.hpp"
#include "waymark/gatsby/summary.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/small_counts.hpp"

namespace waymark::gatsby {

namespace {

// How the figures are made, printed under the summary (the report's template says the same).
constexpr std::string_view percent_explained =
    "A benchmark's percentage is the mean of its criteria: a school criterion answered yes counts 100%, partly\n"
    "50%, no 0% and not answered 0% (as in Compass, an area not answered is not met); a pupil criterion counts\n"
    "the share of pupils assessed who meet it. Pupil criteria nobody is assessed on yet are left out, and a\n"
    "benchmark with nothing answered or assessed has no percentage (n/a). Fully achieved is 100% with every\n"
    "school criterion answered. A pupil is assessed on a criterion once its deadline (or, for 'every year', a\n"
    "completed year) has come, within the years the log covers.\n"
    "The percentage can differ from the share of pupils meeting all of a benchmark: it weighs every criterion\n"
    "the same, however many pupils each assesses, and counts the school's answers; pupils meeting all counts\n"
    "each pupil assessed on any of its pupil criteria who meets every one they are assessed on (a Year 11 who\n"
    "has met what is due by 16 meets all, though what is due by 18 is still to come).\n"
    "overdue and due count pupils with a deadline missed, or one ending this academic year; --gaps lists them.\n"
    "SEND shares are shown as c where fewer than 5 SEND pupils are assessed.\n";

std::string pupils_share(long met, long assessed) {
  return assessed ? fmt::format("{} of {} ({})", met, assessed, share(met, assessed)) : std::string("n/a");
}

// One decimal, as shown: what JSON and CSV carry is what the text shows.
double rounded(double percent) { return std::round(percent * 10.0) / 10.0; }

void write_txt(Output& out, const Audit& audit, const Summary& summary) {
  const int year = academic_year_of(audit.as_of);
  out.print("{}\n", audit.framework.title);
  out.print("{} setting, as of {} (academic year {}); the careers log is read from {}.\n",
            audit.setting == Setting::college ? "College" : "School", format_date(audit.as_of), academic_year_name(year),
            academic_year_name(audit.log_from));
  out.print("Pupils on roll: {} (SEND: {}, SEND unknown: {}); leavers: {}.\n", summary.on_roll, send_count(summary.send),
            send_count(summary.send_unknown), summary.leavers);
  out.print(
      "Activities: {} read; not counted: {} for pupils not in the pupils file, {} outside Years 7 to 13, "
      "{} planned (dated after --as-of); meaningful unknown: {}.\n",
      audit.log.activities, audit.log.unknown_pupil, audit.log.outside_years, audit.log.planned_total(), audit.log.meaningful_unknown);
  if (const auto planned = planned_text(audit.log); !planned.empty()) out.print("Planned: {}.\n", planned);
  out.print("\nBenchmarks fully achieved (100%): {} of {}. {}\n\n", summary.achieved, summary.benchmarks.size(),
            national_text(audit.framework, summary.achieved, summary.benchmarks.size()));

  out.print("{:<3} {:<7} {:<19} {:<38} {:<21} {}\n", "BM", "percent", "status", "school criteria", "pupils meeting all", "benchmark");
  for (const auto& tally : summary.benchmarks) {
    out.print("{:<3} {:<7} {:<19} {:<38} {:<21} {}\n", tally.benchmark->number, percent_text(tally), to_string(tally.status),
              school_answers_text(tally),
              tally.pupils_assessed || tally.criteria.size() > static_cast<std::size_t>(tally.school_criteria)
                  ? pupils_share(tally.pupils_meeting_all, tally.pupils_assessed)
                  : std::string("-"),
              tally.benchmark->title);
  }
  out.print("\n{:<3} {:<36} {:<17} {:>7} {:>10} {:>8} {:>5}\n", "BM", "criterion", "answer or pupils", "share", "SEND share", "overdue",
            "due");
  for (const auto& tally : summary.benchmarks) {
    for (const auto& c : tally.criteria) {
      if (!c.criterion->per_pupil) {
        out.print("{:<3} {:<36} {}\n", tally.benchmark->number, c.criterion->id,
                  c.answer.answer == SchoolAnswer::unanswered ? std::string_view("not answered") : to_string(c.answer.answer));
        continue;
      }
      out.print("{:<3} {:<36} {:<17} {:>7} {:>10} {:>8} {:>5}\n", tally.benchmark->number, c.criterion->id,
                c.assessed ? fmt::format("{} of {}", c.met, c.assessed) : std::string("none assessed"), share(c.met, c.assessed),
                send_share(c.send_met, c.send_assessed), c.overdue, c.due);
    }
  }
  out.print("\n{}", percent_explained);
}

void write_csv(Output& out, const Summary& summary) {
  out.print(
      "benchmark,benchmark_title,benchmark_status,benchmark_pct,criterion,scope,answer,evidence,met,assessed,share,"
      "send_met,send_assessed,send_share,overdue,due\n");
  for (const auto& tally : summary.benchmarks) {
    for (const auto& c : tally.criteria) {
      fmt::memory_buffer line;
      auto field = [&](std::string_view text) {
        append_csv_field(line, text, ',');
        line.push_back(',');
      };
      field(std::to_string(tally.benchmark->number));
      field(tally.benchmark->title);
      field(to_string(tally.status));
      field(tally.percent ? fmt::format("{:.1f}", *tally.percent) : std::string{});  // empty: nothing to score yet
      field(c.criterion->id);
      field(c.criterion->per_pupil ? "pupil" : "school");
      if (c.criterion->per_pupil) {
        out.print("{}", fmt::to_string(line));
        out.print(",,{},{},{},{},{},{},{},{}\n", c.met, c.assessed, share(c.met, c.assessed), send_met(c.send_met, c.send_assessed),
                  send_count(c.send_assessed), send_share(c.send_met, c.send_assessed), c.overdue, c.due);
      } else {
        field(to_string(c.answer.answer));
        append_csv_field(line, c.answer.evidence, ',');
        out.print("{},,,,,,,,\n", fmt::to_string(line));
      }
    }
  }
}

void write_json(Output& out, const Audit& audit, const Summary& summary) {
  nlohmann::ordered_json doc;
  doc["framework"] = audit.framework.name;
  doc["title"] = audit.framework.title;
  doc["setting"] = audit.setting == Setting::college ? "college" : "school";
  doc["as_of"] = format_date(audit.as_of);
  doc["academic_year"] = academic_year_name(academic_year_of(audit.as_of));
  doc["log_from"] = academic_year_name(audit.log_from);
  doc["pupils"] = {{"on_roll", summary.on_roll},
                   {"send", shown_count_json(send_count(summary.send))},
                   {"send_unknown", shown_count_json(send_count(summary.send_unknown))},
                   {"leavers", summary.leavers}};
  auto planned = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < kind_count; ++k)
    if (audit.log.planned[k] > 0) planned[std::string(to_string(static_cast<Kind>(k)))] = audit.log.planned[k];
  doc["activities"] = {{"read", audit.log.activities},
                       {"unknown_pupil", audit.log.unknown_pupil},
                       {"outside_years", audit.log.outside_years},
                       {"planned", planned},
                       {"meaningful_unknown", audit.log.meaningful_unknown}};
  doc["benchmarks_achieved"] = summary.achieved;
  // Only a figure measured on this framework; otherwise null and the reason.
  if (const auto& average = audit.framework.national_average) {
    doc["national_average"] = {{"benchmarks_achieved", average->benchmarks_achieved},
                               {"of", average->of},
                               {"year", average->year},
                               {"measured_on", audit.framework.name},
                               {"source", average->source}};
  } else {
    doc["national_average"] = nullptr;
    doc["national_average_note"] = audit.framework.national_average_note;
  }
  auto benchmarks = nlohmann::ordered_json::array();
  for (const auto& tally : summary.benchmarks) {
    nlohmann::ordered_json item{
        {"benchmark", tally.benchmark->number}, {"title", tally.benchmark->title}, {"status", to_string(tally.status)}};
    item["benchmark_pct"] = tally.percent ? nlohmann::ordered_json(rounded(*tally.percent)) : nlohmann::ordered_json(nullptr);
    item["school_criteria"] = {{"yes", tally.school_yes},
                               {"partly", tally.school_partly},
                               {"no", tally.school_no},
                               {"not_answered", tally.school_unanswered},
                               {"of", tally.school_criteria}};
    item["pupils_meeting_all"] = {{"met", tally.pupils_meeting_all},
                                  {"assessed", tally.pupils_assessed},
                                  {"share", share(tally.pupils_meeting_all, tally.pupils_assessed)}};
    auto criteria = nlohmann::ordered_json::array();
    for (const auto& c : tally.criteria) {
      nlohmann::ordered_json entry{
          {"id", c.criterion->id}, {"scope", c.criterion->per_pupil ? "pupil" : "school"}, {"text", c.criterion->text}};
      if (c.criterion->per_pupil) {
        entry["met"] = c.met;
        entry["assessed"] = c.assessed;
        entry["share"] = share(c.met, c.assessed);
        entry["send"] = {{"met", shown_count_json(send_met(c.send_met, c.send_assessed))},
                         {"assessed", shown_count_json(send_count(c.send_assessed))},
                         {"share", send_share(c.send_met, c.send_assessed)}};
        entry["overdue"] = c.overdue;
        entry["due"] = c.due;
      } else {
        entry["answer"] = c.answer.answer == SchoolAnswer::unanswered ? nlohmann::ordered_json(nullptr)
                                                                      : nlohmann::ordered_json(to_string(c.answer.answer));
        entry["evidence"] = c.answer.evidence;
      }
      criteria.push_back(entry);
    }
    item["criteria"] = criteria;
    benchmarks.push_back(item);
  }
  doc["benchmarks"] = benchmarks;
  out.print("{}\n", doc.dump(2));
}

}  // namespace

void write_summary(const Options& options, const Audit& audit) {
  const std::string format = options.common.format.empty() ? "txt" : options.common.format;
  check_format(mode_of(Run::summary), format);
  const Summary summary = summarise(audit);
  Output out(options.common.output);
  if (format == "txt")
    write_txt(out, audit, summary);
  else if (format == "csv")
    write_csv(out, summary);
  else
    write_json(out, audit, summary);
  out.commit();
}

}  // namespace waymark::gatsby
