#include "workbook.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <expat.h>
#include <fmt/format.h>
#include <span>
#include <zip.h>

#include "header_row.hpp"
#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "waymark/numbers.hpp"

namespace waymark {

namespace {

using Limits = WorkbookLimits;

enum class Kind { xlsx, ods };

// The first entry of an OpenDocument package is its media type, stored uncompressed (ODF 1.2
// part 3, 3.3), so an .ods is known from its first bytes even when the rest is damaged.
bool starts_as_ods(std::string_view bytes) {
  constexpr std::string_view media_type = "application/vnd.oasis.opendocument.spreadsheet";
  return bytes.size() >= 38 + media_type.size() && bytes.compare(30, 8, "mimetype") == 0 &&
         bytes.compare(38, media_type.size(), media_type) == 0;
}

class Archive;

// One part of the archive, inflated a chunk at a time; counts what it inflates so that a zip
// bomb is refused as it starts to go off, not once it has filled memory.
class PartStream {
 public:
  PartStream(zip_file_t* file, std::uint64_t stored, std::string path, const Archive& archive)
      : file_(file), stored_(std::max<std::uint64_t>(stored, 1)), path_(std::move(path)), archive_(archive) {}
  ~PartStream() { zip_fclose(file_); }
  PartStream(const PartStream&) = delete;
  PartStream& operator=(const PartStream&) = delete;

  // Reads up to `size` bytes into `data`; 0 at the end of the part.
  std::size_t read(char* data, std::size_t size);
  const std::string& path() const { return path_; }

 private:
  zip_file_t* file_;
  std::uint64_t stored_;
  std::uint64_t inflated_ = 0;
  std::string path_;
  const Archive& archive_;
};

// A workbook's zip archive, held as its (compressed) bytes; parts are streamed out of it.
class Archive {
 public:
  Archive(WholeInput bytes, const std::string& name) : bytes_(std::move(bytes)), name_(name) {
    kind_ = starts_as_ods(bytes_.bytes()) ? Kind::ods : Kind::xlsx;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.bytes().data(), bytes_.bytes().size(), 0, &error);
    if (source) archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (!archive_) {
      if (source) zip_source_free(source);
      throw Error(ErrorKind::bad_data,
                  name_ + ": not a readable " + word() + " (its zip archive is damaged); save it again from " + program() + ", or as CSV");
    }
    // An archive without Excel's workbook part but with OpenDocument's content is an .ods whose
    // media type entry is missing or not first.
    if (!has("xl/workbook.xml") && has("content.xml")) kind_ = Kind::ods;
  }
  ~Archive() {
    if (archive_) zip_discard(archive_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  Kind kind() const { return kind_; }
  const std::string& name() const { return name_; }
  bool has(const std::string& path) const { return zip_name_locate(archive_, path.c_str(), 0) >= 0; }

  // The part at `path` (such as "xl/workbook.xml") as a stream, or nullptr if the archive has none.
  std::unique_ptr<PartStream> open(const std::string& path) const {
    const zip_int64_t index = zip_name_locate(archive_, path.c_str(), 0);
    if (index < 0) return nullptr;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) damaged(path);
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) encrypted();
    if ((stat.valid & ZIP_STAT_COMP_SIZE) == 0) damaged(path);
    // What the archive says a part inflates to is checked here; what it really inflates to, as it is read.
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > Limits::largest_part) too_large(path);
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (!file) damaged(path);
    return std::make_unique<PartStream>(file, stat.comp_size, path, *this);
  }

  // The whole of a small part (the media type), or "" if there is none.
  std::string small_part(const std::string& path, std::size_t largest) const {
    auto part = open(path);
    if (!part) return {};
    std::string text(largest + 1, '\0');
    std::size_t got = 0, n = 0;
    while (got < text.size() && (n = part->read(text.data() + got, text.size() - got)) > 0) got += n;
    if (got > largest) damaged(path);
    text.resize(got);
    return text;
  }

  [[noreturn]] void damaged(const std::string& path) const {
    throw Error(ErrorKind::bad_data, name_ + ": not a readable " + word() + " (" + path + " is missing or damaged); save it again from " +
                                         program() + ", or as CSV");
  }
  [[noreturn]] void encrypted() const {
    throw Error(ErrorKind::bad_data, name_ + ": the workbook is protected by a password; save an unprotected copy, or save it as CSV");
  }
  [[noreturn]] void bomb(const std::string& path) const {
    throw data_error({name_, 0, {}},
                     fmt::format("{} inflates to more than {} times its stored size, as a zip bomb does, not a spreadsheet", path,
                                 Limits::largest_ratio),
                     "a workbook as a spreadsheet program saves it; if this one is, save the sheet as CSV and read that");
  }
  [[noreturn]] void too_large(const std::string& path) const {
    throw data_error({name_, 0, {}}, fmt::format("{} inflates to more than {} GB", path, Limits::largest_part >> 30),
                     "a sheet of at most 1,048,576 rows; save a very large sheet as CSV");
  }

 private:
  std::string word() const { return kind_ == Kind::ods ? ".ods spreadsheet" : ".xlsx workbook"; }
  std::string program() const { return kind_ == Kind::ods ? "LibreOffice" : "Excel"; }

  WholeInput bytes_;  // zip_source_buffer_create reads from here while the archive is open
  std::string name_;
  Kind kind_ = Kind::xlsx;
  zip_t* archive_ = nullptr;
};

