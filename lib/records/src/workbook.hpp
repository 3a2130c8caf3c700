// The .xlsx reader behind open_records: the first sheet of an Office Open XML workbook (or the
// one named), one row at a time.
#pragma once

#include <memory>
#include <string>

#include "waymark/records.hpp"

namespace waymark {

// Reads the workbook in `bytes` (a zip archive). Throws Error(data) for a damaged, encrypted or
// empty workbook, or a sheet it does not have.
std::unique_ptr<RecordReader> open_workbook(std::string bytes, const std::string& name, const InputOptions& options);

}  // namespace waymark
