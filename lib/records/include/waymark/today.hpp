// The moment a run counts as now: the clock, or SOURCE_DATE_EPOCH when it is set (the
// reproducible-builds convention), so that a test or a rerun sees the same day.
#pragma once

#include <chrono>

namespace waymark {

std::chrono::sys_seconds now_or_source_date();
// The day of now_or_source_date() (UTC).
std::chrono::year_month_day today();

}  // namespace waymark