std::size_t PartStream::read(char* data, std::size_t size) {
  const zip_int64_t got = zip_fread(file_, data, size);
  if (got < 0) archive_.damaged(path_);
  inflated_ += static_cast<std::uint64_t>(got);
  if (inflated_ > Limits::largest_part) archive_.too_large(path_);
  if (inflated_ > Limits::ratio_checked_from && inflated_ / stored_ > Limits::largest_ratio) archive_.bomb(path_);
  return static_cast<std::size_t>(got);
}

// The name of an element or attribute without its namespace prefix: "table:table-cell" ->
// "table-cell", so that a part whose writer chose other prefixes (x:row) reads the same.
std::string_view local_name(const char* name) {
  const char* local = name;
  const char* p = name;
  for (; *p; ++p) {
    if (*p == ':') local = p + 1;
  }
  return std::string_view(local, static_cast<std::size_t>(p - local));
}

// The value of the attribute named `name` (without prefix), or nullptr.
const char* attribute(const char** attributes, std::string_view name) {
  for (; *attributes; attributes += 2) {
    if (local_name(attributes[0]) == name) return attributes[1];
  }
  return nullptr;
}

std::string_view attribute_or(const char** attributes, std::string_view name, std::string_view fallback = {}) {
  const char* value = attribute(attributes, name);
  return value ? std::string_view(value) : fallback;
}

// A whole number of at most 18 digits, or nullopt.
std::optional<std::uint64_t> whole_number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

// What a part's XML holds, told element by element (names without prefixes).
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
};

// A part parsed as a stream by expat: `pump` inflates and parses one chunk (or resumes where the
// handler paused it), so only a chunk of the part is ever in memory. A document type declaration
// is refused (no workbook has one; it is how entity expansion attacks begin).
class XmlStream {
 public:
  XmlStream(std::unique_ptr<PartStream> part, XmlHandler& handler, const Archive& archive)
      : part_(std::move(part)), handler_(handler), archive_(archive), parser_(XML_ParserCreate(nullptr)) {
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlStream::on_start, &XmlStream::on_end);
    XML_SetCharacterDataHandler(parser_, &XmlStream::on_text);
    XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::on_doctype);
  }
  ~XmlStream() { XML_ParserFree(parser_); }
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses on; false once the whole part has been parsed. Throws what a handler threw, or
  // Error(data) for XML that is not well formed.
  bool pump() {
    if (done_) return false;
    XML_Status status;
    if (suspended_) {
      suspended_ = false;
      status = XML_ResumeParser(parser_);
    } else {
      // A chunk that stays in the processor's cache while expat parses it: 64 kB read a sheet a
      // tenth faster than 256 kB.
      constexpr int chunk = 64 << 10;
      void* buffer = XML_GetBuffer(parser_, chunk);
      if (!buffer) throw std::bad_alloc();
      const std::size_t got = part_->read(static_cast<char*>(buffer), chunk);
      final_ = got == 0;
      status = XML_ParseBuffer(parser_, static_cast<int>(got), final_ ? XML_TRUE : XML_FALSE);
    }
    if (error_) std::rethrow_exception(error_);
    if (status == XML_STATUS_ERROR) archive_.damaged(part_->path());
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      return true;
    }
    done_ = final_;
    return !done_;
  }
  void parse_all() {
    while (pump()) {}
  }
  // Called by the handler: stop after this element, until the next pump (the reader has rows enough).
  void pause() { XML_StopParser(parser_, XML_TRUE); }

 private:
  void fail() {
    error_ = std::current_exception();
    XML_StopParser(parser_, XML_FALSE);
  }
  // Exceptions must not cross expat's C frames: they are caught here and thrown again by pump.
  static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* self = static_cast<XmlStream*>(data);
    if (self->error_) return;
    try {
      self->handler_.start(local_name(name), attributes);
    } catch (...) {
      self->fail();
    }
  }
  static void XMLCALL on_end(void* data, const XML_Char* name) {
    auto* self = static_cast<XmlStream*>(data);
    if (self->error_) return;
    try {
      self->handler_.end(local_name(name));
    } catch (...) {
      self->fail();
    }
  }
  static void XMLCALL on_text(void* data, const XML_Char* text, int length) {
    auto* self = static_cast<XmlStream*>(data);
    if (self->error_) return;
    try {
      self->handler_.text(std::string_view(text, static_cast<std::size_t>(length)));
    } catch (...) {
      self->fail();
    }
  }
  static void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* self = static_cast<XmlStream*>(data);
    if (self->error_) return;
    try {
      self->archive_.damaged(self->part_->path());
    } catch (...) {
      self->fail();
    }
  }

  std::unique_ptr<PartStream> part_;
  XmlHandler& handler_;
  const Archive& archive_;
  XML_Parser parser_;
  std::exception_ptr error_;
  bool suspended_ = false;
  bool final_ = false;
  bool done_ = false;
};

// Parses the whole of a part that is read up front (workbook, relationships, styles, shared
// strings); false if the archive has no such part.
bool parse_part(const Archive& archive, const std::string& path, XmlHandler& handler) {
  auto part = archive.open(path);
  if (!part) return false;
  XmlStream(std::move(part), handler, archive).parse_all();
  return true;
}

// A part that lists more (sheets, formats) than any spreadsheet writes.
[[noreturn]] void too_many(const std::string& name, const std::string& path) {
  throw data_error({name, 0, {}}, path + " lists more entries than a spreadsheet writes", "a workbook saved by a spreadsheet program");
}

// A cell's number format, as far as waymark reads it.
enum class Shown { number, date, percent };

