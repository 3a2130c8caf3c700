#include "waymark/unique_ids.hpp"

namespace waymark {

namespace {

// FNV-1a then a 64-bit finaliser (splitmix64), so similar ids spread over the table.
std::uint64_t hash_id(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}

}  // namespace

long UniqueIds::insert(std::string_view id, long line) {
  if ((size_ + 1) * 10 > hashes_.size() * 7) grow();
  const std::uint64_t h = hash_id(id);
  const std::size_t mask = hashes_.size() - 1;
  for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
    if (hashes_[slot] == 0) {
      hashes_[slot] = h;
      lines_[slot] = static_cast<std::uint32_t>(line);
      ++size_;
      return 0;
    }
    if (hashes_[slot] == h) return lines_[slot];
  }
}

void UniqueIds::grow() {
  std::vector<std::uint64_t> old_hashes = std::move(hashes_);
  std::vector<std::uint32_t> old_lines = std::move(lines_);
  const std::size_t capacity = old_hashes.empty() ? 1024 : old_hashes.size() * 2;
  hashes_.assign(capacity, 0);
  lines_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::size_t i = 0; i < old_hashes.size(); ++i) {
    if (old_hashes[i] == 0) continue;
    std::size_t slot = old_hashes[i] & mask;
    while (hashes_[slot] != 0) slot = (slot + 1) & mask;
    hashes_[slot] = old_hashes[i];
    lines_[slot] = old_lines[i];
  }
}

}  // namespace waymark
