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
  throw Error(ErrorKind::io, std::string("cannot use a temporary file for the duplicate-id check: ") + std::strerror(errno));
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
  return insert_at(id, line, 0).value_or(0);
}

std::optional<long> UniqueIds::insert_at(Key id, long line, int skipped_bits) {
  const std::size_t mask = table_.size() - 1;
  for (std::size_t slot = home_slot(id.hash << skipped_bits);; slot = (slot + 1) & mask) {
    if (table_[slot].hash == 0) {
      table_[slot] = {id.hash, static_cast<std::uint32_t>(line)};
      ++size_;
      return std::nullopt;
    }
    if (table_[slot].hash == id.hash) return table_[slot].line;
  }
}

void UniqueIds::clear_table() {
  std::fill(table_.begin(), table_.end(), Entry{0, 0});
  size_ = 0;
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
  if (!run.empty() && std::fwrite(run.data(), sizeof(Entry), run.size(), spilled_) != run.size()) temporary_failed();
  run_sizes_.push_back(run.size());
  clear_table();
}

// A spilled run read back in order through a small buffer.
struct UniqueIds::Run {
  std::size_t base;  // the index in the file of buffer[0]
  std::size_t end;   // the index in the file past the run's last entry
  std::vector<Entry> buffer;
  std::size_t at = 0;  // the next entry, in buffer

  std::size_t position() const { return base + at; }
  void rewind(std::size_t to) {
    if (to < base || to > base + buffer.size()) buffer.clear(), base = to;  // read again from `to`
    at = to - base;
  }
};

std::optional<UniqueIds::Repeat> UniqueIds::finish() {
  if (!spilled_) return std::nullopt;  // everything was in one table: repeats were caught on insert
  spill();
  if (std::fflush(spilled_) != 0) temporary_failed();

  // The runs share 1 MB of buffers, so memory stays flat however many runs a long file makes.
  constexpr std::size_t buffer_budget = (std::size_t{1} << 20) / sizeof(Entry);
  buffer_entries_ = std::clamp<std::size_t>(buffer_budget / run_sizes_.size(), 64, 4096);
  std::vector<Run> runs;
  std::size_t total = 0;
  for (const auto size : run_sizes_) {
    runs.push_back({total, total + size, {}, 0});
    total += size;
  }
  // Each run is sorted by hash, so the hash space is cut into slices named by a hash's top bits,
  // and each run read in order, slice after slice. Enough slices are taken for each to fill
  // about a quarter of the table.
  const int slice_bits = std::countr_zero(std::bit_ceil(std::max<std::size_t>(1, 2 * total / window_)));
  std::optional<Repeat> repeat;
  for (std::uint64_t slice = 0; slice < (std::uint64_t{1} << slice_bits); ++slice) check_slice(runs, slice, slice_bits, repeat);
  clear_table();
  return repeat;
}

// The slice's entries of every run go into the emptied table, where a repeat shows as on insert.
// A slice too large for the table (ids whose hashes share more leading bits than chance gives) is
// checked again as two halves, so memory stays bounded.
void UniqueIds::check_slice(std::vector<Run>& runs, std::uint64_t prefix, int bits, std::optional<Repeat>& repeat) {
  std::vector<std::size_t> starts;
  for (const auto& run : runs) starts.push_back(run.position());
  clear_table();
  const auto in_slice = [&](std::uint64_t hash) { return bits == 0 || hash >> (64 - bits) == prefix; };
  // Runs in file order: an id's first sighting is in the table before any repeat of it.
  for (auto& run : runs) {
    for (const Entry* entry; (entry = next_entry(run)) && in_slice(entry->hash); ++run.at) {
      if (const auto first = insert_at(Key{entry->hash}, entry->line, bits)) {
        if (!repeat || static_cast<long>(entry->line) < repeat->line) repeat = Repeat{static_cast<long>(entry->line), *first};
      } else if (2 * size_ > table_.size()) {
        for (std::size_t i = 0; i < runs.size(); ++i) runs[i].rewind(starts[i]);
        check_slice(runs, prefix << 1, bits + 1, repeat);
        check_slice(runs, (prefix << 1) | 1, bits + 1, repeat);
        return;
      }
    }
  }
}

const UniqueIds::Entry* UniqueIds::next_entry(Run& run) {
  if (run.at < run.buffer.size()) return &run.buffer[run.at];
  run.base += run.buffer.size();
  run.at = 0;
  const std::size_t n = std::min(run.end - run.base, buffer_entries_);
  run.buffer.resize(n);
  if (n == 0) return nullptr;
  if (std::fseek(spilled_, static_cast<long>(run.base * sizeof(Entry)), SEEK_SET) != 0 ||
      std::fread(run.buffer.data(), sizeof(Entry), n, spilled_) != n)
    temporary_failed();
  return &run.buffer[0];
}

}  // namespace waymark
