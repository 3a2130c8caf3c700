#include "waymark/unique_ids.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>

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
  return insert_at(id, line, 0);
}

long UniqueIds::insert_at(Key id, long line, int skipped_bits) {
  const std::size_t mask = table_.size() - 1;
  for (std::size_t slot = home_slot(id.hash << skipped_bits);; slot = (slot + 1) & mask) {
    if (table_[slot].hash == 0) {
      table_[slot] = {id.hash, static_cast<std::uint32_t>(line)};
      ++size_;
      return 0;
    }
    if (table_[slot].hash == id.hash) return table_[slot].line;
  }
}

void UniqueIds::grow(int skipped_bits) {
  std::vector<Entry> entries;
  entries.reserve(size_);
  for (const Entry& entry : table_)
    if (entry.hash != 0) entries.push_back(entry);
  table_.assign(2 * table_.size(), Entry{0, 0});
  --slot_shift_;
  size_ = 0;
  for (const Entry& entry : entries) insert_at(Key{entry.hash}, entry.line, skipped_bits);
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

  // Each run is sorted by hash, so the hash space can be cut into slices, the top bits of a hash
  // naming its slice, and each run read in order, slice after slice. A slice of every run goes
  // into the emptied table, where a repeat shows as on insert. Enough slices are taken for each
  // to fill about a quarter of the table.
  std::size_t total = 0;
  for (const auto size : run_sizes_) total += size;
  const int slice_bits = std::countr_zero(std::bit_ceil(std::max<std::size_t>(1, 2 * total / window_)));

  // Each run is read through a small buffer; the runs share 1 MB of buffers, so memory stays
  // flat however many runs a long file makes.
  struct Cursor {
    long offset;       // next entry to read, in entries from the start of the file
    std::size_t left;  // entries not yet read
    std::vector<Entry> buffer;
    std::size_t at = 0;
  };
  constexpr std::size_t buffer_budget = (std::size_t{1} << 20) / sizeof(Entry);
  const std::size_t buffer_entries = std::clamp<std::size_t>(buffer_budget / run_sizes_.size(), 64, 4096);
  std::vector<Cursor> cursors;
  long offset = 0;
  for (const auto size : run_sizes_) {
    cursors.push_back({offset, size, {}, 0});
    offset += static_cast<long>(size);
  }
  // The next entry of a run, reading more when its buffer is used up; nullptr at its end.
  auto next = [&](Cursor& c) -> const Entry* {
    if (c.at < c.buffer.size()) return &c.buffer[c.at];
    const std::size_t n = std::min(c.left, buffer_entries);
    if (n == 0) return nullptr;
    c.buffer.resize(n);
    c.at = 0;
    if (std::fseek(spilled_, c.offset * static_cast<long>(sizeof(Entry)), SEEK_SET) != 0 ||
        std::fread(c.buffer.data(), sizeof(Entry), n, spilled_) != n)
      temporary_failed();
    c.offset += static_cast<long>(n);
    c.left -= n;
    return &c.buffer[0];
  };

  std::optional<Repeat> repeat;
  const auto slice_of = [&](std::uint64_t hash) { return slice_bits == 0 ? 0 : hash >> (64 - slice_bits); };
  for (std::uint64_t slice = 0; slice < (std::uint64_t{1} << slice_bits); ++slice) {
    std::fill(table_.begin(), table_.end(), Entry{0, 0});
    size_ = 0;
    // Runs in file order: an id's first sighting is in the table before any repeat of it.
    for (auto& cursor : cursors) {
      for (const Entry* entry; (entry = next(cursor)) && slice_of(entry->hash) == slice; ++cursor.at) {
        // The bits after the slice's choose the slot; the table grows if a slice is unusually large.
        if (2 * size_ >= table_.size()) grow(slice_bits);
        const long first = insert_at(Key{entry->hash}, entry->line, slice_bits);
        if (first && (!repeat || entry->line < repeat->line)) repeat = Repeat{entry->line, first};
      }
    }
  }
  return repeat;
}

}  // namespace waymark
