// The default mode: every learner's record with its score, tier and reasons added.
#include <algorithm>
#include <array>
#include <optional>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/output.hpp"
#include "waymark/pseudonymise.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/cohort.hpp"
#include "waymark/risk/since.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk_check {

namespace {

constexpr std::array<std::string_view, 7> added_columns{"score",  "tier", "indicators", "reasons", "risk_factors", "recommended_actions",
                                                        "missing"};
constexpr std::array<std::string_view, 3> since_columns{"previous_tier", "tier_change", "attendance_change"};

nlohmann::ordered_json actions_json(const Assessor& assessor, const Assessment& assessment) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& r : assessment.actions) {
    list.push_back(
        {{"id", r.action->id}, {"title", assessor.title(r)}, {"covers", assessor.codes(r.covers)}, {"why", assessor.why(r, assessment)}});
  }
  return list;
}

// Kept input columns as runs of neighbours, so that CSV may copy each run in one piece; `alone`
// (the id, when it is replaced by a pseudonym) is a run of its own.
struct Run {
  std::size_t first, count;
};
std::vector<Run> runs_of(const std::vector<std::size_t>& kept, std::size_t alone) {
  std::vector<Run> runs;
  for (const auto i : kept) {
    if (!runs.empty() && runs.back().first + runs.back().count == i && i != alone && runs.back().first != alone)
      ++runs.back().count;
    else
      runs.push_back({i, 1});
  }
  return runs;
}

}  // namespace

