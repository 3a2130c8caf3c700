// --evaluate OUTCOMES: how well the rules would have predicted known outcomes, overall and per
// group, so that a rule that flags one group far more often than another is seen.
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "cohort.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"

namespace waymark::risk {

namespace {

// Flagged = targeted or intensive; positive = left early or became NEET.
struct Confusion {
  long tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool flagged, bool positive) { ++(flagged ? (positive ? tp : fp) : (positive ? fn : tn)); }
  long total() const { return tp + fp + fn + tn; }
};

std::string ratio(long numerator, long denominator) {
  return denominator == 0 ? std::string("n/a") : fmt::format("{:.3f}", static_cast<double>(numerator) / static_cast<double>(denominator));
}

// id -> whether the young person left early or became NEET.
std::unordered_map<std::string, bool> read_outcomes(const Options& options) {
  InputOptions input = options.common.input_options();
  input.path = options.outcomes_path;
  input.format.reset();
  const auto reader = open_records(input);
  const auto id = reader->find_column("id");
  const auto outcome = reader->find_column("outcome");
  if (!id || !outcome) {
    throw data_error({reader->source_name(), 1, id ? "outcome" : "id"}, "the outcomes have no such column", "columns id and outcome");
  }
  std::unordered_map<std::string, bool> outcomes;
  Record record;
  while (reader->next(record)) {
    const auto value = trim(record.values[*outcome]);
    if (value != "left_early" && value != "neet" && value != "stayed") {
      throw data_error({reader->source_name(), record.line, "outcome"}, "unknown outcome", "left_early, neet or stayed");
    }
    if (!outcomes.emplace(std::string(trim(record.values[*id])), value != "stayed").second) {
      throw data_error({reader->source_name(), record.line, "id"}, "this id already has an outcome", "one outcome per learner");
    }
  }
  return outcomes;
}

}  // namespace

int write_evaluation(const Options& options, const Rules& rules) {
  const auto outcomes = read_outcomes(options);
  CohortScan scan(options, rules);
  const auto& reader = scan.reader();
  const auto by_columns = group_columns(reader, options.by);
  Confusion all;
  std::map<std::pair<std::size_t, std::string>, Confusion> groups;
  long without_outcome = 0, matched = 0;
  while (scan.next()) {
    const auto it = outcomes.find(std::string(scan.learner().id));
    if (it == outcomes.end()) {
      ++without_outcome;
      continue;
    }
    ++matched;
    const bool flagged = scan.assessment().tier != Tier::universal;
    all.add(flagged, it->second);
    for (std::size_t g = 0; g < by_columns.size(); ++g) {
      const auto value = trim(scan.record().values[by_columns[g]]);
      groups[{g, value.empty() ? std::string("(unknown)") : std::string(value)}].add(flagged, it->second);
    }
  }
  const long unmatched = static_cast<long>(outcomes.size()) - matched;

  struct Row { std::string by, value; Confusion c; };
  std::vector<Row> rows{{"all", "all", all}};
  for (const auto& [key, c] : groups) rows.push_back({options.by[key.first], key.second, c});

  Output out(options.common.output);
  const std::string format = options.common.format.empty() ? "txt" : options.common.format;
  if (format == "json") {
    auto list = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      list.push_back({{"by", row.by}, {"value", row.value}, {"learners", suppressed(row.c.total())},
                      {"true_positives", suppressed(row.c.tp)}, {"false_positives", suppressed(row.c.fp)},
                      {"false_negatives", suppressed(row.c.fn)}, {"true_negatives", suppressed(row.c.tn)},
                      {"precision", ratio(row.c.tp, row.c.tp + row.c.fp)}, {"recall", ratio(row.c.tp, row.c.tp + row.c.fn)},
                      {"false_positive_rate", ratio(row.c.fp, row.c.fp + row.c.tn)}});
    }
    nlohmann::ordered_json doc{{"matched", matched}, {"learners_without_outcome", without_outcome},
                               {"outcomes_without_learner", unmatched}, {"groups", list}};
    out.print("{}\n", doc.dump(2));
  } else if (format == "csv" || format == "txt") {
    const bool txt = format == "txt";
    if (txt) {
      out.print("Flagged: targeted or intensive support. Positive outcome: left_early or neet.\n");
      out.print("{} learners matched an outcome; {} learners had none; {} outcomes had no learner.\n\n", matched, without_outcome, unmatched);
    }
    const char* layout = txt ? "{:<14} {:<14} {:>8} {:>5} {:>5} {:>5} {:>6} {:>9} {:>6} {:>8}\n" : "{},{},{},{},{},{},{},{},{},{}\n";
    out.print(fmt::runtime(layout), "by", "value", "learners", "tp", "fp", "fn", "tn", "precision", "recall", txt ? "fp_rate" : "false_positive_rate");
    for (const auto& row : rows) {
      std::string value = row.value;
      if (!txt) {
        fmt::memory_buffer cell;
        append_csv_field(cell, row.value, ',');
        value = fmt::to_string(cell);
      }
      out.print(fmt::runtime(layout), row.by, value, suppressed(row.c.total()), suppressed(row.c.tp), suppressed(row.c.fp),
          suppressed(row.c.fn), suppressed(row.c.tn), ratio(row.c.tp, row.c.tp + row.c.fp), ratio(row.c.tp, row.c.tp + row.c.fn),
          ratio(row.c.fp, row.c.fp + row.c.tn));
    }
    if (txt) out.print("\nCounts from 1 to 4 are shown as <5.\n");
  } else {
    throw Error(Exit::usage, "--evaluate writes txt, csv or json, not " + format);
  }
  out.commit();
  return 0;
}

}  // namespace waymark::risk
