// Turns fuzz bytes into the hostile text a writer harness feeds the writers: names, reasons and
// headings as a school's export may hold them. The bytes are split into fields at 0xFF (never
// part of UTF-8, so the other bytes are free to be anything); inside a field
//   0xFE k  inserts one of the fragments below (k picks which): formula starts, control
//           characters, U+FFFE, a lone surrogate as bytes, markup of every output format;
//   0xFD k  repeats the field so far k more times (up to max_field), for very long fields.
// The fragments are reached by one mutation, so the fuzzer needs no luck to find them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::fuzz {

inline constexpr std::string_view hostile_fragments[] = {
    "=",
    "+",
    "-",
    "@",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://x\",\"y\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1",
    "+44 20 7946 0000",
    "-inf",
    "+nan",
    "-nan(x)",
    "1e5",
    "-1,5",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    std::string_view("\0", 1),
    "\"",
    "'",
    ",",
    ";",
    "|",
    "\\",
    "\xEF\xBF\xBE",
    /* U+FFFE */ "\xEF\xBF\xBF",
    "\xED\xA0\x80" /* lone surrogate */,
    "\xC0\xAF" /* overlong '/' */,
    "\xEF\xBB\xBF" /* BOM */,
    "\xE2\x80\xAE" /* right-to-left override */,
    "\xE2\x80\xA8",
    "\xF0\x9F\x98\x80",
    "e\xCC\x81",
    "\xC2\x85",
    "<script>alert(1)</script>",
    "</w:t></w:r>",
    "]]>",
    "&amp;",
    "&#0;",
    "<!--",
    "{{x}}",
    "{{{x}}}",
    "# ",
    "* ",
    "| a | b |\n|---|---|",
    "```",
    "[x](javascript:alert(1))",
    "www.example.com",
    "BEGIN:VEVENT",
    "END:VCALENDAR",
    "mailto:",
    "a@b",
    "%PDF",
    ")",
    "(",
    "\\n",
    "\xD0\x96",
    "\xE5\xAD\xA6",
};

inline constexpr std::size_t max_field = 70000;

class HostileText {
 public:
  HostileText(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return at_ >= size_; }
  // One byte for a choice (0 once the bytes run out).
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  // The next field, up to the next 0xFF or the end.
  std::string field() {
    std::string text;
    while (at_ < size_) {
      const std::uint8_t c = data_[at_++];
      if (c == 0xFF) break;
      if (c == 0xFE && at_ < size_) {
        text += hostile_fragments[data_[at_++] % std::size(hostile_fragments)];
      } else if (c == 0xFD && at_ < size_) {
        const std::string once = text;
        for (unsigned n = data_[at_++]; n > 0 && text.size() + once.size() <= max_field; --n) text += once;
      } else {
        text += static_cast<char>(c);
      }
    }
    return text;
  }
  // The fields left, at most `most`.
  std::vector<std::string> fields(std::size_t most) {
    std::vector<std::string> all;
    while (!empty() && all.size() < most) all.push_back(field());
    return all;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace waymark::fuzz
