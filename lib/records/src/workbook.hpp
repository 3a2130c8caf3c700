// The workbook reader behind open_records: the first sheet (or the one named) of an Office Open
// XML workbook (.xlsx, Excel's) or an OpenDocument spreadsheet (.ods, LibreOffice's), one row at a
// time, streamed from the zip archive so that memory stays flat whatever the sheet's size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "waymark/input.hpp"
#include "waymark/records.hpp"

namespace waymark {

// The bounds a workbook is read within: a part that inflates beyond them is a zip bomb or a
// damaged archive, refused (Error(data)) long before it can exhaust memory or time.
struct WorkbookLimits {
  // Inflated bytes of one part (a sheet's XML). Excel's largest sheet, 1,048,576 rows of a school
  // export's width, is about 1 GB of XML.
  static constexpr std::uint64_t largest_part = std::uint64_t{4} << 30;
  // Inflated bytes over stored bytes, once a part passes `ratio_checked_from`: sheets of data
  // measure 10 to 30 times, a sheet formatted far beyond its table about 300; a zip bomb is made
  // to be as near deflate's limit (1,032) as it can.
  static constexpr std::uint64_t largest_ratio = 500;
  static constexpr std::uint64_t ratio_checked_from = std::uint64_t{100} << 20;
  // The text of one cell (Excel holds 32,767 characters), of one row, and of an .xlsx workbook's
  // shared strings, which are held while the sheet is read.
  static constexpr std::size_t largest_cell = std::size_t{1} << 20;
  static constexpr std::size_t largest_row = std::size_t{16} << 20;
  static constexpr std::size_t largest_shared_text = std::size_t{256} << 20;
};

// Reads the workbook in `bytes` (a zip archive), .xlsx or .ods as its content says. Throws
// Error(data) for a damaged, encrypted, empty or oversized workbook, or a sheet it does not have.
std::unique_ptr<RecordReader> open_workbook(WholeInput bytes, const std::string& name, const InputOptions& options);

}  // namespace waymark
