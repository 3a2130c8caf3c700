#include "waymark/fields.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/compile.h>
#include <fmt/format.h>

#include "waymark/errors.hpp"
#include "waymark/numbers.hpp"

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
  const auto [end, error] = parse_double(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    // A finite number followed by more text points at the text; nan, inf or nothing at all, at the start.
    const bool stopped_early = error == std::errc{} && std::isfinite(value) && end != text.data() + text.size();
    const auto index = stopped_early ? static_cast<std::size_t>(end - text.data()) : 0;
    throw FieldError("not a number: unexpected text" + at_character(index), expected);
  }
  return value;
}

constexpr std::array<double, 16> powers_of_ten{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

// A decimal of at most 15 digits with an optional point or comma (84.2, 88,5, 100), read exactly:
// the digits as an integer are exact in a double, so are the powers of ten up to 10^15, and one
// division rounds correctly, which is what from_chars gives. Nullopt for anything else.
std::optional<double> short_decimal(std::string_view text) {
  const auto point =
      static_cast<std::size_t>(std::find_if(text.begin(), text.end(), [](char c) { return c == '.' || c == ','; }) - text.begin());
  const auto whole = text.substr(0, point);
  const auto fraction = point == text.size() ? std::string_view{} : text.substr(point + 1);
  if (whole.empty() || (point != text.size() && fraction.empty()) || whole.size() + fraction.size() > 15) return std::nullopt;
  const auto integer = detail::digits_value(whole);
  const auto decimals = fraction.empty() ? std::optional<std::uint64_t>(0) : detail::digits_value(fraction);
  if (!integer || !decimals) return std::nullopt;
  const double scale = powers_of_ten[fraction.size()];
  return (static_cast<double>(*integer) * scale + static_cast<double>(*decimals)) / scale;
}

}  // namespace

std::optional<DateOrder> parse_date_order(std::string_view name) {
  if (name == "iso") return DateOrder::iso;
  if (name == "dmy") return DateOrder::dmy;
  if (name == "mdy") return DateOrder::mdy;
  return std::nullopt;
}

namespace {

// A word parse_bool reads, without its error.
bool bool_word(std::string_view text) {
  try {
    return parse_bool(text).has_value();
  } catch (const FieldError&) {
    return false;
  }
}

}  // namespace

namespace detail {

void not_a_bool() { throw FieldError("not a yes/no value", "true/false, yes/no, y/n, sì/no, s/n, t/f or 1/0, or empty if unknown"); }

long count_of(std::string_view text) {
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) throw FieldError("number too large", "a whole number of 0 or more");
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
    // The causes seen in schools' files, named: a yes/no column where a count is read, and a
    // count a spreadsheet formatted with decimal places (3.0).
    if (bool_word(text))
      throw FieldError("not a count: a yes/no value",
                       "the number of times, a whole number of 0 or more: this column counts, it is not a yes/no flag");
    if (error == std::errc{} && value >= 0 && (*end == '.' || *end == ',') && end + 1 != text.data() + text.size() &&
        std::all_of(end + 1, text.data() + text.size(), [](char c) { return c == '0'; }))
      throw FieldError("not a count: a whole number written with decimal places",
                       "a whole number of 0 or more: format the column with no decimal places");
    const auto index = error == std::errc{} && value >= 0 ? static_cast<std::size_t>(end - text.data()) : 0;
    throw FieldError("not a count: unexpected text" + at_character(index), "a whole number of 0 or more");
  }
  return value;
}

}  // namespace detail

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  return whole_number(text, "a number such as 12 or 84.5");
}

std::optional<double> parse_percent(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.back() == '%') text = trim(text.substr(0, text.size() - 1));
  const auto exact = short_decimal(text);
  const double value = exact ? *exact : whole_number(text, "a percentage from 0 to 100");
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

struct DateParts {
  int year, month, day;
};

// Exactly 2026-09-07, the usual case, read at once; anything else is read piece by piece, to say
// where it fails.
std::optional<DateParts> plain_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = detail::digits_value(text.substr(0, 4)), month = detail::digits_value(text.substr(5, 2)),
             day = detail::digits_value(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  return DateParts{static_cast<int>(*year), static_cast<int>(*month), static_cast<int>(*day)};
}

void expect_separator(std::string_view text, std::size_t& pos, std::string_view allowed, const char* expected) {
  if (pos >= text.size() || allowed.find(text[pos]) == std::string_view::npos)
    throw FieldError("not a date: expected a separator" + at_character(pos), expected);
  ++pos;
}

// A date from its parts, or the error naming the part out of range.
std::chrono::year_month_day checked_date(int year, int month, int day, std::size_t month_at, std::size_t day_at) {
  if (month < 1 || month > 12)
    throw FieldError("not a date: month out of range" + at_character(month_at), "a real date such as 2026-09-07");
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) throw FieldError("not a date: day out of range for the month" + at_character(day_at), "a real date such as 2026-09-07");
  return date;
}

}  // namespace

