#include "waymark/learners_chosen.hpp"

#include "waymark/errors.hpp"
#include "waymark/today.hpp"

namespace waymark {

void LearnersChosen::add_option(Tool& tool, const std::string& whose, const std::string& missing) {
  tool.app()
      .add_option(
          "--id", ids_,
          "Only these learners' " + whose + ", e.g. --id T001,T007, without warnings about the others\n(" + missing + " is an error)")
      ->delimiter(',')
      ->allow_extra_args(false);
}

const std::set<std::string, std::less<>>& LearnersChosen::chosen() const {
  if (!chosen_made_) {
    chosen_.insert(ids_.begin(), ids_.end());
    chosen_made_ = true;
  }
  return chosen_;
}

bool LearnersChosen::wanted(std::string_view id) const { return everyone() || chosen().contains(id); }

bool LearnersChosen::take(std::string_view id) const {
  if (everyone()) return true;
  if (!chosen().contains(id)) return false;
  found_.emplace(id);
  return true;
}

void LearnersChosen::check_found(const std::string& source, const std::string& problem, const std::string& expected) const {
  for (const auto& id : chosen())
    if (!found_.contains(id)) throw Error(ErrorKind::bad_data, source + ": --id " + printable(id) + ": " + problem + " (" + expected + ")");
}

std::chrono::year_month_day option_date(const std::string& option, const std::string& text, DateOrder order) {
  try {
    if (const auto date = parse_date(text, order)) return *date;
  } catch (const FieldError& e) {
    throw Error(ErrorKind::usage, option + ": " + e.what() + " (" + e.expected() + ")");
  }
  throw Error(ErrorKind::usage, option + ": the date is empty (an ISO 8601 date such as 2026-07-15)");
}

std::chrono::year_month_day option_date_or_today(const std::string& option, const std::string& text, DateOrder order) {
  return text.empty() ? today() : option_date(option, text, order);
}

}  // namespace waymark
