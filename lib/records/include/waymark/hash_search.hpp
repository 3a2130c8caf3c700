// Finding a key in a vector sorted by 64-bit hashes: hashes are spread evenly, so a key's place is
// close to its share of 2^64. Starting there and widening the bracket until it holds the key takes
// a few steps within a page or two, where a binary search of a million entries takes twenty
// cache misses across the whole vector.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace waymark {

// The first entry of `sorted` (ascending by key_of) whose key is not below `key`, as
// std::lower_bound would find it.
template <class Entry, class KeyOf>
typename std::vector<Entry>::iterator lower_bound_hash(std::vector<Entry>& sorted, std::uint64_t key, KeyOf key_of) {
  const std::size_t n = sorted.size();
  std::size_t low = 0, high = n;
  if (n > 64) {
    const auto guess = std::min(n - 1, static_cast<std::size_t>(static_cast<double>(key) * 0x1p-64 * static_cast<double>(n)));
    std::size_t step = 32;
    low = guess > step ? guess - step : 0;
    while (low > 0 && key_of(sorted[low]) >= key) low = low > (step *= 2) ? low - step : 0;
    step = 32;
    high = std::min(n, guess + step);
    while (high < n && key_of(sorted[high - 1]) < key) high = std::min(n, high + (step *= 2));
  }
  return std::lower_bound(sorted.begin() + static_cast<std::ptrdiff_t>(low), sorted.begin() + static_cast<std::ptrdiff_t>(high), key,
                          [&](const Entry& e, std::uint64_t k) { return key_of(e) < k; });
}

}  // namespace waymark
