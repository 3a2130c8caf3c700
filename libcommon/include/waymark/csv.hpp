// A streaming CSV reader (RFC 4180 plus what spreadsheets export: BOM, CRLF, other delimiters).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/input.hpp"
#include "waymark/records.hpp"

namespace waymark {

// Reads a header row, then one record at a time. Quoted fields may hold the delimiter, doubled
// quotes and line breaks. Every record must have as many fields as the header. Text must be UTF-8
// (ChunkedInput converts other encodings). The delimiter, unless `options.delimiter` names it, is
// the one of ',' ';' tab '|' that the header row holds most often outside quotes.
class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ChunkedInput> input, const InputOptions& options);

  const std::string& source_name() const override { return input_->name(); }
  RecordFormat format() const override { return RecordFormat::csv; }
  char delimiter() const override { return delimiter_; }

 protected:
  bool read_row(Record& record) override;

 private:
  // The delimiter the header row (at the start of the buffer) uses most.
  char find_delimiter();
  enum class Scan { complete, need_more };
  // Splits the record starting at `from` into fields_.
  Scan scan_record(char* from, char*& record_end, long& lines_spanned);
  // The common case, sixteen bytes at a time: a record of unquoted fields ending in '\n' or "\r\n"
  // within the buffer. False (and scan_record takes over) at a quote, a lone carriage return or
  // the buffer's end.
  bool scan_plain_record(char* from, char*& record_end);
  bool read_fields(std::vector<std::string_view>& fields, long& line);
  void check_utf8(const std::vector<std::string_view>& fields, long line) const;

  std::unique_ptr<ChunkedInput> input_;
  char delimiter_;
  char* cursor_ = nullptr;
  long next_line_ = 1;
  // The record being scanned: views into the buffer, and the quoted fields holding doubled
  // quotes, which read_row collapses in place.
  std::vector<std::string_view> fields_;
  struct DoubledQuotes {
    std::size_t index;
    char* begin;
    char* end;
  };
  std::vector<DoubledQuotes> doubled_;
};

// True if `text` is valid UTF-8; `bad_offset` gets the first bad byte's offset otherwise.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace waymark
