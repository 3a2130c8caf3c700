// --summary: the cohort by tier, broken down by groups so that bias is visible, and how complete
// the data is. Small counts are suppressed.
#include <array>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/risk/events.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk_check {

namespace {

struct TierCounts {
  long learners = 0;
  std::array<long, 3> tiers{};
  void add(Tier tier) {
    ++learners;
    ++tiers[static_cast<std::size_t>(tier)];
  }
  long flagged() const { return tiers[1] + tiers[2]; }
  double flag_rate() const { return learners ? static_cast<double>(flagged()) / static_cast<double>(learners) : 0; }
};

struct Group {
  std::string by;
  std::string value;
  TierCounts counts;
};

// The row's counts and flag rate as they may be shown (see shown_counts()).
struct ShownRow {
  std::string learners;
  std::vector<std::string> tiers;
  std::string flag_rate;
};

ShownRow shown(const TierCounts& counts) {
  const auto cells = shown_counts(counts.tiers);
  return {shown_count(counts.learners), cells.cells, cells.any || counts.learners == 0 ? std::string("c") : percent(counts.flag_rate())};
}

}  // namespace

bool write_summary(const Options& options, const Rules& rules) {
  check_format(mode_of(Run::summary), options.common.format);
  CohortScan scan(options.risk, rules);
  const auto& reader = scan.reader();
  const auto by_columns = group_columns(reader, options.risk.by);
  // Completeness: each field the rules use, then each --by column.
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < rules.field_total(); ++i)
    if (rules.uses_field[i]) fields.emplace_back(rules.name_of(static_cast<Field>(i)));
  std::vector<long> missing(fields.size() + by_columns.size(), 0);

  TierCounts cohort;
  std::map<std::pair<std::size_t, std::string>, TierCounts> groups;
  const auto fail_tier = parse_tier(options.fail_on);
  bool failed = false;
  // With --events: per group, the learners with an event of each type up to --as-of, so that
  // informal exclusion (removals, reduced timetables) shows by setting or group (seeds/004).
  std::optional<EventLog> events;
  if (!options.risk.events_path.empty()) events = read_events(options.risk);
  const support::Day as_of = events ? as_of_day(options.risk) : 0;
  const std::size_t types = events ? events->type_count() : 0;
  std::vector<long> cohort_events(types);
  std::map<std::pair<std::size_t, std::string>, std::vector<long>> group_events;
  std::vector<char> had(types);
  while (scan.next()) {
    const auto& a = scan.assessment();
    cohort.add(a.tier);
    if (events) {
      std::fill(had.begin(), had.end(), 0);
      for (const auto& event : events->of(scan.learner().id))
        if (event.day <= as_of) had[event.type] = 1;
      for (std::size_t t = 0; t < types; ++t) cohort_events[t] += had[t];
      for (std::size_t g = 0; g < by_columns.size(); ++g) {
        const auto value = trim(scan.record().values[by_columns[g]]);
        auto& counts = group_events[{g, value.empty() ? std::string("(unknown)") : std::string(value)}];
        counts.resize(types);
        for (std::size_t t = 0; t < types; ++t) counts[t] += had[t];
      }
    }
    if (fail_tier && a.tier >= *fail_tier) failed = true;
    for (const auto& name : a.missing) ++missing[static_cast<std::size_t>(std::find(fields.begin(), fields.end(), name) - fields.begin())];
    for (std::size_t g = 0; g < by_columns.size(); ++g) {
      const auto value = trim(scan.record().values[by_columns[g]]);
      if (value.empty()) ++missing[fields.size() + g];
      groups[{g, value.empty() ? std::string("(unknown)") : std::string(value)}].add(a.tier);
    }
  }
  // --by columns join the completeness list unless the rules already use them.
  const std::size_t rule_fields = fields.size();
  for (std::size_t g = 0; g < options.risk.by.size(); ++g) {
    if (std::find(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(rule_fields), options.risk.by[g]) !=
        fields.begin() + static_cast<std::ptrdiff_t>(rule_fields))
      continue;
    missing[fields.size()] = missing[rule_fields + g];
    fields.push_back(options.risk.by[g]);
  }

  Output out(options.common.output);
  const std::string format = options.common.format.empty() ? "txt" : options.common.format;
  std::vector<Group> rows{{"all", "all", cohort}};
  std::vector<std::vector<long>> row_events{cohort_events};
  for (const auto& [key, counts] : groups) {
    rows.push_back({options.risk.by[key.first], key.second, counts});
    row_events.push_back(events ? group_events[key] : std::vector<long>{});
  }
  const auto type_name = [&](std::size_t t) { return events->type_label(static_cast<std::uint16_t>(t)); };

  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["learners"] = cohort.learners;
    doc["suppression"] = "counts from 1 to 4 are shown as \"<5\"; \"c\" hides a count or rate that would reveal one";
    auto group_list = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      const auto cells = shown(row.counts);
      nlohmann::ordered_json item{{"by", row.by}, {"value", row.value}, {"learners", shown_count_json(cells.learners)}};
      for (std::size_t t = 0; t < 3; ++t) item[std::string(to_string(static_cast<Tier>(t)))] = shown_count_json(cells.tiers[t]);
      item["flag_rate"] = cells.flag_rate;
      item["cohort_flag_rate"] = percent(cohort.flag_rate());
      if (events) {
        nlohmann::ordered_json with_event;
        const auto& counts = row_events[static_cast<std::size_t>(&row - rows.data())];
        for (std::size_t t = 0; t < types; ++t) with_event[type_name(t)] = shown_count_json(shown_count(counts[t]));
        item["learners_with_events"] = with_event;
      }
      group_list.push_back(item);
    }
    doc["groups"] = group_list;
    auto completeness = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const long known = cohort.learners - missing[i];
      completeness.push_back({{"field", fields[i]},
                              {"known", known},
                              {"share", percent(cohort.learners ? static_cast<double>(known) / static_cast<double>(cohort.learners) : 0)}});
    }
    doc["completeness"] = completeness;
    out.print("{}\n", doc.dump(2));
  } else if (format == "csv") {
    // With --events, a column per type of event: the learners with one.
    fmt::memory_buffer event_columns;
    for (std::size_t t = 0; t < types; ++t) {
      event_columns.push_back(',');
      append_csv_field(event_columns, "learners with " + type_name(t), ',');
    }
    out.print("by,value,learners,universal,targeted,intensive,flag_rate,cohort_flag_rate{}\n", fmt::to_string(event_columns));
    for (const auto& row : rows) {
      fmt::memory_buffer value;
      append_csv_field(value, row.value, ',');
      const auto cells = shown(row.counts);
      std::string with_event;
      for (std::size_t t = 0; t < types; ++t) with_event += "," + shown_count(row_events[static_cast<std::size_t>(&row - rows.data())][t]);
      out.print("{},{},{},{},{},{},{},{}{}\n", row.by, fmt::to_string(value), cells.learners, cells.tiers[0], cells.tiers[1],
                cells.tiers[2], cells.flag_rate, percent(cohort.flag_rate()), with_event);
    }
  } else {  // txt
    out.print("{} learners; flagged for targeted or intensive support: {} ({})\n\n", cohort.learners, cohort.flagged(),
              percent(cohort.flag_rate()));
    out.print("{:<16} {:<16} {:>9} {:>10} {:>9} {:>10} {:>10} {:>8}\n", "by", "value", "learners", "universal", "targeted", "intensive",
              "flag rate", "cohort");
    for (const auto& row : rows) {
      const auto cells = shown(row.counts);
      out.print("{:<16} {:<16} {:>9} {:>10} {:>9} {:>10} {:>10} {:>8}\n", row.by, row.value, cells.learners, cells.tiers[0], cells.tiers[1],
                cells.tiers[2], cells.flag_rate, percent(cohort.flag_rate()));
    }
    out.print(
        "\nCounts from 1 to 4 are shown as <5, and c hides a count that would reveal one.\n"
        "Flag rate: share in targeted or intensive support.\n");
    if (events) {
      out.print("\nLearners with an event of each type up to --as-of ({})\n{:<16} {:<16} {:<24} {:>9}\n", events->source_name(), "by",
                "value", "type", "learners");
      for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t t = 0; t < types; ++t)
          out.print("{:<16} {:<16} {:<24} {:>9}\n", rows[r].by, rows[r].value, type_name(t), shown_count(row_events[r][t]));
    }
    out.print("\nData completeness\n{:<24} {:>9} {:>8}\n", "field", "known", "share");
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const long known = cohort.learners - missing[i];
      out.print("{:<24} {:>9} {:>8}\n", fields[i], known,
                percent(cohort.learners ? static_cast<double>(known) / static_cast<double>(cohort.learners) : 0));
    }
  }
  out.commit();
  return failed;
}

}  // namespace waymark::risk_check
