// Typed values from record text, with the conventions of DESIGN.md: an empty value is unknown
// (nullopt), never false or zero; anything that is not empty and does not parse is an error.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// How dates are written: ISO 8601 always; `dmy` also accepts UK spreadsheet dates (07/09/2026).
enum class DateOrder { iso, dmy };
std::optional<DateOrder> parse_date_order(std::string_view name);

// Each throws FieldError naming what is wrong, where in the value, and what was expected.
std::optional<bool> parse_bool(std::string_view text);             // true/false yes/no y/n 1/0
std::optional<long> parse_count(std::string_view text);            // a whole number >= 0
std::optional<double> parse_number(std::string_view text);         // a decimal number
std::optional<double> parse_percent(std::string_view text);        // 0 to 100, '%' allowed
std::optional<std::chrono::year_month_day> parse_date(std::string_view text, DateOrder order = DateOrder::iso);

// A ';'-separated list; items are trimmed and empty items dropped.
std::vector<std::string_view> split_list(std::string_view text, char separator = ';');
// The same into `items` (cleared first), so a caller splitting one list per record reuses its vector.
void split_list(std::string_view text, std::vector<std::string_view>& items, char separator = ';');

// Leading and trailing spaces and tabs removed. Inline: it runs on every field of every record.
inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "2026-09-07".
std::string format_date(std::chrono::year_month_day date);

// A number with at most `decimals` places and no trailing zeros: 84.2, 90, 0.5.
std::string format_number(double value, int decimals = 1);

}  // namespace waymark
