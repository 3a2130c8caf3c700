// What several tools do the same way on their command line, written once: --id (only some
// learners' output) and a date given as an option's value (--as-of, --since, --start), today by
// default (SOURCE_DATE_EPOCH when it is set).
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/cli.hpp"
#include "waymark/fields.hpp"

namespace waymark {

// --id: only these learners' output, without warnings about the others. A learner asked for who
// is not in the input is an error, never an empty result.
class LearnersChosen {
 public:
  // Adds --id to `tool`: "Only these learners' WHOSE, e.g. --id T001,T007, ... (MISSING is an error)".
  void add_option(Tool& tool, const std::string& whose, const std::string& missing);
  // No --id: every learner.
  bool everyone() const { return ids_.empty(); }
  // Whether this learner's output is wanted; it counts as found (for check_found).
  bool take(std::string_view id) const;
  // Whether this learner's output is wanted, without counting them as found.
  bool wanted(std::string_view id) const;
  // Throws Error(bad_data) "SOURCE: --id ID: PROBLEM (EXPECTED)" for the first id asked for (in
  // sorted order) that was not taken.
  void check_found(const std::string& source, const std::string& problem, const std::string& expected) const;

 private:
  const std::set<std::string, std::less<>>& chosen() const;
  std::vector<std::string> ids_;  // as given, once the command line is parsed
  mutable std::set<std::string, std::less<>> chosen_;
  mutable bool chosen_made_ = false;
  mutable std::set<std::string, std::less<>> found_;  // taken: what a run has met, not an option
};

// The date an option gives, as `order` reads it: a bad or blank one is a usage error naming the
// option ("--as-of: ...").
std::chrono::year_month_day option_date(const std::string& option, const std::string& text, DateOrder order);
// The same, or today (SOURCE_DATE_EPOCH when it is set) when the option was not given.
std::chrono::year_month_day option_date_or_today(const std::string& option, const std::string& text, DateOrder order);

}  // namespace waymark