namespace {

// The length of `text` without a time of day after the date ("2026-09-07T08:30", "07/09/2026
// 00:00:00"), as spreadsheets write dates; the whole length if there is none.
std::size_t without_time(std::string_view text) {
  const auto cut = text.find_first_of(" T");
  if (cut == std::string_view::npos || cut < 8) return text.size();
  auto time = trim(text.substr(cut + 1));
  // hh:mm, hh:mm:ss, with fractions of a second or a Z
  std::size_t pos = 0, parts = 0;
  while (parts < 3) {
    const auto start = pos;
    while (pos < time.size() && time[pos] >= '0' && time[pos] <= '9') ++pos;
    if (pos == start || pos - start > 2) return text.size();
    ++parts;
    if (pos < time.size() && time[pos] == ':')
      ++pos;
    else
      break;
  }
  if (parts < 2) return text.size();
  if (pos < time.size() && time[pos] == '.') {
    ++pos;
    while (pos < time.size() && time[pos] >= '0' && time[pos] <= '9') ++pos;
  }
  if (pos < time.size() && time[pos] == 'Z') ++pos;
  return pos == time.size() ? cut : text.size();
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view text, DateOrder order) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (const auto parts = plain_iso_date(text)) return checked_date(parts->year, parts->month, parts->day, 5, 8);
  text = text.substr(0, without_time(text));
  if (const auto parts = plain_iso_date(text)) return checked_date(parts->year, parts->month, parts->day, 5, 8);
  const char* expected = order == DateOrder::iso ? "an ISO 8601 date such as 2026-09-07; --date-format dmy reads 07/09/2026"
                         : order == DateOrder::mdy
                             ? "a date such as 2026-09-07 or 09/07/2026 (month first, as --date-format mdy says)"
                             : "a date such as 2026-09-07 or 07/09/2026 (day first; --date-format mdy reads month first)";
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  std::size_t month_at = 0, day_at = 0;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  // A number where a date goes: a spreadsheet keeps dates as day counts (45,908 is 7 September
  // 2025) and a cell that lost its date format is saved as one.
  if (const auto digits = static_cast<std::size_t>(std::find_if_not(text.begin(), text.end(), is_digit) - text.begin());
      digits == 5 && (digits == text.size() || text[digits] == '.')) {
    throw FieldError("not a date: a number, as a spreadsheet keeps a date whose cell is not formatted as one",
                     "a date such as 2026-09-07: format the column as a date in the spreadsheet before saving");
  }
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
    const bool day_first = order == DateOrder::dmy;
    (day_first ? day_at : month_at) = pos;
    (day_first ? day : month) = read_digits(text, pos, 1, 2, expected);
    expect_separator(text, pos, "/.-", expected);
    (day_first ? month_at : day_at) = pos;
    (day_first ? month : day) = read_digits(text, pos, 1, 2, expected);
    expect_separator(text, pos, "/.-", expected);
    const auto year_at = pos;
    year = read_digits(text, pos, 2, 4, expected);
    // 23/05/11: the century is not guessed.
    if (pos - year_at == 2 && pos == text.size())
      throw FieldError("not a date: a two-digit year" + at_character(year_at),
                       "a four-digit year, such as 23/05/2011: format the column as a date with a four-digit year");
    if (pos - year_at != 4) throw FieldError("not a date: expected a digit" + at_character(pos), expected);
    if (pos == text.size() && month > 12 && day >= 1 && day <= 12 &&
        std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(day)},
                                    std::chrono::day{static_cast<unsigned>(month)}}
            .ok()) {
      // 05/23/2011 is no day-first date but a month-first one (23/05/2011 the other way round).
      throw FieldError("not a date: month out of range" + at_character(month_at),
                       day_first ? "a day-first date; this one is a real date month first: if the file's dates are month first (as US "
                                   "software writes them), give --date-format mdy"
                                 : "a month-first date; this one is a real date day first: if the file's dates are day first (as UK "
                                   "software writes them), give --date-format dmy");
    }
  }
  if (pos != text.size()) throw FieldError("not a date: unexpected text" + at_character(pos), expected);
  return checked_date(year, month, day, month_at, day_at);
}

