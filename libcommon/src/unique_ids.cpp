#include "waymark/unique_ids.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
#include <queue>

#include "waymark/errors.hpp"

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

[[noreturn]] void temporary_failed() {
  throw Error(Exit::io, std::string("cannot use a temporary file for the duplicate-id check: ") + std::strerror(errno));
}

}  // namespace

UniqueIds::UniqueIds(std::size_t window) : window_(std::max<std::size_t>(window, 1)) {
  // Twice the window in slots keeps the table at most half full.
  table_.assign(std::bit_ceil(window_ * 2), Entry{0, 0});
  slot_shift_ = 64 - std::countr_zero(table_.size());
}

UniqueIds::~UniqueIds() {
  if (spilled_) std::fclose(spilled_);
}

UniqueIds::Key UniqueIds::key(std::string_view id) const {
  const Key key{hash_id(id)};
#if defined(__GNUC__)
  __builtin_prefetch(&table_[home_slot(key.hash)]);
#endif
  return key;
}

long UniqueIds::insert(Key id, long line) {
  if (size_ == window_) spill();
  const std::uint64_t h = id.hash;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t slot = home_slot(h);; slot = (slot + 1) & mask) {
    if (table_[slot].hash == 0) {
      table_[slot] = {h, static_cast<std::uint32_t>(line)};
      ++size_;
      return 0;
    }
    if (table_[slot].hash == h) return table_[slot].line;
  }
}

// Writes the table's entries, sorted by hash, as one run, and empties the table.
void UniqueIds::spill() {
  if (!spilled_ && !(spilled_ = std::tmpfile())) temporary_failed();
  // An id's home slot is its hash's top bits, so the table in slot order is already sorted by hash
  // but within short clusters (and the few entries that wrapped round to the start): insertion sort
  // finishes it in about linear time.
  std::vector<Entry> run;
  run.reserve(size_);
  for (const Entry& entry : table_) {
    if (entry.hash == 0) continue;
    auto at = run.end();
    while (at != run.begin() && (at - 1)->hash > entry.hash) --at;
    run.insert(at, entry);
  }
  if (std::fwrite(run.data(), sizeof(Entry), run.size(), spilled_) != run.size()) temporary_failed();
  run_sizes_.push_back(run.size());
  std::fill(table_.begin(), table_.end(), Entry{0, 0});
  size_ = 0;
}

std::optional<UniqueIds::Repeat> UniqueIds::finish() {
  if (!spilled_) return std::nullopt;  // everything was in one table: repeats were caught on insert
  spill();
  if (std::fflush(spilled_) != 0) temporary_failed();

  // Each run is read through a small buffer; a heap merges them by hash.
  struct Cursor {
    long offset;      // next entry to read, in entries from the start of the file
    std::size_t left;  // entries not yet read
    std::vector<Entry> buffer;
    std::size_t at = 0;
  };
  // The runs share 1 MB of buffers, so memory stays flat however many runs a long file makes.
  constexpr std::size_t buffer_budget = (std::size_t{1} << 20) / sizeof(Entry);
  const std::size_t buffer_entries = std::clamp<std::size_t>(buffer_budget / run_sizes_.size(), 64, 4096);
  std::vector<Cursor> cursors;
  long offset = 0;
  for (const auto size : run_sizes_) {
    cursors.push_back({offset, size, {}, 0});
    offset += static_cast<long>(size);
  }
  auto refill = [&](Cursor& c) {
    const std::size_t n = std::min(c.left, buffer_entries);
    c.buffer.resize(n);
    c.at = 0;
    if (n == 0) return false;
    if (std::fseek(spilled_, c.offset * static_cast<long>(sizeof(Entry)), SEEK_SET) != 0 ||
        std::fread(c.buffer.data(), sizeof(Entry), n, spilled_) != n)
      temporary_failed();
    c.offset += static_cast<long>(n);
    c.left -= n;
    return true;
  };
  // The heap holds each run's next hash beside the run's number, so comparing touches no buffer.
  using Head = std::pair<std::uint64_t, std::size_t>;
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
  for (std::size_t i = 0; i < cursors.size(); ++i)
    if (refill(cursors[i])) heap.push({cursors[i].buffer[0].hash, i});

  std::optional<Entry> previous;
  std::optional<Repeat> repeat;
  while (!heap.empty()) {
    const std::size_t i = heap.top().second;
    heap.pop();
    Cursor& c = cursors[i];
    const Entry entry = c.buffer[c.at++];
    if (previous && previous->hash == entry.hash) {
      const long a = previous->line, b = entry.line;
      const Repeat found{std::max(a, b), std::min(a, b)};
      if (!repeat || found.line < repeat->line) repeat = found;  // report the earliest repeat
    }
    previous = entry;
    if (c.at < c.buffer.size() || refill(c)) heap.push({c.buffer[c.at].hash, i});
  }
  return repeat;
}

}  // namespace waymark
