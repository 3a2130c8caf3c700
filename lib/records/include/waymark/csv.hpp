// A streaming CSV reader (RFC 4180 plus what spreadsheets export: BOM, CRLF, other delimiters).
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/input.hpp"
#include "waymark/records.hpp"

namespace waymark {

// Reads a header row (rows above it, such as a title, passed over: HeaderSearch), then one record at a time. Quoted fields may hold the
// delimiter, doubled quotes and line breaks. Every record must have as many fields as the header. Text must be UTF-8 (ChunkedInput converts
// other encodings). The delimiter, unless `options.delimiter` names it, is the one of ',' ';' tab '|' that the first line holding any of
// them holds most often outside quotes.
class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ChunkedInput> input, const InputOptions& options);

  const std::string& source_name() const override { return input_->name(); }
  RecordFormat format() const override { return RecordFormat::csv; }
  char delimiter() const override { return delimiter_; }
  bool crlf() const override { return crlf_; }

 protected:
  bool read_row(Record& record) override;

 private:
  // The delimiter the header row (at the start of the buffer) uses most.
  char find_delimiter();
  enum class Scan { complete, need_more };
  // Splits the record starting at `record` into fields_, going on from where the last call stopped
  // for want of input: after a refill only the new bytes are read, so a long field costs linear
  // time. Sets `record_end` when complete.
  Scan scan_record(char* record, char*& record_end);
  bool read_fields(std::vector<std::string_view>& fields, long& line);
  void check_utf8(const std::vector<std::string_view>& fields, long line) const;

  std::unique_ptr<ChunkedInput> input_;
  // Rows read while the header row was looked for, below it: served first, as records.
  struct HeldRow {
    long line = 0;
    std::vector<std::string> values;
  };
  std::deque<HeldRow> pending_;
  HeldRow current_;
  std::optional<Error> deferred_;  // a bad row met while looking for the header row, thrown when reached
  char delimiter_;
  bool crlf_ = false;
  char* cursor_ = nullptr;
  long next_line_ = 1;
  // The record being scanned: views into the buffer (moved with it when it is refilled), and the
  // quoted fields holding doubled quotes, which read_fields collapses in place.
  std::vector<std::string_view> fields_;
  std::vector<std::size_t> doubled_;
  enum class ScanState { field_start, unquoted, quoted, after_quote };
  struct {
    ScanState state = ScanState::field_start;
    std::size_t position = 0;     // where the scan goes on, from the record's start
    std::size_t field_begin = 0;  // the field being scanned (after its opening quote)
    bool doubled = false;         // it holds a doubled quote
    long lines = 0;               // line breaks passed, inside quoted fields and at the end
  } scan_;
};

// True if `text` is valid UTF-8; `bad_offset` gets the first bad byte's offset otherwise.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace waymark