// Whether a custom format code shows a date (d, m, y outside quoted text and [..]) or a percentage.
Shown shown_by_code(std::string_view code) {
  bool quoted = false, bracket = false, date = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (c == '\\')
      ++i;
    else if (c == '[')
      bracket = true;
    else if (c == ']')
      bracket = false;
    else if (bracket)
      continue;
    else if (c == '%')
      return Shown::percent;
    else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y')
      date = true;
  }
  return date ? Shown::date : Shown::number;
}

// Excel's built-in number formats (ECMA-376 part 1, 18.8.30): 9 and 10 are percentages, 14 to 22,
// 27 to 36 and 50 to 58 dates (45 to 47 are times of day, read as numbers).
Shown shown_by_builtin(unsigned id) {
  if (id == 9 || id == 10) return Shown::percent;
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return Shown::date;
  return Shown::number;
}

unsigned as_unsigned(const char* text) {
  const auto n = text ? whole_number(text) : std::nullopt;
  return n && *n <= 0xFFFFFFFFu ? static_cast<unsigned>(*n) : 0;
}

// Excel's cell formats (xl/styles.xml): how each cell style (a cell's s attribute) shows numbers.
class StylesHandler final : public XmlHandler {
 public:
  explicit StylesHandler(std::string name) : name_(std::move(name)) {}
  void start(std::string_view name, const char** attributes) override {
    if (name == "numFmts") {
      in_formats_ = true;
    } else if (name == "numFmt" && in_formats_) {  // not a conditional format's (dxf)
      if (custom.size() > 100000) too_many(name_, "xl/styles.xml");
      custom.emplace_back(as_unsigned(attribute(attributes, "numFmtId")), shown_by_code(attribute_or(attributes, "formatCode")));
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      ids.push_back(as_unsigned(attribute(attributes, "numFmtId")));
      if (ids.size() > 1000000) too_many(name_, "xl/styles.xml");
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs")
      in_cell_formats_ = false;
    else if (name == "numFmts")
      in_formats_ = false;
  }
  std::vector<std::pair<unsigned, Shown>> custom;
  std::vector<unsigned> ids;

 private:
  std::string name_;
  bool in_formats_ = false, in_cell_formats_ = false;
};

// A date serial number of the workbook as an ISO date; the time of day, if any, is left out.
std::string serial_date(double serial, bool from_1904) {
  using namespace std::chrono;
  const auto days = static_cast<long>(std::floor(serial));
  sys_days day;
  if (from_1904) day = sys_days{year{1904} / January / 1} + std::chrono::days{days};
  // Excel counts 1900 as a leap year (serial 60 is 29 February 1900, a day that never was).
  else if (days >= 61)
    day = sys_days{year{1899} / December / 30} + std::chrono::days{days};
  else
    day = sys_days{year{1899} / December / 31} + std::chrono::days{days};
  return format_date(year_month_day{day});
}

// A number as a person reads it in the cell: at most 15 significant digits, as Excel keeps them.
void number_text(double value, std::string& out) {
  std::array<char, 32> buffer{};  // 15 digits, a sign, a point and an exponent fit
  const auto written = format_general(buffer.data(), buffer.data() + buffer.size(), value, 15);
  out.assign(buffer.data(), written.ec == std::errc{} ? written.ptr : buffer.data());
}

// Whether `text` is a number that number_text would write back unchanged: up to 15 digits, no
// exponent, no leading or trailing zeros that printing drops. Most cells of a sheet are, and
// printing them again is the reader's largest cost after parsing.
bool written_as_shown(std::string_view text) {
  std::size_t i = text.starts_with('-') ? 1 : 0, digits = 0;
  const std::size_t whole = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (digits == 0 || (text[whole] == '0' && digits > 1)) return false;
  if (i < text.size()) {
    if (text[i] != '.' || i + 1 == text.size() || text.back() == '0') return false;
    // 0.0001 and smaller are printed with an exponent.
    if (text[whole] == '0' && text.substr(i + 1).starts_with("000")) return false;
    for (++i; i < text.size(); ++i, ++digits) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
  }
  return digits <= 15;
}

// The whole of `text` as a number, or nullopt.
std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') return std::nullopt;
  return number;
}

// "C12" -> 2 (the column, from 0); nullopt without letters.
std::optional<std::size_t> column_of_reference(std::string_view reference) {
  std::size_t column = 0, letters = 0;
  for (const char c : reference) {
    if (c >= 'A' && c <= 'Z')
      column = column * 26 + static_cast<std::size_t>(c - 'A' + 1), ++letters;
    else
      break;
  }
  if (letters == 0 || letters > 3) return std::nullopt;
  return column - 1;
}

// The largest column a spreadsheet has (Excel's XFD; LibreOffice's since 7.4).
constexpr std::size_t column_count = 16384;

// One row of the sheet as read: its cells' texts by column (cells[0, width)), and how many times
// it stands (an .ods writes identical rows once, repeated).
struct Row {
  long line = 0;
  std::uint64_t repeat = 1;
  std::size_t width = 0;
  std::size_t bytes = 0;
  std::vector<std::string> cells;
};

