#include "waymark/error_budget.hpp"

#include <fmt/format.h>

namespace waymark {

ErrorBudget::ErrorBudget(std::size_t limit, MessageSink report) : limit_(limit), report_(std::move(report)) {}

void ErrorBudget::report(const Error& e) {
  if (latest_) report_(latest_->what());
  latest_ = e;
  if (++count_ == limit_) end(fmt::format("stopped after {} bad values (--max-errors {})", count_, limit_));
}

void ErrorBudget::finish() {
  if (count_ > 0) end(fmt::format("{} bad values (above)", count_));
}

void ErrorBudget::end(const std::string& how_many) {
  // One bad value ends the run with its own message, as a run that stops at the first always has.
  if (count_ == 1) throw *latest_;
  report_(latest_->what());
  throw Error(ErrorKind::bad_data, how_many);
}

}  // namespace waymark
