#include "waymark/numbers.hpp"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace waymark {

namespace {

const char* end_of_digits(const char* p, const char* last) {
  while (p != last && *p >= '0' && *p <= '9') ++p;
  return p;
}

bool starts_with_word(const char* p, const char* last, std::string_view word) {
  if (static_cast<std::size_t>(last - p) < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if ((p[i] | 0x20) != word[i]) return false;
  return true;
}

// Where from_chars would stop reading: [-] then inf, infinity, nan, nan(chars), or digits with an
// optional point and an exponent taken only when digits follow it; nullptr when nothing matches.
const char* end_of_number(const char* first, const char* last) {
  const char* p = first != last && *first == '-' ? first + 1 : first;
  if (starts_with_word(p, last, "infinity")) return p + 8;
  if (starts_with_word(p, last, "inf")) return p + 3;
  if (starts_with_word(p, last, "nan")) {
    const char* end = p + 3;
    if (end != last && *end == '(') {
      const char* q = end + 1;
      while (q != last && (std::isalnum(static_cast<unsigned char>(*q)) || *q == '_')) ++q;
      if (q != last && *q == ')') return q + 1;
    }
    return end;
  }
  const char* q = end_of_digits(p, last);
  bool any_digit = q != p;
  if (q != last && *q == '.') {
    const char* fraction = end_of_digits(q + 1, last);
    any_digit = any_digit || fraction != q + 1;
    q = fraction;
  }
  if (!any_digit) return nullptr;
  if (q != last && (*q == 'e' || *q == 'E')) {
    const char* exponent = q + 1;
    if (exponent != last && (*exponent == '+' || *exponent == '-')) ++exponent;
    const char* exponent_end = end_of_digits(exponent, last);
    if (exponent_end != exponent) q = exponent_end;
  }
  return q;
}

}  // namespace

std::from_chars_result portable::parse_double(const char* first, const char* last, double& value) {
  const char* end = end_of_number(first, last);
  if (!end) return {first, std::errc::invalid_argument};
  const std::string digits(first, end);  // strtod needs the end marked, and reads no further
  errno = 0;
  const double parsed = std::strtod(digits.c_str(), nullptr);
  if (errno == ERANGE) return {end, std::errc::result_out_of_range};  // value unchanged, as from_chars leaves it
  value = parsed;
  return {end, std::errc{}};
}

namespace {

// `value` through printf's conversion `spec` (%.*f or %.*g) at `precision`, as to_chars writes it.
std::to_chars_result format_printf(char* first, char* last, const char* spec, double value, int precision) {
  const auto room = static_cast<std::size_t>(last - first);
  std::string text(static_cast<std::size_t>(std::snprintf(nullptr, 0, spec, precision, value)), '\0');
  std::snprintf(text.data(), text.size() + 1, spec, precision, value);
  if (text.size() > room) return {last, std::errc::value_too_large};
  std::memcpy(first, text.data(), text.size());
  return {first + text.size(), std::errc{}};
}

}  // namespace

std::to_chars_result portable::format_fixed(char* first, char* last, double value, int decimals) {
  return format_printf(first, last, "%.*f", value, decimals);
}

std::to_chars_result portable::format_general(char* first, char* last, double value, int digits) {
  return format_printf(first, last, "%.*g", value, digits);
}

}  // namespace waymark