// What both formats' sheet handlers share: rows built here go into `rows`, a queue the reader
// takes from. The handler pauses the parser once the queue holds enough, so a sheet of any size
// costs a few rows of memory.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(std::string name, std::deque<Row>& rows, std::vector<Row>& spare) : name_(std::move(name)), rows_(rows), spare_(spare) {}
  void attach(XmlStream& stream) { stream_ = &stream; }
  // Called once the whole part has been read.
  virtual void finish() {}
  std::size_t queued_bytes = 0;

 protected:
  void begin_row(long line, std::uint64_t repeat) {
    if (!spare_.empty()) {
      row_ = std::move(spare_.back());
      spare_.pop_back();
    }
    row_.line = line;
    row_.repeat = repeat;
    row_.width = 0;
    row_.bytes = 0;
  }
  // The cell text at `column` of the row being read, to be filled by the caller.
  std::string& cell(std::size_t column) {
    if (column >= column_count) {
      throw data_error({name_, row_.line, {}}, "a value beyond the last column a spreadsheet has",
                       "a sheet saved by a spreadsheet program");
    }
    if (row_.cells.size() <= column) row_.cells.resize(column + 1);
    for (std::size_t i = row_.width; i < column; ++i) row_.cells[i].clear();
    row_.width = column + 1;
    return row_.cells[column];
  }
  void count_bytes(std::size_t size) {
    row_.bytes += size;
    if (size > Limits::largest_cell || row_.bytes > Limits::largest_row) {
      throw data_error({name_, row_.line, {}}, fmt::format("a row holding more than {} MB of text", Limits::largest_row >> 20),
                       fmt::format("cells of at most {} MB", Limits::largest_cell >> 20));
    }
  }
  void end_row() {
    queued_bytes += row_.bytes;
    rows_.push_back(std::move(row_));
    row_ = Row{};
    if (rows_.size() >= 256 || queued_bytes > (std::size_t{8} << 20)) stream_->pause();
  }

  std::string name_;
  Row row_;

 private:
  std::deque<Row>& rows_;
  std::vector<Row>& spare_;
  XmlStream* stream_ = nullptr;
};

// Appends `text` to `target` if it is being collected, within the bound of one cell.
void collect(std::string* target, std::string_view text, const std::string& name, long line) {
  if (!target) return;
  if (target->size() + text.size() > Limits::largest_cell) {
    throw data_error({name, line, {}}, fmt::format("a cell holding more than {} MB of text", Limits::largest_cell >> 20),
                     "cells of at most 1 MB");
  }
  target->append(text);
}

// --- .xlsx (ECMA-376) ---

// The shared strings of an .xlsx (xl/sharedStrings.xml), held in one block of text: cells name
// them by number. Phonetic runs (rPh) are left out.
class SharedStringsHandler final : public XmlHandler {
 public:
  explicit SharedStringsHandler(std::string name) : name_(std::move(name)) {}
  void start(std::string_view name, const char** /*attributes*/) override {
    if (name == "si")
      in_item_ = true;
    else if (name == "rPh")
      in_phonetic_ = true;
    else if (name == "t" && in_item_ && !in_phonetic_)
      in_text_ = true;
  }
  void end(std::string_view name) override {
    if (name == "t")
      in_text_ = false;
    else if (name == "rPh")
      in_phonetic_ = false;
    else if (name == "si") {
      in_item_ = false;
      if (ends.size() >= (std::size_t{16} << 20)) too_many();
      ends.push_back(static_cast<std::uint32_t>(strings.size()));
    }
  }
  void text(std::string_view data) override {
    if (!in_text_) return;
    if (strings.size() + data.size() > Limits::largest_shared_text) too_many();
    strings.append(data);
  }
  std::string strings;
  std::vector<std::uint32_t> ends;

 private:
  [[noreturn]] void too_many() const {
    throw data_error({name_, 0, {}},
                     fmt::format("the workbook's shared strings hold more than {} MB of text", Limits::largest_shared_text >> 20),
                     "a sheet of a school's size; save a very large sheet as CSV");
  }
  std::string name_;
  bool in_item_ = false, in_phonetic_ = false, in_text_ = false;
};

struct XlsxBook {
  bool from_1904 = false;
  std::vector<Shown> styles;
  std::string strings;
  std::vector<std::uint32_t> string_ends;
};

// The elements of a worksheet the reader acts on, told apart by length first: a sheet is millions
// of them, and comparing each name with every one of these was a tenth of the reading.
enum class SheetElement { other, sheet_data, row, c, v, is, t, phonetic };
SheetElement sheet_element(std::string_view name) {
  switch (name.size()) {
    case 1:
      return name[0] == 'c' ? SheetElement::c : name[0] == 'v' ? SheetElement::v : name[0] == 't' ? SheetElement::t : SheetElement::other;
    case 2: return name == "is" ? SheetElement::is : SheetElement::other;
    case 3: return name == "row" ? SheetElement::row : name == "rPh" ? SheetElement::phonetic : SheetElement::other;
    case 9: return name == "sheetData" ? SheetElement::sheet_data : SheetElement::other;
    default: return SheetElement::other;
  }
}

// What a cell's t attribute says its value is (ECMA-376 part 1, 18.18.11); a number when it has none
// (or one not listed there).
enum class CellType { number, shared_string, inline_string, formula_string, boolean, date };
CellType cell_type(std::string_view t) {
  if (t == "s") return CellType::shared_string;
  if (t == "inlineStr") return CellType::inline_string;
  if (t == "str" || t == "e") return CellType::formula_string;
  if (t == "b") return CellType::boolean;
  if (t == "d") return CellType::date;
  return CellType::number;
}

// The rows of an .xlsx worksheet: <row r="5"><c r="B5" t="s" s="3"><v>12</v></c>...</row>.
class XlsxSheetHandler final : public SheetHandler {
 public:
  XlsxSheetHandler(std::string name, std::deque<Row>& rows, std::vector<Row>& spare, const XlsxBook& book)
      : SheetHandler(std::move(name), rows, spare), book_(book) {}

