// Finding a key in a vector sorted by 64-bit hashes. Hashes are spread evenly, so the top bits of
// a key say where it lies: a table of where each run of equal top bits begins (about four entries
// a run, a byte an entry) takes a lookup straight to its few entries. A binary search of a
// million entries takes twenty steps across the whole vector, and starting from the key's share
// of 2^64 still strays by some hundreds of entries (the spread of evenly drawn keys); each stray
// step is a miss of the cache and of the page table, which is most of the time a --since or
// --impact run of a million learners spends looking learners up.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace waymark {

class HashBuckets {
 public:
  // Indexes `sorted` (ascending by key_of); build again after the vector changes.
  template <class Sorted, class KeyOf>
  void build(const Sorted& sorted, KeyOf key_of) {
    if (sorted.size() >= std::numeric_limits<std::uint32_t>::max()) throw std::length_error("more than 4,294,967,295 entries to look up");
    // About four entries a bucket: a cache line or two of them, and a table of a byte an entry.
    const auto bits = static_cast<unsigned>(std::max<std::size_t>(1, std::bit_width(sorted.size() / 4)));
    shift_ = 64 - bits;
    starts_.assign((std::size_t{1} << bits) + 1, 0);
    std::size_t at = 0;
    for (std::size_t bucket = 0; bucket < starts_.size() - 1; ++bucket) {
      starts_[bucket] = static_cast<std::uint32_t>(at);
      while (at < sorted.size() && (key_of(sorted[at]) >> shift_) == bucket) ++at;
    }
    starts_.back() = static_cast<std::uint32_t>(sorted.size());
  }

  // Asks for the first entries of `key`'s bucket to be fetched from memory, so that a lower_bound
  // of it a little later need not wait for them.
  template <class Sorted>
  void prefetch(const Sorted& sorted, std::uint64_t key) const {
#if defined(__GNUC__)
    if (starts_.empty()) return;
    const auto first = starts_[static_cast<std::size_t>(key >> shift_)];
    if (first < sorted.size()) __builtin_prefetch(&sorted[first]);
#endif
  }

  // The first entry of `sorted` whose key is not below `key`, as std::lower_bound would find it.
  template <class Sorted, class KeyOf>
  typename Sorted::iterator lower_bound(Sorted& sorted, std::uint64_t key, KeyOf key_of) const {
    const auto below = [&](const typename Sorted::value_type& e, std::uint64_t k) { return key_of(e) < k; };
    if (starts_.empty()) return std::lower_bound(sorted.begin(), sorted.end(), key, below);  // never built
    const auto bucket = static_cast<std::size_t>(key >> shift_);
    return std::lower_bound(sorted.begin() + starts_[bucket], sorted.begin() + starts_[bucket + 1], key, below);
  }

 private:
  unsigned shift_ = 64;
  std::vector<std::uint32_t> starts_;  // bucket -> index of its first entry; one more at the end
};

}  // namespace waymark
