// Each pupil against each per-pupil criterion, as of a date: whether the criterion is assessed
// yet, whether it is met, and the gaps (a deadline that passed unmet, or one due this year).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "waymark/gatsby/framework.hpp"
#include "waymark/gatsby/progress.hpp"
#include "waymark/gatsby/pupils.hpp"

namespace waymark::gatsby {

enum class GapStatus { overdue, due };
std::string_view to_string(GapStatus status);

struct Gap {
  const Pupil* pupil;
  const Criterion* criterion;
  std::chrono::year_month_day due_by;
  GapStatus status;
};

// assessed: the criterion counts toward the school's share for this pupil (its deadline, or a
// completed year, falls within what the log covers, up to the current academic year).
struct Outcome {
  bool assessed = false;
  bool met = false;
};

class Evaluator {
 public:
  // `log_from`: the first academic year the log covers; earlier deadlines cannot be judged.
  Evaluator(const Progress& progress, std::chrono::year_month_day as_of, int log_from);

  // Reports each gap through `on_gap` (overdue: the deadline passed; due: it ends this academic year).
  Outcome evaluate(const Pupil& pupil, std::uint32_t index, const Criterion& criterion,
                   const std::function<void(const Gap&)>& on_gap) const;

  int current_year() const { return current_year_; }

 private:
  Outcome each_year(const Pupil& pupil, std::uint32_t index, const Criterion& criterion,
                    const std::function<void(const Gap&)>& on_gap) const;
  Outcome by_deadline(const Pupil& pupil, bool met, const Criterion& criterion, const std::function<void(const Gap&)>& on_gap) const;
  Outcome destinations(const Pupil& pupil, const Criterion& criterion, const std::function<void(const Gap&)>& on_gap) const;

  const Progress& progress_;
  std::chrono::sys_days as_of_;
  int current_year_;
  int log_from_;
};

}  // namespace waymark::gatsby
