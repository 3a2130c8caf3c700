// Numbers read and written exactly as std::from_chars and std::to_chars do: no locale, no leading
// '+' or space, correctly rounded. Where the standard library lacks their floating-point forms
// (libc++ before 17, which the WebAssembly build has), the same grammar is matched here and the
// digits converted by the C library, whose strtod and printf round correctly in glibc and musl.
#pragma once

#include <charconv>
#include <version>

namespace waymark {

// The same two through the C library: what the functions below are where the standard library
// lacks floating-point charconv, built everywhere so that the unit tests hold them to std's.
namespace portable {
std::from_chars_result parse_double(const char* first, const char* last, double& value);
std::to_chars_result format_fixed(char* first, char* last, double value, int decimals);
std::to_chars_result format_general(char* first, char* last, double value, int digits);
}  // namespace portable

// libstdc++ 11 and later have floating-point from_chars and to_chars; libc++ 14 (emscripten 3.1)
// has neither. Inline, as reading numbers is most of what scoring a file does.
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L

// std::from_chars(first, last, value) for a double in the general format.
inline std::from_chars_result parse_double(const char* first, const char* last, double& value) {
  return std::from_chars(first, last, value);
}

// std::to_chars(first, last, value, std::chars_format::fixed, decimals).
inline std::to_chars_result format_fixed(char* first, char* last, double value, int decimals) {
  return std::to_chars(first, last, value, std::chars_format::fixed, decimals);
}

// std::to_chars(first, last, value, std::chars_format::general, digits): printf's %.*g.
inline std::to_chars_result format_general(char* first, char* last, double value, int digits) {
  return std::to_chars(first, last, value, std::chars_format::general, digits);
}

#else

inline std::from_chars_result parse_double(const char* first, const char* last, double& value) {
  return portable::parse_double(first, last, value);
}
inline std::to_chars_result format_fixed(char* first, char* last, double value, int decimals) {
  return portable::format_fixed(first, last, value, decimals);
}
inline std::to_chars_result format_general(char* first, char* last, double value, int digits) {
  return portable::format_general(first, last, value, digits);
}

#endif

}  // namespace waymark