  void start(std::string_view name, const char** attributes) override {
    const SheetElement element = sheet_element(name);
    if (element == SheetElement::other) return;
    if (element == SheetElement::sheet_data) {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (element == SheetElement::row) {
      // A row without its number follows the one before.
      const auto r = whole_number(attribute_or(attributes, "r"));
      last_line_ = r && *r <= 0x7FFFFFFF ? static_cast<long>(*r) : last_line_ + 1;
      begin_row(last_line_, 1);
      in_row_ = true;
      next_column_ = 0;
    } else if (!in_row_) {
      return;
    } else if (element == SheetElement::c) {
      // A cell's attributes are one letter each: told apart by that letter, as a sheet has millions.
      std::string_view reference;
      type_ = CellType::number;
      const char* style = nullptr;
      for (const char** a = attributes; *a; a += 2) {
        const std::string_view key = local_name(a[0]);
        if (key.size() != 1) continue;
        if (key[0] == 'r')
          reference = a[1];
        else if (key[0] == 't')
          type_ = cell_type(a[1]);
        else if (key[0] == 's')
          style = a[1];
      }
      const auto column = column_of_reference(reference).value_or(next_column_);
      // A cell written out of order, or far right of any table, is a damaged sheet.
      if (column < next_column_ || column >= column_count) {
        throw data_error({name_, row_.line, {}}, "the cells of this row are out of order", "a sheet saved by a spreadsheet program");
      }
      column_ = column;
      style_ = as_unsigned(style);
      value_.clear();
      inline_.clear();
      in_cell_ = true;
    } else if (!in_cell_) {
      return;
    } else if (element == SheetElement::v) {
      target_ = &value_;
    } else if (element == SheetElement::is) {
      in_inline_ = true;
    } else if (element == SheetElement::phonetic) {
      in_phonetic_ = true;
    } else if (element == SheetElement::t && in_inline_ && !in_phonetic_) {
      target_ = &inline_;
    }
  }

  void end(std::string_view name) override {
    if (!in_data_) return;
    const SheetElement element = sheet_element(name);
    if (element == SheetElement::v || element == SheetElement::t) {
      target_ = nullptr;
    } else if (element == SheetElement::phonetic) {
      in_phonetic_ = false;
    } else if (element == SheetElement::is) {
      in_inline_ = false;
    } else if (element == SheetElement::c && in_cell_) {
      in_cell_ = false;
      next_column_ = column_ + 1;
      // A cell with a style and nothing in it (a sheet formatted beyond its table has millions)
      // is as good as absent.
      if (value_.empty() && inline_.empty() && type_ != CellType::boolean && type_ != CellType::shared_string) return;
      std::string& text = cell(column_);
      cell_text(text);
      count_bytes(text.size());
    } else if (element == SheetElement::row && in_row_) {
      in_row_ = false;
      end_row();
    } else if (element == SheetElement::sheet_data) {
      in_data_ = false;
    }
  }

  void text(std::string_view data) override { collect(target_, data, name_, row_.line); }

 private:
  void cell_text(std::string& out) const {
    if (type_ == CellType::shared_string) {
      const auto index = whole_number(value_);
      if (!index || *index >= book_.string_ends.size()) {
        throw data_error({name_, row_.line, {}}, "a cell names a shared string the workbook does not have",
                         "a workbook saved by a spreadsheet program");
      }
      const auto string = static_cast<std::size_t>(*index);  // below string_ends.size(), so it fits
      const std::size_t begin = string == 0 ? 0 : book_.string_ends[string - 1];
      out.assign(book_.strings, begin, book_.string_ends[string] - begin);
      return;
    }
    if (type_ == CellType::inline_string)
      out = inline_;
    else if (type_ == CellType::formula_string)
      out = value_;
    else if (type_ == CellType::boolean)
      out = value_ == "1" ? "TRUE" : "FALSE";
    else if (type_ == CellType::date)
      out.assign(value_, 0, 10);
    else if (value_.empty())
      out.clear();
    else if (const Shown shown = style_ < book_.styles.size() ? book_.styles[style_] : Shown::number;
             shown == Shown::number && written_as_shown(value_))
      out = value_;
    else if (const auto number = parse_number(value_)) {
      if (shown == Shown::date && *number >= 0 && *number < 2958466) out = serial_date(*number, book_.from_1904);
      // A cell formatted as a percentage holds the fraction (0.875) and shows 87.5%: read what it shows.
      else if (shown == Shown::percent)
        number_text(*number * 100, out);
      else
        number_text(*number, out);
    } else {
      out = value_;
    }
  }

  const XlsxBook& book_;
  bool in_data_ = false, in_row_ = false, in_cell_ = false, in_inline_ = false, in_phonetic_ = false;
  long last_line_ = 0;
  std::size_t next_column_ = 0, column_ = 0;
  CellType type_ = CellType::number;
  unsigned style_ = 0;
  std::string value_, inline_;
  std::string* target_ = nullptr;
};

// xl/workbook.xml: the sheets (name, relationship id) and the date system.
class WorkbookHandler final : public XmlHandler {
 public:
  explicit WorkbookHandler(std::string name) : name_(std::move(name)) {}
  void start(std::string_view name, const char** attributes) override {
    if (name == "workbookPr") {
      const std::string_view value = attribute_or(attributes, "date1904");
      from_1904 = value == "1" || value == "true";
    } else if (name == "sheet") {
      if (sheets.size() >= 65536) too_many(name_, "xl/workbook.xml");
      sheets.emplace_back(attribute_or(attributes, "name"), attribute_or(attributes, "id"));
    }
  }
  void end(std::string_view) override {}
  bool from_1904 = false;
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id

