// Numbers read and written exactly as std::from_chars and std::to_chars do: no locale, no leading
// '+' or space, correctly rounded. Where the standard library lacks their floating-point forms
// (libc++ before 17, which the WebAssembly build has), the same grammar is matched here and the
// digits converted by the C library, whose strtod and printf round correctly in glibc and musl.
#pragma once

#include <charconv>

namespace waymark {

// std::from_chars(first, last, value) for a double in the general format.
std::from_chars_result parse_double(const char* first, const char* last, double& value);

// std::to_chars(first, last, value, std::chars_format::fixed, decimals).
std::to_chars_result format_fixed(char* first, char* last, double value, int decimals);

// The same two through the C library: what the functions above are where the standard library
// lacks floating-point charconv, built everywhere so that the unit tests hold them to std's.
namespace portable {
std::from_chars_result parse_double(const char* first, const char* last, double& value);
std::to_chars_result format_fixed(char* first, char* last, double value, int decimals);
}  // namespace portable

}  // namespace waymark
