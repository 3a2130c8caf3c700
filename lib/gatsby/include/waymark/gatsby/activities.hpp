// The careers log (man 5 waymark-records, ACTIVITY RECORD), read one row at a time into the
// per-pupil Progress; nothing of a row is kept once it is counted.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "waymark/fields.hpp"
#include "waymark/gatsby/progress.hpp"
#include "waymark/gatsby/pupils.hpp"
#include "waymark/records.hpp"

namespace waymark::gatsby {

struct LogOptions {
  InputOptions input;
  DateOrder dates = DateOrder::iso;
  std::chrono::year_month_day as_of;
  bool verbose = false;
};

// What the log held beyond what the criteria count, for the summary.
struct LogCounts {
  long activities = 0;
  long unknown_pupil = 0;       // rows whose pupil_id is not in the pupils file (not counted)
  long outside_years = 0;       // rows dated outside the pupil's Years 7 to 13 (not counted)
  long meaningful_unknown = 0;  // rows of a kind some rule wants meaningful, with an empty meaningful cell
  // Planned activities: dated after as_of, for pupils in the pupils file; counted toward nothing.
  std::array<long, kind_count> planned{};
  long planned_total() const;
  std::optional<int> first_academic_year;  // of the earliest activity
};

// Reads the whole log into `progress`. Rows for unknown pupils are reported through `warn` (the
// first few with their line; the id only with verbose) and counted; rows dated after as_of are
// planned activities, counted apart and toward no criterion. Throws Error(data) for an unknown
// kind or provider type or a bad date.
LogCounts read_activities(const LogOptions& options, const Roll& roll, Progress& progress,
                          const std::function<void(const std::string&)>& warn);

}  // namespace waymark::gatsby