 private:
  std::string name_;
};

// xl/_rels/workbook.xml.rels: where the chosen sheet's part is.
class RelationshipsHandler final : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string id) : id_(std::move(id)) {}
  void start(std::string_view name, const char** attributes) override {
    if (name == "Relationship" && attribute_or(attributes, "Id") == id_ && !target) target = attribute_or(attributes, "Target");
  }
  void end(std::string_view) override {}
  std::optional<std::string> target;

 private:
  std::string id_;
};

// --- .ods (OpenDocument 1.2/1.3, part 1, 9.1: tables) ---

// The rows of the chosen table of content.xml: <table:table table:name="..."><table:table-row
// table:number-rows-repeated="2"><table:table-cell office:value-type="percentage"
// office:value="0.875" table:number-columns-repeated="3"><text:p>87.5%</text:p>...
// The cell's type says how to read it: dates, percentages and booleans need no styles.
class OdsSheetHandler final : public SheetHandler {
 public:
  OdsSheetHandler(std::string name, std::deque<Row>& rows, std::vector<Row>& spare, const InputOptions& options)
      : SheetHandler(std::move(name), rows, spare), wanted_(options.sheet), warn_(options.warn) {}

  void start(std::string_view name, const char** attributes) override {
    ++depth_;
    if (skip_from_) return;
    if (name == "table") {
      if (in_table_ || found_) {
        // Another sheet (named for messages), or a table inside a cell: nothing of it is read.
        if (!in_table_) note_table(attribute_or(attributes, "name"));
        skip_from_ = depth_;
        return;
      }
      const std::string_view table = attribute_or(attributes, "name");
      note_table(table);
      if (!wanted_.empty() && table != wanted_) {
        skip_from_ = depth_;
        return;
      }
      found_ = in_table_ = true;
      first_name_ = table;
    } else if (!in_table_) {
      return;
    } else if (name == "table-row") {
      const auto repeat = repeat_of(attribute(attributes, "number-rows-repeated"));
      begin_row(next_line_ > 0x7FFFFFFF ? 0x7FFFFFFF : static_cast<long>(next_line_), repeat);
      row_repeat_ = repeat;
      in_row_ = true;
      next_column_ = 0;
    } else if (!in_row_) {
      return;
    } else if (name == "table-cell" || name == "covered-table-cell") {
      if (in_cell_) {  // a cell inside a cell is not a table's
        skip_from_ = depth_;
        return;
      }
      in_cell_ = true;
      cell_depth_ = depth_;
      column_repeat_ = repeat_of(attribute(attributes, "number-columns-repeated"));
      type_ = attribute_or(attributes, "value-type");
      value_ = attribute_or(attributes, "value");
      date_ = attribute_or(attributes, "date-value");
      boolean_ = attribute_or(attributes, "boolean-value");
      string_value_ = attribute_or(attributes, "string-value");
      text_.clear();
      paragraphs_ = 0;
    } else if (!in_cell_) {
      return;
    } else if (name == "p" && depth_ == cell_depth_ + 1) {
      // Paragraphs of one cell are its lines; those of a comment or a drawing inside it are not.
      if (paragraphs_++ > 0) add("\n");
      paragraph_depth_ = depth_;
    } else if (paragraph_depth_ == 0) {
      return;
    } else if (name == "s") {
      // <text:s text:c="3"/> is three spaces.
      const auto count = std::min<std::uint64_t>(whole_number(attribute_or(attributes, "c", "1")).value_or(1), Limits::largest_cell + 1);
      add(std::string(static_cast<std::size_t>(count), ' '));
    } else if (name == "tab") {
      add("\t");
    } else if (name == "line-break") {
      add("\n");
    } else if (name == "note" || name == "annotation") {
      skip_from_ = depth_;  // a footnote's text is not the cell's
    }
  }

  void end(std::string_view name) override {
    const int depth = depth_--;
    if (skip_from_) {
      if (depth == skip_from_) skip_from_ = 0;
      return;
    }
    if (!in_table_) return;
    if (paragraph_depth_ && depth == paragraph_depth_) {
      paragraph_depth_ = 0;
    } else if (in_cell_ && depth == cell_depth_) {
      in_cell_ = false;
      end_cell();
    } else if (in_row_ && name == "table-row") {
      in_row_ = false;
      // Empty rows (LibreOffice writes the rest of the sheet as one, repeated) stand for nothing.
      if (row_.width > 0) {
        if (next_line_ + row_repeat_ - 1 > max_line) {
          throw data_error({name_, row_.line, {}}, "a row beyond the last row a spreadsheet has", "a sheet saved by a spreadsheet program");
        }
        end_row();
      }
      next_line_ += row_repeat_;
    } else if (name == "table") {
      in_table_ = false;
    }
  }

  void text(std::string_view data) override {
    if (paragraph_depth_ && !skip_from_) add(data);
  }

