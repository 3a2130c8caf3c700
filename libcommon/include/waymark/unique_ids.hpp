// Catching a learner listed twice without keeping every id: a set of 64-bit hashes (12 bytes a
// learner), so a national file of millions still fits in little memory.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace waymark {

class UniqueIds {
 public:
  // Records `id` first seen on `line`; returns 0 if new, else the line where it was first seen.
  // Two different ids collide with probability about n^2 / 2^65: once in ~10^7 files of 10^6.
  long insert(std::string_view id, long line);

 private:
  void grow();
  std::vector<std::uint64_t> hashes_;  // 0 marks an empty slot
  std::vector<std::uint32_t> lines_;
  std::size_t size_ = 0;
};

}  // namespace waymark
