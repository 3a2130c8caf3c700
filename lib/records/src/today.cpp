#include "waymark/today.hpp"

#include <cstdlib>

namespace waymark {

std::chrono::sys_seconds now_or_source_date() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end == '\0' && seconds >= 0) return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::chrono::year_month_day today() {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now_or_source_date())};
}

}  // namespace waymark
