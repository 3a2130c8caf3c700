// A small file of 'name = value' lines that a school writes by hand to tell waymark its own words:
// --columns (field = heading) and --support-names (action = the school's name for it). Both read
// the same way, so a file saved by Notepad (BOM, CRLF) or annotated with '#' works for either.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace waymark {

// Calls `line(number, left, right)` for each 'left = right' line of `path`, both sides trimmed;
// blank lines and lines starting with '#' are skipped. A line without '=' is an error naming its
// line (`expected` says what a line should be); a file that cannot be opened is missing_input,
// named as "the `what` file".
void read_mapping_file(const std::string& path, std::string_view what, const std::string& expected,
                       const std::function<void(long number, std::string_view left, std::string_view right)>& line);

}  // namespace waymark
