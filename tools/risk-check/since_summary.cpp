// --summary --since: how the cohort moved between tiers since the earlier file, per group, with
// who left and who is new, and the learners whose attendance fell most (ids only). Small counts
// are suppressed as in --summary.
#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/output.hpp"
#include "waymark/pseudonymise.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/risk/since.hpp"

namespace waymark::risk_check {

namespace {

constexpr std::array<std::string_view, 4> before_rows{"universal", "targeted", "intensive", "new"};
constexpr std::array<std::string_view, 4> now_columns{"universal", "targeted", "intensive", "left"};
constexpr std::size_t falls_shown = 10;

// Learners by tier before (rows, then new) and tier now (columns, then left).
struct MovementCounts {
  std::array<std::array<long, 4>, 4> cells{};
  void add(std::optional<Tier> before, std::optional<Tier> now) {
    ++cells[before ? static_cast<std::size_t>(*before) : 3][now ? static_cast<std::size_t>(*now) : 3];
  }
};

struct Fall {
  double points;  // negative
  std::string id;
};

}  // namespace

bool write_movement_summary(const Options& options, const Rules& rules) {
  check_format(mode_of(Run::summary), options.common.format);
  Snapshot before = read_snapshot(options.risk, rules);
  CohortScan scan(options.risk, rules);
  scan.use_earlier(before);
  const auto by_columns = group_columns(scan.reader(), options.risk.by);
  std::optional<Pseudonymiser> pseudonymiser;
  if (!options.risk.key_path.empty()) pseudonymiser = Pseudonymiser::from_key_file(options.risk.key_path);
  const auto fail_tier = parse_tier(options.fail_on);
  const auto fail_change = parse_tier_change(options.fail_on);

  MovementCounts cohort;
  std::map<std::pair<std::size_t, std::string>, MovementCounts> groups;
  std::vector<Fall> falls;  // the largest, as a heap whose top is the smallest kept
  auto smaller_fall = [](const Fall& a, const Fall& b) { return a.points < b.points; };
  bool failed = false;
  std::size_t learners = 0, matched = 0;
  while (scan.next()) {
    ++learners;
    const auto& learner = scan.learner();
    const auto tier = scan.assessment().tier;
    const double attendance = learner[Field::attendance];
    const std::string shown_id = pseudonymiser ? pseudonymiser->pseudonym(learner.id) : std::string(learner.id);
    auto moved = movement(before, learner.id, tier, attendance);
    if (pseudonymiser && !moved.previous_tier) moved = movement(before, shown_id, tier, attendance);
    if (moved.previous_tier) ++matched;
    if ((fail_tier && tier >= *fail_tier) || (fail_change && moved.change == *fail_change)) failed = true;
    cohort.add(moved.previous_tier, tier);
    for (std::size_t g = 0; g < by_columns.size(); ++g) {
      const auto value = trim(scan.record().values[by_columns[g]]);
      groups[{g, value.empty() ? std::string("(unknown)") : std::string(value)}].add(moved.previous_tier, tier);
    }
    if (!moved.attendance_change.empty() && moved.attendance_change[0] == '-') {
      falls.push_back({std::stod(moved.attendance_change), shown_id});
      std::push_heap(falls.begin(), falls.end(), smaller_fall);
      if (falls.size() > falls_shown) {
        std::pop_heap(falls.begin(), falls.end(), smaller_fall);
        falls.pop_back();
      }
    }
  }
  check_since_matched(before, learners, matched, options.common.warn);
  // Who left is grouped by their values in the earlier file.
  for (const auto& gone : before.left()) {
    cohort.add(gone.tier, std::nullopt);
    for (std::size_t g = 0; g < by_columns.size(); ++g) groups[{g, before.group_values(gone.group)[g]}].add(gone.tier, std::nullopt);
  }
  std::sort(falls.begin(), falls.end(),
            [](const Fall& a, const Fall& b) { return a.points != b.points ? a.points < b.points : a.id < b.id; });

  struct Row {
    std::string by, value;
    const MovementCounts* counts;
  };
  std::vector<Row> rows{{"all", "all", &cohort}};
  long left = 0, arrived = 0;
  for (std::size_t i = 0; i < 4; ++i) left += cohort.cells[i][3], arrived += cohort.cells[3][i];
  for (const auto& [key, counts] : groups) rows.push_back({options.risk.by[key.first], key.second, &counts});

  Output out(options.common.output);
  const std::string format = options.common.format.empty() ? "txt" : options.common.format;
  const char* const suppression_note = "counts from 1 to 4 are shown as \"<5\"; \"c\" hides a count that would reveal one";
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["since"] = options.risk.since_path;
    doc["learners_before"] = static_cast<long>(before.size());
    doc["left"] = shown_count_json(shown_count(left));
    doc["new"] = shown_count_json(shown_count(arrived));
    doc["suppression"] = suppression_note;
    auto movement_list = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      for (std::size_t b = 0; b < before_rows.size(); ++b) {
        const auto shown = shown_counts(row.counts->cells[b]);
        nlohmann::ordered_json item{{"by", row.by}, {"value", row.value}, {"before", before_rows[b]}};
        for (std::size_t n = 0; n < now_columns.size(); ++n) item[std::string(now_columns[n])] = shown_count_json(shown.cells[n]);
        movement_list.push_back(item);
      }
    }
    doc["movement"] = movement_list;
    auto fall_list = nlohmann::ordered_json::array();
    for (const auto& fall : falls) fall_list.push_back({{"id", fall.id}, {"attendance_change", fall.points}});
    doc["largest_attendance_falls"] = fall_list;
    out.print("{}\n", doc.dump(2));
  } else if (format == "csv") {
    out.print("by,value,before,universal,targeted,intensive,left\n");
    for (const auto& row : rows) {
      fmt::memory_buffer value;
      append_csv_field(value, row.value, ',');
      for (std::size_t b = 0; b < before_rows.size(); ++b) {
        const auto shown = shown_counts(row.counts->cells[b]);
        out.print("{},{},{},{},{},{},{}\n", row.by, fmt::to_string(value), before_rows[b], shown.cells[0], shown.cells[1], shown.cells[2],
                  shown.cells[3]);
      }
    }
  } else {  // txt
    out.print("{} learners in {}; {} left since, {} new\n\n", before.size(), options.risk.since_path, shown_count(left),
              shown_count(arrived));
    out.print("Movement: tier before (rows) by tier now (columns)\n");
    out.print("{:<16} {:<16} {:<10} {:>10} {:>9} {:>10} {:>6}\n", "by", "value", "before", "universal", "targeted", "intensive", "left");
    for (const auto& row : rows) {
      for (std::size_t b = 0; b < before_rows.size(); ++b) {
        const auto shown = shown_counts(row.counts->cells[b]);
        out.print("{:<16} {:<16} {:<10} {:>10} {:>9} {:>10} {:>6}\n", row.by, row.value, before_rows[b], shown.cells[0], shown.cells[1],
                  shown.cells[2], shown.cells[3]);
      }
    }
    out.print(
        "\nCounts from 1 to 4 are shown as <5, and c hides a count that would reveal one.\n"
        "new: not in the earlier file; left: in the earlier file only.\n");
    out.print("\nLargest attendance falls (ids only; percentage points)\n");
    if (falls.empty()) out.print("none\n");
    for (const auto& fall : falls) out.print("{:<24} {:>6.1f}\n", fall.id, fall.points);
  }
  out.commit();
  return failed;
}

}  // namespace waymark::risk_check
