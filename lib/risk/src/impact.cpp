// --impact: for each action (and for learners with no recorded support), the learners of the
// earlier file who received it between the two files, how their attendance and tier changed, and
// the same change for comparable learners who received no support: those who started in the same
// tier and attendance band, weighted to the supported learners' mix of the two (a stratified
// difference of means). The difference is an association, not proof that the support caused it:
// learners are compared only on what both files record. Method and limits: risk-check(1), IMPACT.
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "waymark/errors.hpp"
#include "waymark/output.hpp"
#include "waymark/record_writer.hpp"
#include "waymark/risk/since.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk {

namespace {

// Starting attendance bands, at the default rules' thresholds (severe absence at 50%, then 80, 85
// and persistent absence at 90%) and 95%; the first is unknown.
constexpr std::size_t band_count = 7;
std::size_t band_of(double attendance) {
  if (std::isnan(attendance)) return 0;
  return attendance <= 50 ? 1 : attendance < 80 ? 2 : attendance <= 85 ? 3 : attendance <= 90 ? 4 : attendance <= 95 ? 5 : 6;
}
constexpr std::size_t stratum_count = 3 * band_count;  // starting tier x band

struct Moments {
  long n = 0;
  double sum = 0, squares = 0;
  void add(double x) {
    ++n;
    sum += x;
    squares += x * x;
  }
  double mean() const { return sum / static_cast<double>(n); }
  double variance() const {  // the sample variance; n >= 2
    const double m = mean();
    return std::max(0.0, (squares - static_cast<double>(n) * m * m) / static_cast<double>(n - 1));
  }
};

// The learners of one row (an action, any support or none, in one group).
struct Cell {
  long learners = 0, down = 0, same = 0, up = 0, left = 0;
  std::array<Moments, stratum_count> change{};  // attendance change, by starting stratum
  void add(std::optional<TierChange> moved, std::size_t stratum, double change_points) {
    ++learners;
    if (!moved)
      ++left;
    else if (*moved == TierChange::down)
      ++down;
    else if (*moved == TierChange::up)
      ++up;
    else
      ++same;
    if (!std::isnan(change_points)) change[stratum].add(change_points);
  }
};

struct Estimate {
  long compared = 0;  // supported learners with a change in attendance and comparable learners
  double supported = 0, comparison = 0, difference = 0, low = 0, high = 0;
};

// The stratified difference: within each stratum holding supported learners and at least two
// comparable ones, the difference of the means, weighted by the stratum's share of the supported
// learners compared; its variance is the weighted sum of the strata's (the supported learners' own
// variance, or the comparison's where a stratum holds one supported learner).
Estimate estimate(const Cell& supported, const Cell& none) {
  Estimate e;
  for (std::size_t s = 0; s < stratum_count; ++s)
    if (supported.change[s].n > 0 && none.change[s].n >= 2) e.compared += supported.change[s].n;
  if (e.compared == 0) return e;
  double variance = 0;
  for (std::size_t s = 0; s < stratum_count; ++s) {
    const auto& t = supported.change[s];
    const auto& c = none.change[s];
    if (t.n == 0 || c.n < 2) continue;
    const double w = static_cast<double>(t.n) / static_cast<double>(e.compared);
    e.supported += w * t.mean();
    e.comparison += w * c.mean();
    const double vt = t.n >= 2 ? t.variance() : c.variance();
    variance += w * w * (vt / static_cast<double>(t.n) + c.variance() / static_cast<double>(c.n));
  }
  e.difference = e.supported - e.comparison;
  const double half = 1.959964 * std::sqrt(variance);
  e.low = e.difference - half;
  e.high = e.difference + half;
  return e;
}

std::string points(double value) {
  const double rounded = std::round(value * 10.0) / 10.0;
  return fmt::format("{:.1f}", rounded == 0.0 ? 0.0 : rounded);  // never "-0.0"
}

}  // namespace

