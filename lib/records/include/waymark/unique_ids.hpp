// Catching a learner listed twice in bounded memory, whatever the size of the file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

namespace waymark {

// Keeps a 64-bit hash and the line of each id (two ids collide with probability about n^2 / 2^65:
// once in ~10^7 files of 10^6 learners). Up to `window` ids are held in a hash table and a repeat
// among them is caught at once; beyond that the table is sorted and spilled to an anonymous
// temporary file, and repeats across spilled runs are found in `finish`, a slice of the hash space
// at a time. Memory is about 48 bytes times `window` (1.5 MB by default), and 1 MB of buffers in
// `finish`. `finish` reads each run once per slice, which suits windows of thousands of ids.
class UniqueIds {
 public:
  struct Repeat {
    long line;        // where the id appears again
    long first_line;  // where it appeared first
  };

  explicit UniqueIds(std::size_t window = std::size_t{1} << 15);
  ~UniqueIds();
  UniqueIds(const UniqueIds&) = delete;
  UniqueIds& operator=(const UniqueIds&) = delete;

  // An id's hash. Its slot in the table is not in a core's caches (the table is larger), so this
  // also asks for the slot to be fetched: a caller with other work can do it before insert(Key, ...).
  struct Key {
    std::uint64_t hash;
  };
  Key key(std::string_view id) const;

  // Records the id seen on `line`; returns 0 if it is new so far, else the line where it was first seen.
  long insert(Key id, long line);
  long insert(std::string_view id, long line) { return insert(key(id), line); }
  // After the last insert: a repeat across spilled runs, if any. Throws Error(io) if the
  // temporary file fails.
  std::optional<Repeat> finish();

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t line;
  };
  struct Run;
  // Inserts at the slot the hash's bits after the first `skipped_bits` name (0 but in finish);
  // the line of the id's first sighting if it was there already. The table must have a free slot.
  std::optional<long> insert_at(Key id, long line, int skipped_bits);
  void clear_table();
  void spill();
  // Checks the spilled ids whose hashes start with the `bits` bits of `prefix`.
  void check_slice(std::vector<Run>& runs, std::uint64_t prefix, int bits, std::optional<Repeat>& repeat);
  // The run's next entry, read from the file when its buffer is used up; nullptr at its end.
  const Entry* next_entry(Run& run);
  std::size_t home_slot(std::uint64_t hash) const { return static_cast<std::size_t>(hash >> slot_shift_); }

  std::size_t window_;
  std::vector<Entry> table_;  // open addressing, hash 0 marks an empty slot
  int slot_shift_ = 0;        // 64 less the bits of a slot number
  std::size_t size_ = 0;
  std::FILE* spilled_ = nullptr;
  std::vector<std::size_t> run_sizes_;
  std::size_t buffer_entries_ = 0;  // in finish: the entries each run reads at once
};

}  // namespace waymark
