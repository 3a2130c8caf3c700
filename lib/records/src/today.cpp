#include "waymark/today.hpp"

#include <cerrno>
#include <cstdlib>

namespace waymark {

std::optional<std::chrono::sys_seconds> source_date_epoch() {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch == nullptr || *epoch == '\0') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long seconds = std::strtoll(epoch, &end, 10);
  if (*end != '\0' || seconds < 0 || errno != 0) return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

std::chrono::sys_seconds now_or_source_date() {
  if (const auto epoch = source_date_epoch()) return *epoch;
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::chrono::year_month_day today() { return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now_or_source_date())}; }

}  // namespace waymark
