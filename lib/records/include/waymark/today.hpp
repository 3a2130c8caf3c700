// The moment a run counts as now: the clock, or SOURCE_DATE_EPOCH when it is set (the
// reproducible-builds convention), so that a test or a rerun sees the same day.
#pragma once

#include <chrono>
#include <optional>

namespace waymark {

// SOURCE_DATE_EPOCH (reproducible-builds.org): when set to whole seconds since 1970, the time every
// date embedded in an output (a PDF's creation and modification dates, a calendar's DTSTAMP) is
// taken from, so two runs on the same input give the same bytes. Nullopt when unset or not a number.
std::optional<std::chrono::sys_seconds> source_date_epoch();

std::chrono::sys_seconds now_or_source_date();
// The day of now_or_source_date() (UTC).
std::chrono::year_month_day today();

}  // namespace waymark
