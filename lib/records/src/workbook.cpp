#include "workbook.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"
#include "header_row.hpp"

namespace waymark {

namespace {

// A workbook's parts, read from the zip archive that holds them.
class Archive {
 public:
  Archive(const std::string& bytes, const std::string& name) : name_(name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive_) {
      if (source) zip_source_free(source);
      zip_error_fini(&error);
      throw Error(ErrorKind::bad_data, name_ + ": not a readable .xlsx workbook (its zip archive is damaged); save it again from Excel, or as CSV");
    }
    zip_error_fini(&error);
  }
  ~Archive() {
    if (archive_) zip_discard(archive_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // The part at `path` (such as "xl/workbook.xml"), or nullopt if the archive has none.
  std::optional<std::string> part(const std::string& path) const {
    const zip_int64_t index = zip_name_locate(archive_, path.c_str(), 0);
    if (index < 0) return std::nullopt;
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) damaged(path);
    // A worksheet of Excel's largest size is well under this; more is a damaged or hostile archive.
    constexpr zip_uint64_t largest = zip_uint64_t{1} << 30;
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > largest) damaged(path);
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) encrypted();
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (!file) damaged(path);
    std::string content(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t got = zip_fread(file, content.data(), stat.size);
    zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) damaged(path);
    return content;
  }

  pugi::xml_document xml(const std::string& path, bool required) const {
    pugi::xml_document doc;
    const auto text = part(path);
    if (!text) {
      if (required) damaged(path);
      return doc;
    }
    if (!doc.load_buffer(text->data(), text->size(), pugi::parse_default & ~pugi::parse_doctype)) damaged(path);
    return doc;
  }

  [[noreturn]] void damaged(const std::string& path) const {
    throw Error(ErrorKind::bad_data, name_ + ": not a readable .xlsx workbook (" + path + " is missing or damaged); save it again from Excel, or as CSV");
  }
  [[noreturn]] void encrypted() const {
    throw Error(ErrorKind::bad_data, name_ + ": the workbook is protected by a password; save an unprotected copy, or save it as CSV");
  }

 private:
  std::string name_;
  zip_t* archive_ = nullptr;
};

// A cell's number format, as far as waymark reads it.
enum class Shown { number, date, percent };

