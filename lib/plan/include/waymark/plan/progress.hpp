// Reviews of targets (--progress): for each learner and target, what was found at each review.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "waymark/fields.hpp"
#include "waymark/records.hpp"

namespace waymark::plan {

// The words a review may record for a target.
inline constexpr std::string_view review_statuses[] = {"met", "partly_met", "not_met", "dropped"};

struct TargetReview {
  std::string date;  // ISO 8601
  std::string status;
  std::string comment;
  std::string reviewed_by;  // empty when the file has no reviewed_by column
  std::string source;       // "progress.csv:4", for warnings
};

// All reviews in memory (a few per target), matched to targets by the learner's id and the
// target's text as written in the targets file.
class ProgressBook {
 public:
  // Reads id, date, target, status, comment (and reviewed_by if present). Throws Error(data) for a
  // status that is not one of review_statuses or a date that is not a date, naming the line.
  static ProgressBook load(const InputOptions& input, DateOrder dates, bool verbose);

  // The reviews of one target of a learner, oldest first; empty if none. Marks them as matched.
  std::vector<TargetReview> reviews(const std::string& id, const std::string& target);
  // Notes that the learner has a plan, so that an unmatched row can be told apart.
  void saw_learner(const std::string& id) { learners_seen_.insert(id); }

  // Rows that matched no target, in file order, each with why.
  struct Unmatched {
    std::string source, id;
    bool learner_known;  // the learner has a plan, but no target of that text
  };
  std::vector<Unmatched> unmatched() const;

 private:
  struct Row {
    std::string id, target;
    TargetReview review;
    long line;
    bool matched = false;
  };
  std::vector<Row> rows_;
  std::multimap<std::pair<std::string, std::string>, std::size_t> index_;  // (id, target) -> rows_
  std::set<std::string> learners_seen_;
};

}  // namespace waymark::plan