namespace {

constexpr const char* codice_fiscale_expected =
    "a codice fiscale: 16 letters and digits (6 letters, 2 digits, a month letter, 2 digits, a letter, 3 digits, a check letter) "
    "or the 11-digit provisional code; if this column is not the codice fiscale, name its heading with --columns";

// Where omocodia allows, a digit may be written as one of these letters (L is 0, ..., V is 9).
constexpr std::string_view omocodia_letters = "LMNPQRSTUV";

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void check_codice_fiscale(std::string_view text) {
  text = trim(text);
  if (text.empty()) return;
  if (text.size() == 11 && std::all_of(text.begin(), text.end(), is_digit)) {
    // The provisional numeric code: the check digit of the partita IVA (DM 23 dicembre 1976, as amended).
    int sum = 0;
    for (std::size_t i = 0; i < 10; ++i) {
      int digit = text[i] - '0';
      if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if ((10 - sum % 10) % 10 != text[10] - '0')
      throw FieldError("not a codice fiscale: the check digit does not match", codice_fiscale_expected);
    return;
  }
  if (text.size() != 16) throw FieldError(fmt::format("not a codice fiscale: {} characters", text.size()), codice_fiscale_expected);
  std::array<char, 16> code{};
  std::transform(text.begin(), text.end(), code.begin(), upper);
  // Each position: L a letter, D a digit (or its omocodia letter), M a month letter.
  constexpr std::string_view shape = "LLLLLLDDMDDLDDDL";
  constexpr std::string_view months = "ABCDEHLMPRST";
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = code[i];
    const bool fits = shape[i] == 'L'   ? is_letter(c)
                      : shape[i] == 'M' ? months.find(c) != std::string_view::npos
                                        : is_digit(c) || omocodia_letters.find(c) != std::string_view::npos;
    if (!fits) {
      const char* wanted = shape[i] == 'L' ? "a letter" : shape[i] == 'M' ? "a month letter (A B C D E H L M P R S T)" : "a digit";
      throw FieldError(fmt::format("not a codice fiscale: {} expected at character {}", wanted, i + 1), codice_fiscale_expected);
    }
  }
  // The check letter: characters in odd places (1st, 3rd, ...) by the decree's table, those in
  // even places by their value (0-9, A-Z as 0-25), the sum modulo 26 as a letter.
  constexpr std::array<int, 26> odd{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (std::size_t i = 0; i < 15; ++i) {
    const int value = is_digit(code[i]) ? code[i] - '0' : code[i] - 'A';
    sum += i % 2 == 0 ? odd[static_cast<std::size_t>(value)] : value;
  }
  if (code[15] != static_cast<char>('A' + sum % 26))
    throw FieldError("not a codice fiscale: the check letter does not match", codice_fiscale_expected);
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
  // The format compiled, not parsed at each call: a workbook's date cells are each written here.
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}"), static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

namespace {

// `value` as append_number writes it, into `out` (24 bytes are enough), when it has at most
// `decimals` places and is below 2^40 once scaled (84.2, 3, 0.25): then its digits are an
// integer's, and no rounding is involved. The scaling errs by under 2^-13, so an integer within
// 10^-3 of the scaled value is the exact one. Returns the end of what it wrote, or nullptr.
char* few_places(double value, int decimals, char* out) {
  if (decimals < 0 || decimals >= static_cast<int>(powers_of_ten.size())) return nullptr;
  const double scaled = value * powers_of_ten[static_cast<std::size_t>(decimals)];
  const double nearest = std::round(scaled);
  if (!(std::fabs(scaled) < 0x1p40) || std::fabs(scaled - nearest) >= 1e-3) return nullptr;
  const auto integer = static_cast<long long>(nearest);
  if (integer == 0) {  // never "-0"
    *out = '0';
    return out + 1;
  }
  auto magnitude = static_cast<unsigned long long>(integer < 0 ? -integer : integer);
  auto places = static_cast<std::size_t>(decimals);
  for (; places > 0 && magnitude % 10 == 0; --places) magnitude /= 10;  // no trailing zeros
  const fmt::format_int digits(magnitude);
  const std::string_view all(digits.data(), digits.size());
  if (integer < 0) *out++ = '-';
  if (places == 0) return std::copy(all.begin(), all.end(), out);
  const std::size_t whole = all.size() > places ? all.size() - places : 0;
  if (whole == 0) *out++ = '0';  // 0.25
  out = std::copy(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(whole), out);
  *out++ = '.';
  out = std::fill_n(out, places - (all.size() - whole), '0');
  return std::copy(all.begin() + static_cast<std::ptrdiff_t>(whole), all.end(), out);
}

}  // namespace

void append_number(std::string& out, double value, int decimals) {
  std::array<char, 64> digits{};  // room for any percentage or count; fmt takes the rest (beyond 10^60)
  if (char* end = few_places(value, decimals, digits.data())) {
    out.append(digits.data(), end);
    return;
  }
  const auto written = format_fixed(digits.data(), digits.data() + digits.size(), value, decimals);
  std::string text = written.ec == std::errc{} ? std::string(digits.data(), written.ptr) : fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";  // a tiny negative rounds to zero, which has no sign
  out += text;
}

std::string format_number(double value, int decimals) {
  std::string text;
  append_number(text, value, decimals);
  return text;
}

}  // namespace waymark