// Whether a custom format code shows a date (d, m, y outside quoted text and [..]) or a percentage.
Shown shown_by_code(std::string_view code) {
  bool quoted = false, bracket = false, date = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\\') ++i;
    else if (c == '[') bracket = true;
    else if (c == ']') bracket = false;
    else if (bracket) continue;
    else if (c == '%') return Shown::percent;
    else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y') date = true;
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

// How each cell style (the s attribute) shows numbers.
std::vector<Shown> cell_styles(const Archive& archive) {
  const auto doc = archive.xml("xl/styles.xml", false);
  const auto sheet = doc.child("styleSheet");
  std::vector<std::pair<unsigned, Shown>> custom;
  for (const auto format : sheet.child("numFmts").children("numFmt"))
    custom.emplace_back(format.attribute("numFmtId").as_uint(), shown_by_code(format.attribute("formatCode").value()));
  std::vector<Shown> styles;
  for (const auto xf : sheet.child("cellXfs").children("xf")) {
    const unsigned id = xf.attribute("numFmtId").as_uint();
    const auto it = std::find_if(custom.begin(), custom.end(), [&](const auto& entry) { return entry.first == id; });
    styles.push_back(it != custom.end() ? it->second : shown_by_builtin(id));
  }
  return styles;
}

// All the text of a string item: plain <t>, or the <t> of each rich-text run (phonetic runs left out).
std::string item_text(const pugi::xml_node item) {
  if (const auto plain = item.child("t")) return plain.text().get();
  std::string text;
  for (const auto run : item.children("r")) text += run.child("t").text().get();
  return text;
}

std::vector<std::string> shared_strings(const Archive& archive) {
  const auto doc = archive.xml("xl/sharedStrings.xml", false);
  std::vector<std::string> strings;
  for (const auto item : doc.child("sst").children("si")) strings.push_back(item_text(item));
  return strings;
}

// A date serial number of the workbook as an ISO date; the time of day, if any, is left out.
std::string serial_date(double serial, bool from_1904) {
  using namespace std::chrono;
  const auto days = static_cast<long>(std::floor(serial));
  sys_days day;
  if (from_1904) day = sys_days{year{1904} / January / 1} + std::chrono::days{days};
  // Excel counts 1900 as a leap year (serial 60 is 29 February 1900, a day that never was).
  else if (days >= 61) day = sys_days{year{1899} / December / 30} + std::chrono::days{days};
  else day = sys_days{year{1899} / December / 31} + std::chrono::days{days};
  return format_date(year_month_day{day});
}

// A number as a person reads it in the cell: at most 15 significant digits, as Excel keeps them.
std::string number_text(double value) {
  std::array<char, 32> buffer{};
  const int n = std::snprintf(buffer.data(), buffer.size(), "%.15g", value);
  return std::string(buffer.data(), static_cast<std::size_t>(std::max(n, 0)));
}

// "C12" -> 2 (the column, from 0); nullopt without letters.
std::optional<std::size_t> column_of_reference(std::string_view reference) {
  std::size_t column = 0, letters = 0;
  for (const char c : reference) {
    if (c >= 'A' && c <= 'Z') column = column * 26 + static_cast<std::size_t>(c - 'A' + 1), ++letters;
    else break;
  }
  if (letters == 0 || letters > 3) return std::nullopt;
  return column - 1;
}

class WorkbookReader final : public RecordReader {
 public:
  WorkbookReader(std::string bytes, const std::string& name, const InputOptions& options) : name_(name) {
    const Archive archive(bytes, name);
    const auto workbook = archive.xml("xl/workbook.xml", true);
    const auto root = workbook.child("workbook");
    from_1904_ = root.child("workbookPr").attribute("date1904").as_bool();
    const auto path = sheet_path(archive, root, options);
    sheet_ = archive.xml(path, true);
    strings_ = shared_strings(archive);
    styles_ = cell_styles(archive);
    row_ = sheet_.child("worksheet").child("sheetData").child("row");
    read_header(options.warn);
    understand_headings(options);
  }

  const std::string& source_name() const override { return name_; }
  RecordFormat format() const override { return RecordFormat::xlsx; }

 protected:
  bool read_row(Record& record) override {
    if (!row_) return false;
    record.line = read_cells(row_);
    row_ = row_.next_sibling("row");
    // A row may stop before the last column (its empty cells are not written); one beyond the
    // table's headings must hold nothing.
    if (texts_.size() > columns_.size()) {
      for (std::size_t i = columns_.size(); i < texts_.size(); ++i) {
        if (!trim(texts_[i]).empty()) {
          throw data_error({name_, record.line, {}}, "a value in column " + std::to_string(i + 1) + ", which has no heading",
                           "a heading over every column that holds values");
        }
      }
    }
    texts_.resize(columns_.size());
    record.values.assign(texts_.begin(), texts_.end());
    record.json.clear();
    return true;
  }

 private:
  std::string sheet_path(const Archive& archive, const pugi::xml_node workbook, const InputOptions& options) const {
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    for (const auto sheet : workbook.child("sheets").children("sheet")) {
      std::string relationship;
      for (const auto attribute : sheet.attributes()) {
        const std::string_view key = attribute.name();
        if (key == "id" || (key.size() > 3 && key.substr(key.size() - 3) == ":id")) relationship = attribute.value();
      }
      sheets.emplace_back(sheet.attribute("name").value(), relationship);
    }
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
    const auto relationships = archive.xml("xl/_rels/workbook.xml.rels", true);
    for (const auto relationship : relationships.child("Relationships").children("Relationship")) {
      if (sheets[chosen].second != relationship.attribute("Id").value()) continue;
      std::string target = relationship.attribute("Target").value();
      return target.starts_with('/') ? target.substr(1) : "xl/" + target;
    }
    archive.damaged("xl/_rels/workbook.xml.rels");
  }

  // The cells of `row` into texts_, by column; returns the row's number.
  long read_cells(const pugi::xml_node row) {
    texts_.clear();
    std::size_t next_column = 0;
    for (const auto cell : row.children("c")) {
      const auto column = column_of_reference(cell.attribute("r").value()).value_or(next_column);
      // A cell written out of order, or far right of any table, is a damaged sheet.
      if (column < next_column || column > 16383) {
        throw data_error({name_, row.attribute("r").as_llong(), {}}, "the cells of this row are out of order", "a sheet saved by a spreadsheet program");
      }
      texts_.resize(column + 1);
      texts_[column] = cell_text(cell);
      next_column = column + 1;
    }
    return static_cast<long>(row.attribute("r").as_llong());
  }

  std::string cell_text(const pugi::xml_node cell) const {
    const std::string_view type = cell.attribute("t").value();
    const char* value = cell.child("v").text().get();
    if (type == "s") {
      const auto index = cell.child("v").text().as_ullong(strings_.size());
      if (index >= strings_.size()) throw data_error({name_, 0, {}}, "a cell names a shared string the workbook does not have", "a workbook saved by a spreadsheet program");
      return strings_[index];
    }
    if (type == "inlineStr") return item_text(cell.child("is"));
    if (type == "str" || type == "e") return value;
    if (type == "b") return std::string_view(value) == "1" ? "TRUE" : "FALSE";
    if (type == "d") return std::string(std::string_view(value).substr(0, 10));
    if (*value == '\0') return {};
    char* end = nullptr;
    const double number = std::strtod(value, &end);
    if (end == value || *end != '\0') return value;
    const std::size_t style = cell.attribute("s").as_uint();
    const Shown shown = style < styles_.size() ? styles_[style] : Shown::number;
    if (shown == Shown::date && number >= 0 && number < 2958466) return serial_date(number, from_1904_);
    // A cell formatted as a percentage holds the fraction (0.875) and shows 87.5%: read what it shows.
    if (shown == Shown::percent) return number_text(number * 100);
    return number_text(number);
  }

  // The headings: the header row as HeaderSearch finds it, rows above it (a title, a date) passed over.
  void read_header(const MessageSink& warn) {
    HeaderSearch search;
    std::vector<pugi::xml_node> rows;
    for (auto row = row_; row; row = row.next_sibling("row")) {
      rows.push_back(row);
      const long line = read_cells(row);
      if (search.offer(line, filled_cells(texts_), texts_.size())) break;
    }
    const auto header = search.header();
    if (!header) throw data_error({name_, 1, {}}, "the sheet is empty", "a row of headings, then a row per record");
    search.note_passed_over(name_, warn);
    header_line_ = read_cells(rows[*header]);
    columns_.assign(texts_.begin(), texts_.end());
    row_ = rows[*header].next_sibling("row");
  }

  std::string name_;
  bool from_1904_ = false;
  pugi::xml_document sheet_;
  std::vector<std::string> strings_;
  std::vector<Shown> styles_;
  pugi::xml_node row_;
  std::vector<std::string> texts_;
};

}  // namespace

std::unique_ptr<RecordReader> open_workbook(std::string bytes, const std::string& name, const InputOptions& options) {
  return std::make_unique<WorkbookReader>(std::move(bytes), name, options);
}

}  // namespace waymark
