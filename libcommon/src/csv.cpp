#include "waymark/csv.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "swar.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark {

namespace {

// Collapses doubled quotes in place; returns the new end.
char* unescape_quotes(char* begin, char* end) {
  char* out = begin;
  for (char* p = begin; p < end; ++p) {
    *out++ = *p;
    if (*p == '"') ++p;  // skip the second quote of the pair
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path: sixteen ASCII bytes at a time.
    if (i + 16 <= n && swar::is_ascii16(text.data() + i)) {
      i += 16;
      continue;
    }
    // Fewer than sixteen bytes left after ASCII ones: the last sixteen, overlapping, may be ASCII too.
    if (i + 16 > n && n >= 16 && swar::is_ascii16(text.data() + n - 16)) return true;
    const unsigned char c = s[i];
    std::size_t len;
    std::uint32_t min;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
    else { if (bad_offset) *bad_offset = i; return false; }
    if (i + len > n) { if (bad_offset) *bad_offset = i; return false; }
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) { if (bad_offset) *bad_offset = i; return false; }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points beyond Unicode are not UTF-8.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

CsvReader::CsvReader(std::unique_ptr<ChunkedInput> input, const InputOptions& options)
    : input_(std::move(input)), delimiter_(options.delimiter) {
  cursor_ = input_->begin();  // open_records has read the first chunk and skipped any BOM
  if (delimiter_ == 0) delimiter_ = find_delimiter();
  std::vector<std::string_view> header;
  long line = 0;
  if (!read_fields(header, line)) {
    throw data_error({input_->name(), 1, {}}, "the file is empty", "a header row naming the columns");
  }
  columns_.assign(header.begin(), header.end());
  understand_headings(options);
}

char CsvReader::find_delimiter() {
  // The whole header row must be in the window: read on until its line ends.
  const auto header_end = [&]() -> const char* {
    bool quoted = false;
    for (const char* p = cursor_; p < input_->end(); ++p) {
      if (*p == '"') quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r')) return p;
    }
    return nullptr;
  };
  while (!header_end() && input_->refill(cursor_)) cursor_ = input_->begin();
  cursor_ = input_->begin();
  const char* const end = header_end() ? header_end() : input_->end();
  constexpr std::array<char, 4> candidates{',', ';', '\t', '|'};
  std::array<std::size_t, 4> counts{};
  bool quoted = false;
  for (const char* p = cursor_; p < end; ++p) {
    if (*p == '"') quoted = !quoted;
    if (quoted) continue;
    for (std::size_t k = 0; k < candidates.size(); ++k) counts[k] += *p == candidates[k];
  }
  // The most frequent wins; a header of one column, or a tie, keeps the comma of RFC 4180.
  std::size_t best = 0;
  for (std::size_t k = 1; k < candidates.size(); ++k)
    if (counts[k] > counts[best]) best = k;
  return candidates[best];
}

bool CsvReader::scan_plain_record(char* from, char*& record_end) {
  char* field = from;
  char* const end = input_->end();
  for (char* p = from; end - p >= 16; p += 16) {
    const std::uint32_t stops = swar::match16(p, '\n', '\r', '"', '"');  // three stops; the quote fills the fourth slot
    // The delimiters before the first stop end fields; a stop ends the record or this scan.
    std::uint32_t delimiters = swar::match16(p, delimiter_) & ((stops & -stops) - 1);
    for (; delimiters; delimiters &= delimiters - 1) {
      char* const at = p + std::countr_zero(delimiters);
      fields_.emplace_back(field, static_cast<std::size_t>(at - field));
      field = at + 1;
    }
    if (stops) {
      char* const at = p + std::countr_zero(stops);
      // A line ends at '\n' or at "\r\n" (as spreadsheets save); a quote or a lone '\r' is not plain.
      const bool crlf = *at == '\r' && at + 1 < end && at[1] == '\n';
      if (*at != '\n' && !crlf) return false;
      fields_.emplace_back(field, static_cast<std::size_t>(at - field));
      record_end = at + (crlf ? 2 : 1);
      return true;
    }
  }
  return false;  // the record may run past the buffer
}

CsvReader::Scan CsvReader::scan_record(char* from, char*& record_end, long& lines_spanned) {
  fields_.clear();
  doubled_.clear();
  if (scan_plain_record(from, record_end)) {
    lines_spanned = 1;
    return Scan::complete;
  }
  fields_.clear();  // the general scan starts the record again
  lines_spanned = 0;
  char* p = from;
  char* const end = input_->end();
  const bool eof = input_->at_eof();

  // After a field: a delimiter starts the next one, a line break or the end of input ends the record.
  auto after_field = [&](char*& q) -> int {  // 1 next field, 0 record done, -1 need more
    if (q == end) return eof ? 0 : -1;
    if (*q == delimiter_) { ++q; return 1; }
    if (*q == '\n') { ++q; ++lines_spanned; return 0; }
    if (*q == '\r') {
      if (q + 1 == end && !eof) return -1;
      q += (q + 1 < end && q[1] == '\n') ? 2 : 1;
      ++lines_spanned;
      return 0;
    }
    return 2;  // anything else after a closing quote
  };

  for (;;) {
    if (p == end) {
      if (!eof) return Scan::need_more;
      if (p != from) fields_.emplace_back(p, 0);  // "a,b," ends with an empty field
      record_end = p;
      return Scan::complete;
    }
    if (*p == '"') {
      char* q = p + 1;
      bool doubled = false;
      for (;;) {
        auto* quote = static_cast<char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
        if (!quote) {
          if (!eof) return Scan::need_more;
          const std::size_t column = fields_.size();
          throw data_error({input_->name(), next_line_, column < columns_.size() ? columns_[column] : std::string{}},
                           "a quoted field is never closed", "a closing '\"' before the end of the file");
        }
        lines_spanned += std::count(q, quote, '\n');
        if (quote + 1 == end && !eof) return Scan::need_more;
        if (quote + 1 < end && quote[1] == '"') {
          doubled = true;
          q = quote + 2;
          continue;
        }
        if (doubled) doubled_.push_back({fields_.size(), p + 1, quote});
        fields_.emplace_back(p + 1, static_cast<std::size_t>(quote - (p + 1)));
        p = quote + 1;
        break;
      }
      const int next = after_field(p);
      if (next < 0) return Scan::need_more;
      if (next == 2) {
        const std::size_t column = fields_.size() - 1;
        throw data_error({input_->name(), next_line_ + lines_spanned, column < columns_.size() ? columns_[column] : std::string{}},
                         "text follows the closing quote of a field", "a delimiter or the end of the line after '\"'");
      }
      if (next == 0) { record_end = p; return Scan::complete; }
      continue;
    }
    // An unquoted field ends at the delimiter or a line break ('\n' twice: first_of takes four).
    char* q = p + (swar::first_of(p, end, delimiter_, '\n', '\r', '\n') - p);
    if (q == end && !eof) return Scan::need_more;
    fields_.emplace_back(p, static_cast<std::size_t>(q - p));
    const int next = after_field(q);
    if (next < 0) return Scan::need_more;
    p = q;
    if (next == 0) { record_end = p; return Scan::complete; }
  }
}

bool CsvReader::read_fields(std::vector<std::string_view>& fields, long& line) {
  for (;;) {
    char* record_end = nullptr;
    long lines_spanned = 0;
    char* const start = cursor_;
    if (scan_record(start, record_end, lines_spanned) == Scan::need_more) {
      input_->refill(cursor_);
      cursor_ = input_->begin();
      continue;
    }
    if (fields_.empty()) return false;  // end of input
    line = next_line_;
    next_line_ += lines_spanned;
    cursor_ = record_end;
    input_->consume_to(cursor_);
    // A blank line is not a record (a line holding "" is: one empty, quoted value).
    if (fields_.size() == 1 && fields_[0].data() == start && fields_[0].empty()) continue;
    for (const auto& quoted : doubled_)
      fields_[quoted.index] = {quoted.begin, static_cast<std::size_t>(unescape_quotes(quoted.begin, quoted.end) - quoted.begin)};
    fields.swap(fields_);  // the caller's old vector becomes the next scan's, keeping its capacity
    check_utf8(fields, line);
    return true;
  }
}

void CsvReader::check_utf8(const std::vector<std::string_view>& fields, long line) const {
  // One pass over the whole record (almost always valid); the fields are searched only on failure.
  if (!fields.empty() && is_valid_utf8({fields.front().data(), static_cast<std::size_t>(fields.back().data() + fields.back().size() - fields.front().data())})) return;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::size_t bad = 0;
    if (!is_valid_utf8(fields[i], &bad)) {
      throw data_error({input_->name(), line, i < columns_.size() ? columns_[i] : std::string{}},
                       "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the value",
                       "UTF-8 text: save the file as 'CSV UTF-8', or name its encoding, e.g. --encoding windows-1252");
    }
  }
}

bool CsvReader::read_row(Record& record) {
  if (!read_fields(record.values, record.line)) return false;
  // Cells right of the table, under headings left empty, must be empty too.
  if (record.values.size() == written_width() && written_width() > columns_.size()) {
    for (std::size_t i = columns_.size(); i < record.values.size(); ++i) {
      if (!trim(record.values[i]).empty()) {
        throw data_error({input_->name(), record.line, {}}, "a value in column " + std::to_string(i + 1) + ", which has no heading",
                         "a heading over every column that holds values");
      }
    }
    record.values.resize(columns_.size());
  }
  if (record.values.size() != columns_.size()) {
    throw data_error({input_->name(), record.line, {}},
                     "this row has " + std::to_string(record.values.size()) + " fields, the header has " +
                         std::to_string(columns_.size()),
                     "every row as many fields as the header");
  }
  return true;
}

}  // namespace waymark
