// Scanning text eight bytes at a time (SIMD within a register), for the CSV reader and writer.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace waymark::swar {

// A mask with the high bit set in bytes of `word` equal to `byte`; the lowest set bit is exact
// (higher ones may be false positives), which is all first_of needs.
inline std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (0x0101010101010101ULL * byte);
  return (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
}

// A mask with the high bit set in exactly the bytes of `word` equal to `byte`.
inline std::uint64_t bytes_equal_exact(std::uint64_t word, unsigned char byte) {
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t x = word ^ (0x0101010101010101ULL * byte);
  return ~(((x & low7) + low7) | x | low7);
}

// The first of the bytes a, b, c, d in [p, end), or end.
inline const char* first_of(const char* p, const char* end, char a, char b, char c, char d) {
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t hits = bytes_equal(word, static_cast<unsigned char>(a)) | bytes_equal(word, static_cast<unsigned char>(b)) |
                               bytes_equal(word, static_cast<unsigned char>(c)) | bytes_equal(word, static_cast<unsigned char>(d));
    if (hits) return p + std::countr_zero(hits) / 8;
    p += 8;
  }
  while (p < end && *p != a && *p != b && *p != c && *p != d) ++p;
  return p;
}

}  // namespace waymark::swar
