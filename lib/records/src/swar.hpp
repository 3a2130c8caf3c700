// Scanning text sixteen bytes at a time (eight for short texts), for the CSV reader and writer:
// SSE2 where the target has it (every x86-64), else 64-bit words (SIMD within a register).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace waymark::swar {

#if defined(__SSE2__)
// Bit i set where byte i of `bytes` is one of a, b, c, d.
inline std::uint32_t match_bytes(__m128i bytes, char a, char b, char c, char d) {
  const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(a)), _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b))),
                                    _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)), _mm_cmpeq_epi8(bytes, _mm_set1_epi8(d))));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(hits));
}

// Bit i set where byte i of the eight at `p` is one of a, b, c, d.
inline std::uint32_t match8(const char* p, char a, char b, char c, char d) {
  return match_bytes(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)), a, b, c, d) & 0xFF;  // the upper eight are zeros
}
#else
// A mask with the high bit set in exactly the bytes of `word` equal to `byte`.
inline std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) {
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t x = word ^ (0x0101010101010101ULL * byte);
  return ~(((x & low7) + low7) | x | low7);
}

// Bit i set where byte i of the eight at `p` is one of a, b, c, d.
inline std::uint32_t match8(const char* p, char a, char b, char c, char d) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  const std::uint64_t high = bytes_equal(word, static_cast<unsigned char>(a)) | bytes_equal(word, static_cast<unsigned char>(b)) |
                             bytes_equal(word, static_cast<unsigned char>(c)) | bytes_equal(word, static_cast<unsigned char>(d));
  // Gathers the eight high bits into one byte (bit i from byte i), little-endian order.
  return static_cast<std::uint32_t>(((high >> 7) * 0x0102040810204080ULL) >> 56);
}
#endif

// Bit i set where p[i] is one of a, b, c, d, for the sixteen bytes at `p`.
inline std::uint32_t match16(const char* p, char a, char b, char c, char d) {
#if defined(__SSE2__)
  return match_bytes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), a, b, c, d);
#else
  return match8(p, a, b, c, d) | (match8(p + 8, a, b, c, d) << 8);
#endif
}

// Bit i set where p[i] is `a`, for the sixteen bytes at `p`.
inline std::uint32_t match16(const char* p, char a) {
#if defined(__SSE2__)
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(a))));
#else
  return match16(p, a, a, a, a);
#endif
}

// Whether the sixteen bytes at `p` are all ASCII.
inline bool is_ascii16(const char* p) {
#if defined(__SSE2__)
  return _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) == 0;
#else
  std::uint64_t words[2];
  std::memcpy(words, p, 16);
  return ((words[0] | words[1]) & 0x8080808080808080ULL) == 0;
#endif
}

// The first of the bytes a, b, c, d in [p, end), or end.
inline const char* first_of(const char* p, const char* end, char a, char b, char c, char d) {
  if (end - p >= 16) {
    for (; end - p >= 16; p += 16)
      if (const std::uint32_t hits = match16(p, a, b, c, d)) return p + std::countr_zero(hits);
    if (p == end) return end;
    // The rest as the last sixteen bytes: those before p were checked and hold none.
    const char* const last = end - 16;
    const std::uint32_t hits = match16(last, a, b, c, d);
    return hits ? last + std::countr_zero(hits) : end;
  }
  if (end - p >= 8) {  // eight to fifteen bytes: the first eight and the last eight
    if (const std::uint32_t hits = match8(p, a, b, c, d)) return p + std::countr_zero(hits);
    const char* const last = end - 8;
    const std::uint32_t hits = match8(last, a, b, c, d);
    return hits ? last + std::countr_zero(hits) : end;
  }
  while (p < end && *p != a && *p != b && *p != c && *p != d) ++p;
  return p;
}

}  // namespace waymark::swar
