// --since BEFORE --tier-change left: the learners of the earlier file who are not in this one,
// with their last record (the earlier file, scored) and, with --support, their support: the list
// a local authority needs to keep in touch with those who left.
#include <algorithm>

#include "options.hpp"
#include "waymark/risk/support.hpp"

namespace waymark::risk_check {

bool write_leavers(const Options& options, const Rules& rules) {
  if (options.risk.since_path == "-" && options.risk.common.input == "-")
    throw Error(ErrorKind::usage, "--since and the input cannot both be standard input");
  // This term's ids, as the keys the earlier file's are compared with (8 bytes a learner).
  std::vector<std::uint64_t> now;
  {
    risk::Options this_term = options.risk;
    this_term.key_path.clear();
    CohortScan scan(this_term, rules);
    while (scan.next()) now.push_back(support::learner_key(scan.learner().id));
  }
  std::sort(now.begin(), now.end());
  Options earlier = options;
  earlier.risk.common.input = options.risk.since_path;
  earlier.risk.common.input_format = "auto";  // last term's file may be risk-check's JSON output
  earlier.risk.since_path.clear();
  earlier.tier_changes.clear();
  return write_scored_records(earlier, rules,
                              [&](std::string_view id) { return !std::binary_search(now.begin(), now.end(), support::learner_key(id)); });
}

}  // namespace waymark::risk_check
