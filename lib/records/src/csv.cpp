#include "waymark/csv.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "header_row.hpp"
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
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    if (i + len > n) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
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
  // The header row's line ending, from what the first chunk holds of it.
  bool in_quotes = false;
  for (const char* p = cursor_; p < input_->end(); ++p) {
    if (*p == '"') in_quotes = !in_quotes;
    if (in_quotes || (*p != '\n' && *p != '\r')) continue;
    crlf_ = *p == '\r' && p + 1 < input_->end() && p[1] == '\n';
    break;
  }
  // The first rows are held, as text, until the header row among them is known (a title or a
  // print date may be above it); those below it are then read as records.
  HeaderSearch search;
  std::vector<std::string_view> fields;
  long line = 0;
  try {
    while (read_fields(fields, line)) {
      pending_.push_back({line, std::vector<std::string>(fields.begin(), fields.end())});
      if (search.offer(line, filled_cells(fields), fields.size())) break;
    }
  } catch (const Error& e) {
    // A bad row below a possible header is reported when the records reach it.
    if (e.kind() != ErrorKind::bad_data || pending_.empty()) throw;
    deferred_ = e;
  }
  const auto header = search.header();
  if (!header) throw data_error({input_->name(), 1, {}}, "the file is empty", "a header row naming the columns");
  search.note_passed_over(input_->name(), options.warn);
  columns_ = std::move(pending_[*header].values);
  header_line_ = pending_[*header].line;
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(*header) + 1);
  understand_headings(options);
}

char CsvReader::find_delimiter() {
  // The first line that holds a candidate decides: a title or a print date above the table, as
  // reports write them, holds none. The lines looked at must be in the window: read on until
  // each ends, looking at each byte once.
  constexpr std::array<char, 4> candidates{',', ';', '\t', '|'};
  std::size_t line_start = 0;
  for (std::size_t looked = 0; looked < 2 * HeaderSearch::window; ++looked) {
    std::size_t scanned = line_start;
    bool in_quotes = false;
    std::size_t line_end = std::string_view::npos;
    std::array<std::size_t, 4> counts{};
    for (;;) {
      const char* const begin = input_->begin();
      for (const char* p = begin + scanned; p < input_->end(); ++p) {
        if (*p == '"') in_quotes = !in_quotes;
        if (in_quotes) continue;
        if (*p == '\n' || *p == '\r') {
          line_end = static_cast<std::size_t>(p - begin);
          break;
        }
        for (std::size_t k = 0; k < candidates.size(); ++k) counts[k] += *p == candidates[k];
      }
      if (line_end != std::string_view::npos) break;
      scanned = static_cast<std::size_t>(input_->end() - input_->begin());
      if (!input_->refill(input_->begin())) break;
    }
    cursor_ = input_->begin();
    // The most frequent wins; a tie keeps the comma of RFC 4180.
    std::size_t best = 0;
    for (std::size_t k = 1; k < candidates.size(); ++k)
      if (counts[k] > counts[best]) best = k;
    if (counts[best] > 0) return candidates[best];
    if (line_end == std::string_view::npos) break;
    line_start = line_end + 1;
  }
  return ',';  // a table of one column
}

