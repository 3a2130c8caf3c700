// --evaluate OUTCOMES: how well the rules would have predicted known outcomes, overall and per
// group, so that a rule that flags one group far more often than another is seen.
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "options.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/cohort.hpp"

namespace waymark::risk_check {

namespace {

// Flagged = targeted or intensive; positive = left early or became NEET.
struct Confusion {
  long tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool flagged, bool positive) { ++(flagged ? (positive ? tp : fp) : (positive ? fn : tn)); }
  long total() const { return tp + fp + fn + tn; }
};

// A confusion matrix as it may be shown: small cells hidden, and the rates with them.
struct ShownConfusion {
  std::string learners;
  std::vector<std::string> cells;  // tp, fp, fn, tn
  std::string flag_rate, precision, recall, false_positive_rate;
};

std::string ratio(long numerator, long denominator, bool hidden) {
  if (hidden) return "c";
  return denominator == 0 ? std::string("n/a") : fmt::format("{:.3f}", static_cast<double>(numerator) / static_cast<double>(denominator));
}

ShownConfusion shown(const Confusion& c) {
  const std::array<long, 4> counts{c.tp, c.fp, c.fn, c.tn};
  const auto cells = shown_counts(counts);
  return {shown_count(c.total()),
          cells.cells,
          ratio(c.tp + c.fp, c.total(), cells.any),
          ratio(c.tp, c.tp + c.fp, cells.any),
          ratio(c.tp, c.tp + c.fn, cells.any),
          ratio(c.fp, c.fp + c.tn, cells.any)};
}

// Outcome words in any case.
std::optional<bool> parse_outcome(std::string_view text) {
  std::string lower(text);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "left_early" || lower == "neet") return true;
  if (lower == "stayed") return false;
  return std::nullopt;
}

// id -> whether the young person left early or became NEET.
std::unordered_map<std::string, bool> read_outcomes(const Options& options) {
  const auto reader = open_records(options.common.input_options(options.outcomes_path));
  const auto id = reader->find_column("id");
  const auto outcome = reader->find_column("outcome");
  if (!id || !outcome) {
    throw data_error({reader->source_name(), 1, id ? "outcome" : "id"}, "the outcomes have no such column", "columns id and outcome");
  }
  std::unordered_map<std::string, bool> outcomes;
  Record record;
  while (reader->next(record)) {
    const auto positive = parse_outcome(trim(record.values[*outcome]));
    if (!positive) throw data_error({reader->source_name(), record.line, "outcome"}, "unknown outcome", "left_early, neet or stayed");
    if (!outcomes.emplace(std::string(trim(record.values[*id])), *positive).second) {
      throw data_error({reader->source_name(), record.line, "id"}, "this id already has an outcome", "one outcome per learner");
    }
  }
  return outcomes;
}

}  // namespace

void write_evaluation(const Options& options, const Rules& rules) {
  check_format(mode_of(Run::evaluate), options.common.format);
  const auto outcomes = read_outcomes(options);
  CohortScan scan(options.risk, rules);
  const auto& reader = scan.reader();
  const auto by_columns = group_columns(reader, options.risk.by);
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

  struct Row {
    std::string by, value;
    Confusion c;
  };
  std::vector<Row> rows{{"all", "all", all}};
  for (const auto& [key, c] : groups) rows.push_back({options.risk.by[key.first], key.second, c});

  Output out(options.common.output);
  const std::string format = options.common.format.empty() ? "txt" : options.common.format;
  if (format == "json") {
    auto list = nlohmann::ordered_json::array();
    // Rates are numbers, or "c" when hidden and "n/a" when undefined.
    auto rate_json = [](const std::string& text) {
      return text == "c" || text == "n/a" ? nlohmann::ordered_json(text) : nlohmann::ordered_json(std::stod(text));
    };
    for (const auto& row : rows) {
      const auto s = shown(row.c);
      list.push_back({{"by", row.by},
                      {"value", row.value},
                      {"learners", shown_count_json(s.learners)},
                      {"true_positives", shown_count_json(s.cells[0])},
                      {"false_positives", shown_count_json(s.cells[1])},
                      {"false_negatives", shown_count_json(s.cells[2])},
                      {"true_negatives", shown_count_json(s.cells[3])},
                      {"flag_rate", rate_json(s.flag_rate)},
                      {"precision", rate_json(s.precision)},
                      {"recall", rate_json(s.recall)},
                      {"false_positive_rate", rate_json(s.false_positive_rate)}});
    }
    nlohmann::ordered_json doc{
        {"matched", matched}, {"learners_without_outcome", without_outcome}, {"outcomes_without_learner", unmatched}, {"groups", list}};
    out.print("{}\n", doc.dump(2));
  } else {  // csv or txt
    const bool txt = format == "txt";
    if (txt) {
      out.print("Flagged: targeted or intensive support. Positive outcome: left_early or neet.\n");
      out.print("Learners with a known outcome: {}. Without one (left out): {}. Outcomes for no learner in the input: {}.\n\n", matched,
                without_outcome, unmatched);
    }
    const char* layout =
        txt ? "{:<14} {:<14} {:>8} {:>5} {:>5} {:>5} {:>6} {:>9} {:>9} {:>6} {:>8}\n" : "{},{},{},{},{},{},{},{},{},{},{}\n";
    out.print(fmt::runtime(layout), "by", "value", "learners", "tp", "fp", "fn", "tn", "flag_rate", "precision", "recall",
              txt ? "fp_rate" : "false_positive_rate");
    for (const auto& row : rows) {
      std::string value = row.value;
      if (!txt) {
        fmt::memory_buffer cell;
        append_csv_field(cell, row.value, ',');
        value = fmt::to_string(cell);
      }
      const auto s = shown(row.c);
      out.print(fmt::runtime(layout), row.by, value, s.learners, s.cells[0], s.cells[1], s.cells[2], s.cells[3], s.flag_rate, s.precision,
                s.recall, s.false_positive_rate);
    }
    if (txt) {
      out.print(
          "\nFlag rate: share flagged. Precision: share of the flagged who left early. Recall: share of those who left\n"
          "early who were flagged. fp_rate: share of those who stayed who were flagged. Compare groups: a group\n"
          "flagged far more often, at lower precision, is flagged for who they are more than for what they need.\n");
      out.print("Counts from 1 to 4 are shown as <5; c hides a count or rate that would reveal one.\n");
    }
  }
  out.commit();
}

}  // namespace waymark::risk_check
