// What the modes with a support log share: the log and its day, and a learner's support.
#include "waymark/risk/support.hpp"

#include <algorithm>

#include "waymark/catalogue.hpp"
#include "waymark/errors.hpp"
#include "waymark/today.hpp"

namespace waymark::risk {

namespace {

support::Day day_option(const char* option, const std::string& text, DateOrder order) {
  try {
    if (const auto date = parse_date(text, order)) return support::day_of(*date);
  } catch (const FieldError& e) {
    throw Error(ErrorKind::usage, std::string(option) + ": " + e.what() + " (" + e.expected() + ")");
  }
  throw Error(ErrorKind::usage, std::string(option) + " is empty (a day, such as 2027-03-26)");
}

}  // namespace

support::Day as_of_day(const Options& options) {
  if (options.as_of.empty()) return support::day_of(today());
  return day_option("--as-of", options.as_of, options.common.date_order());
}

support::Day since_day(const Options& options) {
  if (options.since_date.empty()) return std::numeric_limits<support::Day>::min();
  return day_option("--since-date", options.since_date, options.common.date_order());
}

std::optional<SupportContext> read_support(const Options& options) {
  if (options.support_path.empty()) return std::nullopt;
  if (options.support_path == "-" && options.common.input == "-")
    throw Error(ErrorKind::usage, "--support and the input cannot both be standard input");
  const auto& catalogue = Catalogue::builtin();
  const auto names =
      options.support_names_path.empty() ? support::ActionNames{} : support::ActionNames::load(options.support_names_path, catalogue);
  support::LogOptions log_options;
  log_options.input = options.common.input_options();
  log_options.input.path = options.support_path;
  log_options.input.format.reset();  // the log may come in another format than the learners
  log_options.dates = options.common.date_order();
  log_options.verbose = options.common.verbose;
  log_options.max_errors = options.common.max_errors;
  log_options.report_error = options.common.report_error;
  return SupportContext{support::SupportLog::read(log_options, catalogue, names), as_of_day(options)};
}

void learner_support(SupportContext& support, std::string_view id, LearnerSupport& out) {
  out.active.clear();
  out.received.clear();
  const auto add = [&](std::vector<std::string_view>& list, std::string_view label) {
    if (std::find(list.begin(), list.end(), label) == list.end()) list.push_back(label);
  };
  for (const auto& piece : support.log.of(id)) {
    if (support::SupportLog::active_on(piece, support.as_of)) add(out.active, support.log.label(piece.action));
    if (support::SupportLog::given_between(piece, std::numeric_limits<support::Day>::min(), support.as_of))
      add(out.received, support.log.label(piece.action));
  }
  std::sort(out.active.begin(), out.active.end());
  std::sort(out.received.begin(), out.received.end());
}

}  // namespace waymark::risk