CsvReader::Scan CsvReader::scan_record(char* const record, char*& record_end) {
  char* const end = input_->end();
  const bool eof = input_->at_eof();
  char* p = record + scan_.position;
  // The buffer may move when it is refilled, so the scan keeps its place as offsets from the record's start.
  const auto offset = [&](const char* at) { return static_cast<std::size_t>(at - record); };
  const auto need_more = [&](const char* at) {
    scan_.position = offset(at);
    return Scan::need_more;
  };
  const auto add_field = [&](char* field_end) {
    if (scan_.doubled) doubled_.push_back(fields_.size());
    fields_.emplace_back(record + scan_.field_begin, offset(field_end) - scan_.field_begin);
  };
  // A line ends at '\n', "\r\n" or a lone '\r'; a '\r' last in the buffer waits for the next byte.
  const auto line_end = [&](char* at) -> char* {
    if (*at == '\n') return at + 1;
    if (at + 1 == end) return eof ? end : nullptr;
    return at + (at[1] == '\n' ? 2 : 1);
  };
  for (;;) {
    switch (scan_.state) {
      case ScanState::field_start:
        scan_.field_begin = offset(p);
        scan_.doubled = false;
        if (p == end) {
          if (!eof) return need_more(p);
          if (p != record) add_field(p);  // "a,b," ends with an empty field
          record_end = p;
          return Scan::complete;
        }
        if (*p == '"') {
          scan_.state = ScanState::quoted;
          scan_.field_begin = offset(++p);
          continue;
        }
        scan_.state = ScanState::unquoted;
        [[fallthrough]];
      case ScanState::unquoted: {
        // An unquoted field ends at the delimiter or a line break ('\n' twice: first_of takes four).
        char* stop = p + (swar::first_of(p, end, delimiter_, '\n', '\r', '\n') - p);
        // Unquoted fields usually follow one another: each is taken here, without the switch.
        while (stop != end && *stop == delimiter_ && stop + 1 != end && stop[1] != '"') {
          add_field(stop);
          p = stop + 1;
          scan_.field_begin = offset(p);
          stop = p + (swar::first_of(p, end, delimiter_, '\n', '\r', '\n') - p);
        }
        if (stop == end) {
          if (!eof) return need_more(stop);
          add_field(stop);
          record_end = stop;
          return Scan::complete;
        }
        if (*stop == delimiter_) {
          add_field(stop);
          p = stop + 1;
          scan_.state = ScanState::field_start;
          continue;
        }
        char* const next = line_end(stop);
        if (!next) return need_more(stop);
        add_field(stop);
        ++scan_.lines;
        record_end = next;
        return Scan::complete;
      }
      case ScanState::quoted: {
        auto* quote = static_cast<char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (!quote) {
          if (eof) {
            const std::size_t column = fields_.size();
            throw data_error({input_->name(), next_line_, column < columns_.size() ? columns_[column] : std::string{}},
                             "a quoted field is never closed", "a closing '\"' before the end of the file");
          }
          scan_.lines += std::count(p, end, '\n');
          return need_more(end);
        }
        scan_.lines += std::count(p, quote, '\n');
        if (quote + 1 == end && !eof) return need_more(quote);  // a doubled quote, or the closing one?
        if (quote + 1 < end && quote[1] == '"') {
          scan_.doubled = true;
          p = quote + 2;
          continue;
        }
        add_field(quote);
        p = quote + 1;
        scan_.state = ScanState::after_quote;
        [[fallthrough]];
      }
      case ScanState::after_quote: {
        // After a closing quote: a delimiter, a line break or the end of the input.
        if (p == end) {
          if (!eof) return need_more(p);
          record_end = p;
          return Scan::complete;
        }
        if (*p == delimiter_) {
          ++p;
          scan_.state = ScanState::field_start;
          continue;
        }
        if (*p == '\n' || *p == '\r') {
          char* const next = line_end(p);
          if (!next) return need_more(p);
          ++scan_.lines;
          record_end = next;
          return Scan::complete;
        }
        const std::size_t column = fields_.size() - 1;
        throw data_error({input_->name(), next_line_ + scan_.lines, column < columns_.size() ? columns_[column] : std::string{}},
                         "text follows the closing quote of a field", "a delimiter or the end of the line after '\"'");
      }
    }
  }
}

bool CsvReader::read_fields(std::vector<std::string_view>& fields, long& line) {
  for (;;) {
    char* const start = cursor_;
    char* record_end = nullptr;
    if (scan_record(start, record_end) == Scan::need_more) {
      // The fields found so far move with the record to the start of the refilled buffer.
      const char* const old_start = cursor_;
      std::vector<std::pair<std::size_t, std::size_t>> placed;
      for (const auto field : fields_) placed.emplace_back(static_cast<std::size_t>(field.data() - old_start), field.size());
      input_->refill(cursor_);
      cursor_ = input_->begin();
      for (std::size_t i = 0; i < placed.size(); ++i) fields_[i] = {cursor_ + placed[i].first, placed[i].second};
      continue;
    }
    const long lines = scan_.lines;
    scan_ = {};
    if (fields_.empty()) return false;  // end of input
    line = next_line_;
    next_line_ += lines;
    cursor_ = record_end;
    input_->consume_to(cursor_);
    for (const auto i : doubled_) {
      char* const begin = start + (fields_[i].data() - start);
      fields_[i] = {begin, static_cast<std::size_t>(unescape_quotes(begin, begin + fields_[i].size()) - begin)};
    }
    doubled_.clear();
    fields.swap(fields_);  // the caller's old vector becomes the next scan's, keeping its capacity
    fields_.clear();
    // A blank line is not a record (a line holding "" is: one empty, quoted value).
    if (fields.size() == 1 && fields[0].data() == start && fields[0].empty()) continue;
    check_utf8(fields, line);
    return true;
  }
}

void CsvReader::check_utf8(const std::vector<std::string_view>& fields, long line) const {
  // One pass over the whole record (almost always valid); the fields are searched only on failure.
  if (!fields.empty() &&
      is_valid_utf8({fields.front().data(), static_cast<std::size_t>(fields.back().data() + fields.back().size() - fields.front().data())}))
    return;
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
  if (!pending_.empty()) [[unlikely]] {
    // A row read while the header row was looked for: its text is held until the next call.
    current_ = std::move(pending_.front());
    pending_.pop_front();
    record.values.assign(current_.values.begin(), current_.values.end());
    record.line = current_.line;
  } else if (deferred_) [[unlikely]] {
    const Error error = *deferred_;
    deferred_.reset();
    throw error;
  } else if (!read_fields(record.values, record.line)) {
    return false;
  }
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
                     "this row has " + std::to_string(record.values.size()) + " fields, the header has " + std::to_string(columns_.size()),
                     record.values.size() > columns_.size() && delimiter_ == ','
                         ? "every row as many fields as the header; a decimal comma (97,4) splits a value in a comma-separated "
                           "file: quote such values, or save the file with ';'"
                         : "every row as many fields as the header");
  }
  return true;
}

}  // namespace waymark
