// What the support log and the events file have in common: rows that each name a learner, read
// like every other record input with each bad value reported against its line and column, then
// kept sorted by learner so that a learner's rows are found by hash and rows naming no learner of
// the roll can be reported afterwards.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/hash_search.hpp"
#include "waymark/large_vector.hpp"
#include "waymark/records.hpp"

namespace waymark::support {

struct LogOptions;

// One row being read. Each cell is taken through at(), so that a failure, whether fail() or a
// value the shared parsers refuse, names the column it came from.
class LogRow {
 public:
  LogRow(const RecordReader& reader, const Record& record, bool verbose) : reader_(reader), record_(record), verbose_(verbose) {}
  std::string_view at(std::size_t column) {
    column_ = column;
    return record_.values[column];
  }
  // Refuses the row: "file:line: column 'x': problem (expected)" at the column last taken.
  [[noreturn]] void fail(const std::string& problem, const std::string& expected) const;
  // The key of the learner the row names (the id trimmed, as CSV output guarded it or not);
  // `problem` refuses a row without one.
  std::uint64_t learner(std::size_t id_column, const std::string& problem);
  long line() const { return record_.line; }

 private:
  const RecordReader& reader_;
  const Record& record_;
  bool verbose_;
  std::size_t column_ = 0;
};

// Reads every row of `reader` through `read_row`; a bad value is reported (up to the options'
// max_errors) and its row passed over, and the run then fails with Error(bad_data).
void read_rows(RecordReader& reader, const LogOptions& options, const std::function<void(LogRow&)>& read_row);

// The key rows and learners are matched by: an id as written and in the form CSV output writes
// it ('-rf for -rf, the ' that keeps a spreadsheet from running it as a formula) are the same.
std::uint64_t learner_key(std::string_view id);
std::string_view unguarded(std::string_view id);

// Rows with members `learner` (learner_key) and `known`, sorted by learner once all are read.
template <class Row>
class RowsByLearner {
 public:
  void push_back(const Row& row) { rows_.push_back(row); }
  // Sorts by learner, rows of one learner by `before`, and indexes them.
  template <class Before>
  void index(Before before) {
    std::sort(rows_.begin(), rows_.end(),
              [&](const Row& a, const Row& b) { return a.learner != b.learner ? a.learner < b.learner : before(a, b); });
    index_.build(rows_, [](const Row& row) { return row.learner; });
  }
  // A learner's rows; marks them as belonging to a learner of the roll.
  std::span<const Row> of(std::uint64_t learner) { return at(position(learner), learner); }
  // Where a learner's rows begin (or would), for at().
  std::size_t position(std::uint64_t learner) {
    return static_cast<std::size_t>(index_.lower_bound(rows_, learner, [](const Row& row) { return row.learner; }) - rows_.begin());
  }
  // The rows of `learner` from position(learner) on, as of() returns them.
  std::span<const Row> at(std::size_t first, std::uint64_t learner) {
    auto last = first;
    while (last < rows_.size() && rows_[last].learner == learner) rows_[last++].known = true;
    return {rows_.data() + first, last - first};
  }
  // Fetches a learner's rows from memory ahead of of(learner), or of at(first, learner).
  void prefetch(std::uint64_t learner) const { index_.prefetch(rows_, learner); }
  void prefetch_at(std::size_t first) const {
#if defined(__GNUC__)
    if (first < rows_.size()) __builtin_prefetch(&rows_[first]);
#endif
  }
  std::span<const Row> all() const { return rows_; }
  std::size_t size() const { return rows_.size(); }

 private:
  LargeVector<Row> rows_;
  HashBuckets index_;
};

}  // namespace waymark::support