bool write_scored_records(const Options& options, const Rules& rules, const std::function<bool(std::string_view id)>& only) {
  auto support = read_support(options.risk);
  const bool fail_unsupported = options.fail_on == "unsupported";
  LearnerSupport got;
  CohortScan scan(options.risk, rules);
  const auto& reader = scan.reader();

  const Pseudonymiser* pseudonymiser = scan.pseudonymiser();
  const SharedColumns* shared = scan.shared_columns();
  if (shared && !shared->dropped.empty() && options.common.warn) options.common.warn(describe_dropped(*shared));

  std::vector<bool> shown_tiers(3, options.tiers.empty());
  for (const auto& name : options.tiers) shown_tiers[static_cast<std::size_t>(*parse_tier(name))] = true;
  const auto fail_tier = options.fail_on.empty() ? std::nullopt : parse_tier(options.fail_on);
  std::optional<Snapshot> before;
  if (!options.risk.since_path.empty()) before = read_snapshot(options.risk, rules);
  if (before) scan.use_earlier(*before);
  const auto fail_change = parse_tier_change(options.fail_on);
  std::vector<bool> shown_changes(tier_change_count, options.tier_changes.empty());
  for (const auto& name : options.tier_changes) shown_changes[static_cast<std::size_t>(*parse_tier_change(name))] = true;

  // Input columns in order, less those we add (re-scoring replaces them) and, when
  // pseudonymising, those not known to be safe to share.
  std::vector<std::size_t> kept;
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < reader.columns().size(); ++i) {
    const auto& name = reader.columns()[i];
    if (std::find(added_columns.begin(), added_columns.end(), name) != added_columns.end()) continue;
    if (std::find(since_columns.begin(), since_columns.end(), name) != since_columns.end()) continue;
    if (name == active_support_column || name == support_received_column) continue;
    if (shared && !shared->kept[i]) continue;
    kept.push_back(i);
    columns.push_back(name);
  }
  columns.insert(columns.end(), added_columns.begin(), added_columns.end());
  if (before) columns.insert(columns.end(), since_columns.begin(), since_columns.end());
  if (support) columns.insert(columns.end(), {std::string(active_support_column), std::string(support_received_column)});

  const auto format = options.common.format.empty() ? reader.format() : *parse_record_format(options.common.format);
  Output out(options.common.output);
  // CSV keeps the input's byte order mark and line endings (docs/conventions.md, Output).
  auto writer = RecordWriter::create(format, out, reader.delimiter(), reader.byte_order_mark(), reader.crlf());
  // A ';'-delimited CSV is what spreadsheets write where the decimal separator is a comma (87,5):
  // the decimals risk-check adds are written the same way, so the file keeps one convention.
  const bool decimal_comma = format == RecordFormat::csv && reader.delimiter() == ';';
  std::string shown_change;
  writer->begin(columns);
  const std::size_t id_column = *reader.find_column("id");
  const std::size_t reported_column = reader.find_column("reported_factors").value_or(reader.columns().size());
  const auto runs = runs_of(kept, pseudonymiser ? id_column : reader.columns().size());
  bool failed = false;
  std::string pseudonym;
  std::size_t learners = 0, matched = 0;
  while (scan.next()) {
    ++learners;
    const auto& a = scan.assessment();
    if (fail_tier && a.tier >= *fail_tier) failed = true;
    if (support) {
      learner_support(*support, scan.learner().id, got);
      if (fail_unsupported && a.tier >= Tier::targeted && got.active.empty()) failed = true;
    }
    if (only && !only(scan.learner().id)) continue;
    Movement moved;
    if (before) {
      const double attendance = scan.learner()[Field::attendance];
      moved = movement(*before, scan.learner().id, a.tier, attendance);
      // Last term's file may hold the ids pseudonymised with the same key.
      if (pseudonymiser && !moved.previous_tier) moved = movement(*before, pseudonymiser->pseudonym(scan.learner().id), a.tier, attendance);
      if (moved.previous_tier) ++matched;
      if (fail_change && moved.change == *fail_change) failed = true;
      if (!shown_changes[static_cast<std::size_t>(moved.change)]) continue;
    }
    if (!shown_tiers[static_cast<std::size_t>(a.tier)]) continue;
    writer->start_record();
    const auto& record = scan.record();
    for (const auto& run : runs) {
      if (pseudonymiser && run.first == id_column) {
        pseudonym = pseudonymiser->pseudonym(scan.learner().id);
        writer->text(pseudonym);
      } else if (!writer->holds_structure()) {
        writer->cells(std::span<const std::string_view>(record.values).subspan(run.first, run.count));
      } else {
        for (std::size_t i = run.first; i < run.first + run.count; ++i) {
          if (!record.json.empty() && !record.json[i].empty())
            writer->json_or_text(record.json[i], record.values[i]);
          else if (i == reported_column)
            writer->list(std::span<const std::string_view>(split_list(record.values[i])));  // a list in JSON
          else
            writer->text(record.values[i]);
        }
      }
    }
    writer->integer(a.score);
    writer->text(to_string(a.tier));
    writer->list(std::span<const std::string_view>(a.indicators));
    writer->list(std::span<const std::string>(a.reasons));
    writer->list(std::span<const std::string_view>(a.risk_factors));
    if (writer->holds_structure())
      writer->structured(actions_json(scan.assessor(), a));
    else
      writer->list(std::span<const std::string_view>(a.action_ids));
    writer->list(std::span<const std::string_view>(a.missing));
    if (before) {
      writer->text(moved.previous_tier ? to_string(*moved.previous_tier) : std::string_view{});
      writer->text(to_string(moved.change));
      if (moved.attendance_change.empty())
        writer->text({});  // unknown
      else {
        shown_change = moved.attendance_change;
        if (decimal_comma) std::replace(shown_change.begin(), shown_change.end(), '.', ',');
        writer->json_or_text(moved.attendance_change, shown_change);
      }
    }
    if (support) {
      writer->list(std::span<const std::string_view>(got.active));
      writer->list(std::span<const std::string_view>(got.received));
    }
    writer->end_record();
  }
  if (before) check_since_matched(*before, learners, matched, options.common.warn);
  writer->finish();
  out.commit();
  if (support && !only) support->log.warn_unknown_learners(options.common.warn, reader.source_name());
  return failed;
}

}  // namespace waymark::risk_check