void write_impact(const Options& options, const Rules& rules, RecordWriter& table) {
  auto support = read_support(options);
  const support::Day from = since_day(options);
  if (options.since_date.empty() && options.common.warn)
    options.common.warn("--impact: without --since-date, support counts whenever it was given up to --as-of");
  Snapshot before = read_snapshot(options, rules);
  // Each learner of the earlier file keeps where their rows of the log begin: both are sorted by
  // the same key, so this is one pass over each, and a learner found there is found here too.
  before.tag([&](std::uint64_t key) { return support->log.position(key); });
  CohortScan scan(options, rules);
  scan.use_earlier(before);

  const std::size_t labels = support->log.action_count();
  const std::size_t any = labels, none = labels + 1;
  std::vector<std::string> group_names{"all"};
  std::map<std::pair<std::size_t, std::string>, std::size_t> group_index;
  std::vector<std::vector<std::size_t>> groups_of;  // by the snapshot's group number
  const auto groups = [&](std::uint32_t group) -> const std::vector<std::size_t>& {
    if (groups_of.size() <= group) groups_of.resize(group + 1);
    auto& keys = groups_of[group];
    if (keys.empty()) {
      keys.push_back(0);
      for (std::size_t g = 0; g < options.by.size(); ++g) {
        const auto& value = before.group_values(group)[g];
        const auto [it, added] = group_index.try_emplace({g, value}, group_names.size());
        if (added) group_names.push_back(options.by[g] + "=" + value);
        keys.push_back(it->second);
      }
    }
    return keys;
  };
  std::map<std::pair<std::size_t, std::size_t>, Cell> cells;  // (label, group) -> learners
  struct Coverage {
    long needing = 0, covered = 0;
  };
  std::map<std::size_t, Coverage> coverage;

  std::vector<std::uint16_t> received;
  const auto add = [&](std::span<const support::SupportLog::Piece> pieces, const Snapshot::Previous& was, std::optional<TierChange> moved,
                       double change) {
    received.clear();
    for (const auto& piece : pieces)
      if (support::SupportLog::given_between(piece, from, support->as_of) &&
          std::find(received.begin(), received.end(), piece.action) == received.end())
        received.push_back(piece.action);
    const std::size_t stratum = static_cast<std::size_t>(was.tier) * band_count + band_of(was.attendance);
    for (const auto group : groups(was.group)) {
      for (const auto label : received) cells[{label, group}].add(moved, stratum, change);
      cells[{received.empty() ? none : any, group}].add(moved, stratum, change);
      if (was.tier >= Tier::targeted) {
        auto& c = coverage[group];
        ++c.needing;
        c.covered += !received.empty();
      }
    }
  };
  // This term's learners wait in batches, so that each one's rows of the log are fetched from memory
  // while the rest of the batch is read and scored: a million learners' lookups of the log are
  // otherwise a million waits on memory, most of an --impact run. They are counted in their order.
  // A learner of the earlier file brings where their rows begin (its tag); only those new since are
  // looked up in the log, to mark their rows as known.
  struct Waiting {
    std::uint64_t log_key;
    std::optional<Snapshot::Previous> was;  // none: new since, with no starting point to compare from
    TierChange moved;
    double change;
  };
  constexpr std::size_t batch = 64;
  std::vector<Waiting> waiting;
  waiting.reserve(batch);
  const auto count_waiting = [&] {
    for (const auto& w : waiting) {
      if (w.was)
        add(support->log.of_key_at(w.was->tag, w.log_key), *w.was, w.moved, w.change);
      else
        support->log.of_key(w.log_key);  // marks the rows of a learner new since as known
    }
    waiting.clear();
  };
  while (scan.next()) {
    const auto& learner = scan.learner();
    const auto was = before.find(learner.id);
    Waiting w{was ? was->key : support::learner_key(learner.id), was, TierChange::new_learner, Learner::unknown};
    if (was) {
      support->log.prefetch_at(was->tag);
      const double now = learner[Field::attendance];
      w.change = std::isnan(was->attendance) || std::isnan(now) ? Learner::unknown : now - was->attendance;
      w.moved = tier_change(was->tier, scan.assessment().tier);
    } else {
      support->log.prefetch(w.log_key);
    }
    waiting.push_back(w);
    if (waiting.size() == batch) count_waiting();
  }
  count_waiting();
  for (const auto& gone : before.left()) add(support->log.of_key_at(gone.tag, gone.key), gone, std::nullopt, Learner::unknown);
  support->log.warn_unknown_learners(options.common.warn, scan.reader().source_name() + " or " + options.since_path);

  RecordWriter* const writer = &table;
  writer->begin({"action", "group", "learners", "compared", "attendance_change", "comparison_change", "difference", "low", "high",
                 "tier_down", "tier_same", "tier_up", "left", "coverage"});
  const auto number = [&](const std::string& text) { writer->json_or_text(text, text); };
  const auto shown = [&](const std::string& cell) {
    if (cell == "<5" || cell == "c")
      writer->text(cell);
    else
      number(cell);
  };
  const Cell empty;
  for (std::size_t group = 0; group < group_names.size(); ++group) {
    const auto none_cell = cells.find({none, group});
    const Cell& comparison = none_cell == cells.end() ? empty : none_cell->second;
    for (std::size_t label = 0; label <= none; ++label) {
      const auto found = cells.find({label, group});
      if (found == cells.end()) continue;
      const Cell& cell = found->second;
      writer->start_record();
      writer->text(label == any ? "any" : label == none ? "none" : support->log.label(static_cast<std::uint16_t>(label)));
      writer->text(group_names[group]);
      shown(shown_count(cell.learners));
      const bool hidden = cell.learners < smallest_shown_count;
      if (label == none) {  // the comparison itself: its own change, nothing to compare with
        Moments all;
        for (const auto& m : cell.change) all.n += m.n, all.sum += m.sum;
        if (hidden)
          writer->text("c");
        else
          number(std::to_string(all.n));
        if (all.n == 0)
          writer->text({});
        else if (hidden || all.n < smallest_shown_count)
          writer->text("c");
        else
          number(points(all.mean()));
        for (int i = 0; i < 4; ++i) writer->text({});
      } else {
        const auto e = estimate(cell, comparison);
        if (hidden)
          writer->text("c");
        else
          number(std::to_string(e.compared));
        if (e.compared == 0) {
          for (int i = 0; i < 5; ++i) writer->text({});
        } else if (hidden || e.compared < smallest_shown_count) {
          for (int i = 0; i < 5; ++i) writer->text("c");
        } else {
          for (const double v : {e.supported, e.comparison, e.difference, e.low, e.high}) number(points(v));
        }
      }
      const std::array<long, 4> moves{cell.down, cell.same, cell.up, cell.left};
      const auto moved = shown_counts(moves);
      for (const auto& c : moved.cells) {
        if (hidden)
          writer->text("c");
        else
          shown(c);
      }
      if (label == any) {
        const auto& c = coverage[group];
        const std::array<long, 2> counts{c.covered, c.needing - c.covered};
        const auto parts = shown_counts(counts);
        if (c.needing == 0)
          writer->text({});
        else if (parts.any)
          writer->text("c");
        else
          writer->text(percent(static_cast<double>(c.covered) / static_cast<double>(c.needing)));
      } else {
        writer->text({});
      }
      writer->end_record();
    }
  }
  writer->finish();
}

}  // namespace waymark::risk
