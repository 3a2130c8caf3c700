#include "waymark/errors.hpp"

#include <fmt/format.h>
#include <iterator>

namespace waymark {

namespace {

// The length of the valid UTF-8 sequence at the start of `text` that is not a C1 control
// character, or 0.
std::size_t printable_sequence(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (lead >= 0xF5) length = 0;
  if (length == 0 || text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((byte(i) & 0xC0) != 0x80) return 0;
  if (lead == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
  if (lead == 0xED && byte(1) >= 0xA0) return 0;  // a surrogate
  if (lead == 0xF0 && byte(1) < 0x90) return 0;   // overlong
  if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
  if (lead == 0xC2 && byte(1) < 0xA0) return 0;   // U+0080 to U+009F: C1 controls
  return length;
}

}  // namespace

std::string printable(std::string_view message) {
  std::string shown;
  shown.reserve(message.size());
  for (std::size_t i = 0; i < message.size();) {
    const auto c = static_cast<unsigned char>(message[i]);
    if (c == '\n' || (c >= 0x20 && c < 0x7F)) {
      shown += message[i++];
    } else if (const std::size_t length = c >= 0x80 ? printable_sequence(message.substr(i)) : 0) {
      shown.append(message.substr(i, length));
      i += length;
    } else {
      shown += fmt::format("\\x{:02X}", c);
      ++i;
    }
  }
  return shown;
}

std::string describe(const Location& where, const std::string& problem, const std::string& expected) {
  fmt::memory_buffer message;
  auto out = std::back_inserter(message);
  if (!where.file.empty()) fmt::format_to(out, "{}: ", where.line > 0 ? fmt::format("{}:{}", where.file, where.line) : where.file);
  if (!where.column.empty()) {
    fmt::format_to(out, "column '{}'", where.column);
    if (!where.field.empty() && where.field != where.column) fmt::format_to(out, " ({})", where.field);
    fmt::format_to(out, ": ");
  }
  fmt::format_to(out, "{}", problem);
  if (!expected.empty()) fmt::format_to(out, " ({})", expected);
  return fmt::to_string(message);
}

Error data_error(const Location& where, const std::string& problem, const std::string& expected) {
  return Error(ErrorKind::bad_data, describe(where, problem, expected));
}

}  // namespace waymark
