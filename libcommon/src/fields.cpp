#include "waymark/fields.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "waymark/errors.hpp"

namespace waymark {

namespace {

std::string at_character(std::size_t index) { return " at character " + std::to_string(index + 1); }

// Parses all of `text` as a number; throws naming the first character that is not part of it.
// A decimal comma (88,5 from European spreadsheets) is read as a decimal point.
double whole_number(std::string_view text, const char* expected) {
  std::array<char, 64> copy{};
  if (const auto comma = text.find(','); comma != std::string_view::npos && text.size() < copy.size() &&
                                         text.find('.') == std::string_view::npos && text.find(',', comma + 1) == std::string_view::npos) {
    text.copy(copy.data(), text.size());
    copy[comma] = '.';
    text = std::string_view(copy.data(), text.size());
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    // A finite number followed by more text points at the text; nan, inf or nothing at all, at the start.
    const bool stopped_early = error == std::errc{} && std::isfinite(value) && end != text.data() + text.size();
    const auto index = stopped_early ? static_cast<std::size_t>(end - text.data()) : 0;
    throw FieldError("not a number: unexpected text" + at_character(index), expected);
  }
  return value;
}

}  // namespace

std::optional<DateOrder> parse_date_order(std::string_view name) {
  if (name == "iso") return DateOrder::iso;
  if (name == "dmy") return DateOrder::dmy;
  return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Each accepted word has its own length, so one comparison decides (the words are letters, so
  // setting bit 0x20 folds case exactly).
  const auto is = [&](std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i)
      if ((text[i] | 0x20) != word[i]) return false;
    return true;
  };
  switch (text.size()) {
    case 1:
      if (text[0] == '1' || (text[0] | 0x20) == 'y') return true;
      if (text[0] == '0' || (text[0] | 0x20) == 'n') return false;
      break;
    case 2: if (is("no")) return false; break;
    case 3: if (is("yes")) return true; break;
    case 4: if (is("true")) return true; break;
    case 5: if (is("false")) return false; break;
    default: break;
  }
  throw FieldError("not a yes/no value", "true/false, yes/no, y/n or 1/0, or empty if unknown");
}

std::optional<long> parse_count(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) throw FieldError("number too large", "a whole number of 0 or more");
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
    const auto index = error == std::errc{} && value >= 0 ? static_cast<std::size_t>(end - text.data()) : 0;
    throw FieldError("not a count: unexpected text" + at_character(index), "a whole number of 0 or more");
  }
  return value;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  return whole_number(text, "a number such as 12 or 84.5");
}

std::optional<double> parse_percent(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.back() == '%') text = trim(text.substr(0, text.size() - 1));
  const double value = whole_number(text, "a percentage from 0 to 100");
  if (value < 0 || value > 100) throw FieldError("percentage out of range", "a percentage from 0 to 100");
  return value;
}

namespace {

// Reads 1..max_digits digits at text[pos]; throws naming the position otherwise.
int read_digits(std::string_view text, std::size_t& pos, std::size_t min_digits, std::size_t max_digits, const char* expected) {
  int value = 0;
  std::size_t n = 0;
  while (pos < text.size() && n < max_digits && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++n;
  }
  if (n < min_digits) throw FieldError("not a date: expected a digit" + at_character(pos), expected);
  return value;
}

void expect_separator(std::string_view text, std::size_t& pos, std::string_view allowed, const char* expected) {
  if (pos >= text.size() || allowed.find(text[pos]) == std::string_view::npos)
    throw FieldError("not a date: expected a separator" + at_character(pos), expected);
  ++pos;
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view text, DateOrder order) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  const char* expected = order == DateOrder::iso ? "an ISO 8601 date such as 2026-09-07; --date-format dmy reads 07/09/2026"
                                                 : "a date such as 2026-09-07 or 07/09/2026";
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  std::size_t month_at = 0, day_at = 0;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool iso_shape = text.size() >= 5 && std::all_of(text.begin(), text.begin() + 4, is_digit) && text[4] == '-';
  if (order == DateOrder::iso || iso_shape) {
    year = read_digits(text, pos, 4, 4, expected);
    expect_separator(text, pos, "-", expected);
    month_at = pos;
    month = read_digits(text, pos, 2, 2, expected);
    expect_separator(text, pos, "-", expected);
    day_at = pos;
    day = read_digits(text, pos, 2, 2, expected);
  } else {
    day_at = pos;
    day = read_digits(text, pos, 1, 2, expected);
    expect_separator(text, pos, "/.-", expected);
    month_at = pos;
    month = read_digits(text, pos, 1, 2, expected);
    expect_separator(text, pos, "/.-", expected);
    year = read_digits(text, pos, 4, 4, expected);
  }
  if (pos != text.size()) throw FieldError("not a date: unexpected text" + at_character(pos), expected);
  if (month < 1 || month > 12) throw FieldError("not a date: month out of range" + at_character(month_at), "a real date such as 2026-09-07");
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) throw FieldError("not a date: day out of range for the month" + at_character(day_at), "a real date such as 2026-09-07");
  return date;
}

std::vector<std::string_view> split_list(std::string_view text, char separator) {
  std::vector<std::string_view> items;
  split_list(text, items, separator);
  return items;
}

void split_list(std::string_view text, std::vector<std::string_view>& items, char separator) {
  items.clear();
  while (!text.empty()) {
    const auto cut = text.find(separator);
    const auto item = trim(text.substr(0, cut));
    if (!item.empty()) items.push_back(item);
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 1);
  }
}

std::string format_date(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string format_number(double value, int decimals) {
  std::array<char, 64> digits{};  // room for any percentage or count; fmt takes the rest (beyond 10^60)
  const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value, std::chars_format::fixed, decimals);
  std::string text = written.ec == std::errc{} ? std::string(digits.data(), written.ptr) : fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";  // a tiny negative rounds to zero, which has no sign
  return text;
}

}  // namespace waymark