  void finish() override {
    if (!wanted_.empty() && !found_) {
      std::string names;
      for (const auto& table : names_) names += (names.empty() ? "'" : ", '") + table + "'";
      if (names_.empty()) throw data_error({name_, 0, {}}, "the workbook has no sheets", "a workbook with a sheet of records");
      throw data_error({name_, 0, {}}, "there is no sheet '" + wanted_ + "'", "one of " + names);
    }
    if (!found_) throw data_error({name_, 0, {}}, "the workbook has no sheets", "a workbook with a sheet of records");
    // content.xml names every sheet only as it reaches it: the warning comes once all are seen.
    if (wanted_.empty() && tables_ > 1 && warn_) {
      warn_(fmt::format("{}: reading the first of {} sheets, '{}'; --sheet names another", name_, tables_, first_name_));
    }
  }

 private:
  // The last row of a sheet in Excel and in LibreOffice (1,048,576): identical rows written once
  // and repeated further than that are not a spreadsheet's.
  static constexpr std::uint64_t max_line = std::uint64_t{1} << 20;

  static std::uint64_t repeat_of(const char* text) {
    const auto n = text ? whole_number(text) : std::nullopt;
    return n && *n >= 1 ? std::min<std::uint64_t>(*n, max_line) : 1;
  }
  void note_table(std::string_view table) {
    ++tables_;
    if (names_.size() < 256) names_.emplace_back(table);
  }
  void add(std::string_view data) { collect(&text_, data, name_, row_.line); }

  void end_cell() {
    const std::string_view type = type_;
    std::string read;
    if (type == "float" || type == "currency" || type == "percentage") {
      if (const auto number = parse_number(value_))
        number_text(type == "percentage" ? *number * 100 : *number, read);
      else
        read = text_;
    } else if (type == "date") {
      read = date_.empty() ? text_ : date_.substr(0, 10);
    } else if (type == "boolean") {
      read = boolean_ == "true" || boolean_ == "1" ? "TRUE" : "FALSE";
    } else {
      read = text_.empty() ? string_value_ : text_;
    }
    // Empty cells (as far right as the sheet goes) only move the column on.
    if (read.empty()) {
      next_column_ = std::min<std::uint64_t>(next_column_ + column_repeat_, std::uint64_t{1} << 32);
      return;
    }
    for (std::uint64_t i = 0; i < column_repeat_; ++i) {
      if (next_column_ >= column_count) cell(column_count);  // refused
      cell(static_cast<std::size_t>(next_column_++)) = read;
      count_bytes(read.size());
    }
  }

  std::string wanted_;
  MessageSink warn_;
  int depth_ = 0, skip_from_ = 0, cell_depth_ = 0, paragraph_depth_ = 0;
  bool in_table_ = false, found_ = false, in_row_ = false, in_cell_ = false;
  std::size_t tables_ = 0;
  std::vector<std::string> names_;
  std::string first_name_;
  std::uint64_t next_line_ = 1, row_repeat_ = 1, next_column_ = 0, column_repeat_ = 1;
  int paragraphs_ = 0;
  std::string type_, value_, date_, boolean_, string_value_, text_;
};

// META-INF/manifest.xml: whether the package is encrypted (a password was set when saving).
class ManifestHandler final : public XmlHandler {
 public:
  void start(std::string_view name, const char**) override {
    if (name == "encryption-data") encrypted = true;
  }
  void end(std::string_view) override {}
  bool encrypted = false;
};

class WorkbookReader final : public RecordReader {
 public:
  WorkbookReader(WholeInput bytes, const std::string& name, const InputOptions& options) : name_(name), archive_(std::move(bytes), name) {
    if (archive_.kind() == Kind::ods)
      open_ods(options);
    else
      open_xlsx(options);
    handler_->attach(*stream_);
    read_header(options.warn);
    understand_headings(options);
  }

  const std::string& source_name() const override { return name_; }
  // RecordFormat::xlsx stands for any workbook (.xlsx or .ods): what matters to the tools is that
  // its records are written back as CSV.
  RecordFormat format() const override { return RecordFormat::xlsx; }

