// Typed values from record text, with the conventions of docs/conventions.md: an empty value is unknown
// (nullopt), never false or zero; anything that is not empty and does not parse is an error.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

// How dates are written: ISO 8601 always; `dmy` (the default) also accepts UK spreadsheet dates
// (07/09/2026), `mdy` US ones (09/07/2026), `iso` nothing else. A time after the date
// ("07/09/2026 00:00:00", "2026-09-07T00:00") is allowed and left out.
enum class DateOrder { iso, dmy, mdy };
std::optional<DateOrder> parse_date_order(std::string_view name);

// Each throws FieldError naming what is wrong, where in the value, and what was expected.
// parse_bool and parse_count are inline (below): they run on most fields of every record.
std::optional<bool> parse_bool(std::string_view text);       // true/false yes/no y/n t/f 1/0, Italian sì/no s/n
std::optional<long> parse_count(std::string_view text);      // a whole number >= 0
std::optional<double> parse_number(std::string_view text);   // a decimal number
std::optional<double> parse_percent(std::string_view text);  // 0 to 100, '%' allowed
std::optional<std::chrono::year_month_day> parse_date(std::string_view text, DateOrder order = DateOrder::iso);
// Checks that `text` (trimmed, any case) has the shape of an Italian codice fiscale: 16 characters
// (6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits, where omocodia may replace
// digits by L to V, and the check letter of DM 23 dicembre 1976) or the 11-digit provisional
// code with its check digit. Throws FieldError naming what is wrong; empty is unknown, not wrong.
void check_codice_fiscale(std::string_view text);

// A ';'-separated list; items are trimmed and empty items dropped.
std::vector<std::string_view> split_list(std::string_view text, char separator = ';');
// The same into `items` (cleared first), so a caller splitting one list per record reuses its vector.
void split_list(std::string_view text, std::vector<std::string_view>& items, char separator = ';');

// Leading and trailing spaces and tabs removed. Inline: it runs on every field of every record.
inline std::string_view trim(std::string_view text) {
  // The usual case: both ends above ' '. Other bytes at or below it (space, tab, control bytes)
  // go to the loops, which remove only spaces and tabs.
  const auto above_space = [](char c) { return static_cast<unsigned char>(c) > ' '; };
  if (text.empty() || (above_space(text.front()) && above_space(text.back()))) return text;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "2026-09-07".
std::string format_date(std::chrono::year_month_day date);

// A number with at most `decimals` places and no trailing zeros: 84.2, 90, 0.5.
std::string format_number(double value, int decimals = 1);
// The same appended to `out`, for a caller building text piece by piece.
void append_number(std::string& out, double value, int decimals = 1);

namespace detail {
[[noreturn]] void not_a_bool();
long count_of(std::string_view text);  // text (trimmed): any count from_chars reads, or the error naming the character

// The value of `text` if it is 1 to 18 digits and nothing else (the usual case, read without
// from_chars); nullopt otherwise, for the caller's full parse and its error.
inline std::optional<std::uint64_t> digits_value(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    const auto digit = static_cast<unsigned>(c) - '0';
    if (digit > 9) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}
}  // namespace detail

inline std::optional<bool> parse_bool(std::string_view text) {
  text = trim(text);
  // Each accepted word has its own length, so one comparison decides (the words are letters, so
  // setting bit 0x20 folds case exactly).
  const auto is = [&](std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i)
      if ((text[i] | 0x20) != word[i]) return false;
    return true;
  };
  switch (text.size()) {
    case 0: return std::nullopt;
    case 1:
      // s: sì, as Italian registers write yes (S/N).
      if (text[0] == '1' || (text[0] | 0x20) == 'y' || (text[0] | 0x20) == 't' || (text[0] | 0x20) == 's') return true;
      if (text[0] == '0' || (text[0] | 0x20) == 'n' || (text[0] | 0x20) == 'f') return false;
      break;
    case 2:
      if (is("no")) return false;
      if (is("si")) return true;  // sì without its accent
      break;
    case 3:
      if (is("yes")) return true;
      // sì, Sì, SÌ: s then UTF-8 C3 AC (ì) or C3 8C (Ì).
      if ((text[0] | 0x20) == 's' && static_cast<unsigned char>(text[1]) == 0xC3 && (static_cast<unsigned char>(text[2]) | 0x20) == 0xAC)
        return true;
      break;
    case 4:
      if (is("true")) return true;
      break;
    case 5:
      if (is("false")) return false;
      break;
    default: break;
  }
  detail::not_a_bool();
}

inline std::optional<long> parse_count(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (const auto digits = detail::digits_value(text)) return static_cast<long>(*digits);
  return detail::count_of(text);
}

}  // namespace waymark
