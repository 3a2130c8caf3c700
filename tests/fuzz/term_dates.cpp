// libFuzzer target: the term-dates file (--term-dates: CSV, JSON or NDJSON with start and end
// columns) on any bytes. The first byte picks the date order (ISO, day first, month first), the
// rest is the file. A calendar it accepts must hold together: terms in order, none ending before
// it starts or overlapping the next, and the nearest school day to a date (on_or_before,
// on_or_after) a school day on the right side of it; otherwise the run aborts.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

#include "refusals.hpp"
#include "waymark/term_dates.hpp"

namespace {

[[noreturn]] void wrong(const char* what) {
  std::fprintf(stderr, "wrong calendar: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string path = "/tmp/waymark-fuzz-term-dates-" + std::to_string(::getpid());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  }
  constexpr waymark::DateOrder orders[] = {waymark::DateOrder::iso, waymark::DateOrder::dmy, waymark::DateOrder::mdy};
  waymark::fuzz::expect_success_or_refusal([&] {
    const auto calendar = waymark::TermDates::load(path, orders[data[0] % 3]);
    const auto& terms = calendar.terms();
    if (terms.empty()) wrong("a calendar of no terms was accepted");
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (!terms[i].start.ok() || !terms[i].end.ok()) wrong("a term's date is not a real date");
      if (terms[i].end < terms[i].start) wrong("a term ends before it starts");
      if (i > 0 && terms[i].start <= terms[i - 1].end) wrong("terms overlap or are out of order");
    }
    // Each term's bounds and the days around them.
    for (const auto& term : terms) {
      for (const auto day : {term.start, term.end}) {
        for (int offset : {-3, -1, 0, 1, 3}) {
          const std::chrono::year_month_day date{std::chrono::sys_days{day} + std::chrono::days{offset}};
          if (const auto before = calendar.on_or_before(date)) {
            if (*before > date || !calendar.is_school_day(*before)) wrong("on_or_before is not a school day on or before the date");
          }
          if (const auto after = calendar.on_or_after(date)) {
            if (*after < date || !calendar.is_school_day(*after)) wrong("on_or_after is not a school day on or after the date");
          }
        }
      }
    }
  });
  return 0;
}