 protected:
  bool read_row(Record& record) override {
    if (!take_row()) return false;
    record.line = current_.line;
    // A row may stop before the last column (its empty cells are not written); one beyond the
    // table's headings must hold nothing.
    for (std::size_t i = columns_.size(); i < current_.width; ++i) {
      if (!trim(current_.cells[i]).empty()) {
        throw data_error({name_, record.line, {}}, "a value in column " + std::to_string(i + 1) + ", which has no heading",
                         "a heading over every column that holds values");
      }
    }
    record.values.resize(columns_.size());
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      record.values[i] = i < current_.width ? std::string_view(current_.cells[i]) : std::string_view();
    }
    record.json.clear();
    return true;
  }

 private:
  void open_xlsx(const InputOptions& options) {
    WorkbookHandler workbook(name_);
    if (!parse_part(archive_, "xl/workbook.xml", workbook)) archive_.damaged("xl/workbook.xml");
    book_.from_1904 = workbook.from_1904;
    const auto path = sheet_path(workbook.sheets, options);
    SharedStringsHandler strings(name_);
    parse_part(archive_, "xl/sharedStrings.xml", strings);
    book_.strings = std::move(strings.strings);
    book_.string_ends = std::move(strings.ends);
    StylesHandler styles(name_);
    parse_part(archive_, "xl/styles.xml", styles);
    for (const unsigned id : styles.ids) {
      const auto it = std::find_if(styles.custom.begin(), styles.custom.end(), [&](const auto& entry) { return entry.first == id; });
      book_.styles.push_back(it != styles.custom.end() ? it->second : shown_by_builtin(id));
    }
    auto part = archive_.open(path);
    if (!part) archive_.damaged(path);
    handler_ = std::make_unique<XlsxSheetHandler>(name_, rows_, spare_, book_);
    stream_ = std::make_unique<XmlStream>(std::move(part), *handler_, archive_);
  }

  std::string sheet_path(const std::vector<std::pair<std::string, std::string>>& sheets, const InputOptions& options) const {
    if (sheets.empty()) throw data_error({name_, 0, {}}, "the workbook has no sheets", "a workbook with a sheet of records");
    std::size_t chosen = 0;
    if (!options.sheet.empty()) {
      const auto it = std::find_if(sheets.begin(), sheets.end(), [&](const auto& sheet) { return sheet.first == options.sheet; });
      if (it == sheets.end()) {
        std::string names;
        for (const auto& sheet : sheets) names += (names.empty() ? "'" : ", '") + sheet.first + "'";
        throw data_error({name_, 0, {}}, "there is no sheet '" + options.sheet + "'", "one of " + names);
      }
      chosen = static_cast<std::size_t>(it - sheets.begin());
    } else if (sheets.size() > 1 && options.warn) {
      options.warn(fmt::format("{}: reading the first of {} sheets, '{}'; --sheet names another", name_, sheets.size(), sheets[0].first));
    }
    RelationshipsHandler relationships(sheets[chosen].second);
    if (!parse_part(archive_, "xl/_rels/workbook.xml.rels", relationships) || !relationships.target) {
      archive_.damaged("xl/_rels/workbook.xml.rels");
    }
    const std::string& target = *relationships.target;
    return target.starts_with('/') ? target.substr(1) : "xl/" + target;
  }

  void open_ods(const InputOptions& options) {
    // Only a spreadsheet: a text document or a presentation saved as OpenDocument is not one.
    const std::string media_type = archive_.small_part("mimetype", 256);
    if (media_type.starts_with("application/vnd.oasis.opendocument.") &&
        !media_type.starts_with("application/vnd.oasis.opendocument.spreadsheet")) {
      throw data_error({name_, 0, {}}, "an OpenDocument " + media_type.substr(35) + " document, not a spreadsheet",
                       "a spreadsheet saved as .ods or .xlsx, or CSV");
    }
    ManifestHandler manifest;
    parse_part(archive_, "META-INF/manifest.xml", manifest);
    if (manifest.encrypted) archive_.encrypted();
    auto part = archive_.open("content.xml");
    if (!part) archive_.damaged("content.xml");
    handler_ = std::make_unique<OdsSheetHandler>(name_, rows_, spare_, options);
    stream_ = std::make_unique<XmlStream>(std::move(part), *handler_, archive_);
  }

  // Parses on until `count` rows are waiting, or the sheet ends.
  void fill(std::size_t count) {
    while (rows_.size() < count && !finished_) {
      if (!stream_->pump()) {
        finished_ = true;
        handler_->finish();
      }
    }
  }

  // The next row (or repetition of one) into current_; false at the end of the sheet.
  bool take_row() {
    fill(1);
    if (rows_.empty()) return false;
    Row& front = rows_.front();
    if (front.repeat > 1) {
      // An .ods row written once for several: each repetition is its own record, on its own line.
      current_.line = front.line;
      current_.width = front.width;
      if (current_.cells.size() < front.width) current_.cells.resize(front.width);
      std::copy(front.cells.begin(), front.cells.begin() + static_cast<std::ptrdiff_t>(front.width), current_.cells.begin());
      --front.repeat;
      ++front.line;
      return true;
    }
    handler_->queued_bytes -= front.bytes;
    spare_.push_back(std::move(current_));
    current_ = std::move(front);
    rows_.pop_front();
    return true;
  }

  static std::size_t filled(const Row& row) {
    return static_cast<std::size_t>(std::count_if(row.cells.begin(), row.cells.begin() + static_cast<std::ptrdiff_t>(row.width),
                                                  [](const std::string& text) { return !trim(text).empty(); }));
  }

  // The headings: the header row as HeaderSearch finds it among the first rows; rows above it (a
  // title, a print date) are passed over and named.
  void read_header(const MessageSink& warn) {
    fill(HeaderSearch::window);
    HeaderSearch search;
    for (const Row& row : rows_) {
      const auto cells = std::span(row.cells).first(row.width);
      if (search.offer(row.line, filled_cells(cells), row.width)) break;
    }
    const auto header = search.header();
    if (!header) throw data_error({name_, 1, {}}, "the sheet is empty", "a row of headings, then a row per record");
    search.note_passed_over(name_, warn);
    // The rows above the headings are passed over (all their repetitions), as are the headings.
    for (std::size_t i = 0; i < *header; ++i) {
      handler_->queued_bytes -= rows_.front().bytes;
      spare_.push_back(std::move(rows_.front()));
      rows_.pop_front();
    }
    take_row();
    header_line_ = current_.line;
    columns_.assign(current_.cells.begin(), current_.cells.begin() + static_cast<std::ptrdiff_t>(current_.width));
  }

  std::string name_;
  Archive archive_;
  XlsxBook book_;
  std::deque<Row> rows_;
  std::vector<Row> spare_;
  std::unique_ptr<SheetHandler> handler_;
  std::unique_ptr<XmlStream> stream_;
  bool finished_ = false;
  Row current_;
};

}  // namespace

std::unique_ptr<RecordReader> open_workbook(WholeInput bytes, const std::string& name, const InputOptions& options) {
  return std::make_unique<WorkbookReader>(std::move(bytes), name, options);
}

}  // namespace waymark
